import type { Root, Element } from 'hast'
import { visit } from 'unist-util-visit'

/**
 * Footnote links point at the ids the sanitizer gives footnotes (`user-content-fn-1`).
 * remark-rehype runs with no prefix of its own, the sanitizer adds GitHub's prefix to every
 * id once, and this plugin adds the same prefix to the footnote links, so they resolve.
 */
export default function rehypeFootnoteLinks() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      const href = node.properties.href
      if (node.tagName !== 'a' || typeof href !== 'string' || !href.startsWith('#')) return
      if (node.properties.dataFootnoteRef !== undefined || node.properties.dataFootnoteBackref !== undefined) {
        node.properties.href = `#user-content-${href.slice(1)}`
      }
    })
  }
}
