import type { Element, Root } from 'hast'
import { toString } from 'hast-util-to-string'
import { visit } from 'unist-util-visit'
import { headingIds, headingSlug } from '../heading-id'

/**
 * Gives each heading without an id of its own the id common/heading-id.ts says (GitHub's
 * slug, `section` for a heading with nothing to slug), numbered in document order. It runs
 * after the sanitizer, so the ids are not prefixed. The incremental renderer gives the same
 * ids per block, from the same functions.
 */
export default function rehypeHeadingSlugs() {
  return (tree: Root) => {
    const headingId = headingIds()
    visit(tree, 'element', (node: Element) => {
      if (/^h[1-6]$/.test(node.tagName) && !node.properties.id) node.properties.id = headingId(headingSlug(toString(node)))
    })
  }
}
