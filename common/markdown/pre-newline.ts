import type { Element, Root } from 'hast'
import { visit } from 'unist-util-visit'

/**
 * Keeps the blank first line of a fenced code block through rehype-raw. The HTML parser
 * drops a newline that comes right after a `<pre>` start tag; hast-util-raw feeds it the
 * start tags of `<pre><code>` without clearing that rule at `<code>`, so the code's first
 * newline went (CommonMark examples 127 and 129). A second newline in front is the one the
 * parser drops. Runs just before rehype-raw, and only where rehype-raw runs.
 */
export default function rehypePreNewline() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'pre') return
      // The rule holds across start tags only: down the first children to the first text.
      let first = node.children[0]
      while (first?.type === 'element') first = first.children[0]
      if (first?.type === 'text' && first.value.startsWith('\n')) first.value = `\n${first.value}`
    })
  }
}
