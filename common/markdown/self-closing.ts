import type { Root } from 'hast'
import { visit } from 'unist-util-visit'

const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'])

/** A start tag written `<name .../>`; quoted values may hold `>` and `/>`, and in `<a href=x/>` the slash is the value's. */
const selfClosingTag = /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+(?:[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+(?=[\s>])))?))*)\s*\/>/g

/**
 * Reads `<a name="x"/>` (common in posts written as XHTML) as the empty element its author
 * meant. HTML ignores the slash on elements that are not void, so the anchor stayed open:
 * it swallowed the rest of its paragraph and reopened in every block after it, one more
 * element with the same id each time. Runs on the raw HTML, just before rehype-raw.
 */
export default function rehypeSelfClosing() {
  return (tree: Root) => {
    visit(tree, 'raw', (node) => {
      if (!node.value.includes('/>')) return
      node.value = node.value.replace(selfClosingTag, (tag, name: string, attributes: string) =>
        voidElements.has(name.toLowerCase()) ? tag : `<${name}${attributes}></${name}>`
      )
    })
  }
}
