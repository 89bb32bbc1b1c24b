import type { Root, Element } from 'hast'
import { visit } from 'unist-util-visit'

/** Maps a post-relative image reference to the URL to emit, or null to drop the image. */
export type ImageResolver = (src: string) => string | null

/**
 * Rewrites every `<img>` through the resolver (the preview's protocol, the export's copy or
 * data URI) and asks the browser to load and decode it lazily. With `defer` (the preview)
 * the URL goes to `data-src` instead, for the preview to load the images near where it is
 * scrolled (renderer/src/preview/image-loading.ts): Chromium's own lazy loading checks
 * every waiting image on every scrolled frame, about 3.4 ms a frame with 1,900 of them.
 */
export default function rehypeImages(options: { resolve: ImageResolver; defer?: boolean }) {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'img') return
      const src = typeof node.properties.src === 'string' ? node.properties.src : ''
      const url = src ? options.resolve(src) : null
      if (url === null) {
        node.properties.src = undefined
        node.properties.dataMissing = src || 'empty'
      } else if (options.defer) {
        node.properties.src = undefined
        node.properties.dataSrc = url
      } else {
        node.properties.src = url
      }
      if (!options.defer) node.properties.loading = 'lazy'
      node.properties.decoding = 'async'
    })
  }
}
