import type { Root, Html, RootContent } from 'mdast'
import { visit, SKIP } from 'unist-util-visit'

/** An HTML node that is only comments and whitespace: a drafting note. */
export const isCommentOnly = (value: string): boolean => /^\s*(<!--[\s\S]*?-->\s*)+$/.test(value)

/** The text of each comment in an HTML node, trimmed. */
export const commentTexts = (value: string): string[] =>
  [...value.matchAll(/<!--([\s\S]*?)-->/g)].map((m) => (m[1] ?? '').trim())

/**
 * Drafting notes (HTML comments) either disappear (export) or become a visible
 * `<aside class="draft-note">` (preview), so the writer sees them where they stand.
 */
export default function remarkDraftNotes(options: { show: boolean }) {
  return (tree: Root) => {
    visit(tree, 'html', (node: Html, index, parent) => {
      if (!parent || index === undefined || !isCommentOnly(node.value)) return
      if (!options.show) {
        parent.children.splice(index, 1)
        return [SKIP, index]
      }
      const aside = {
        type: 'paragraph',
        data: { hName: 'aside', hProperties: { className: ['draft-note'] } },
        children: [{ type: 'text', value: commentTexts(node.value).join('\n\n') }],
        position: node.position
      } as unknown as RootContent
      parent.children.splice(index, 1, aside)
      return SKIP
    })
  }
}
