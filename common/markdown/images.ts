import type { Root, Element } from 'hast'
import { visit } from 'unist-util-visit'

/** Maps a post-relative image reference to the URL to emit, or null to drop the image. */
export type ImageResolver = (src: string) => string | null

/**
 * Rewrites every `<img>` through the resolver (the preview's protocol, the export's copy or
 * data URI) and asks the browser to load and decode it lazily.
 */
export default function rehypeImages(options: { resolve: ImageResolver }) {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'img') return
      const src = typeof node.properties.src === 'string' ? node.properties.src : ''
      const url = src ? options.resolve(src) : null
      if (url === null) {
        node.properties.src = undefined
        node.properties.dataMissing = src || 'empty'
      } else {
        node.properties.src = url
      }
      node.properties.loading = 'lazy'
      node.properties.decoding = 'async'
    })
  }
}
