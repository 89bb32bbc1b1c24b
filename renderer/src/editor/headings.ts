import { ensureSyntaxTree, syntaxTree } from '@codemirror/language'
import type { EditorState } from '@codemirror/state'
import type { Heading } from '../../../common/outline'

/**
 * The headings up to `pos`, read from the editor's own syntax tree: for when the preview's
 * render of the text is not in yet (a post just opened, or a long one still rendering), so
 * an image dropped then is still named after its section. Text as written, marks removed.
 */
export function editorHeadings(state: EditorState, pos: number): Heading[] {
  const headings: Heading[] = []
  const tree = ensureSyntaxTree(state, pos, 50) ?? syntaxTree(state)
  tree.iterate({
    to: pos,
    enter: (node) => {
      const kind = /^(ATX|Setext)Heading(\d)$/.exec(node.name)
      if (!kind) return
      const line = state.doc.lineAt(node.from)
      const text = kind[1] === 'ATX' ? line.text.replace(/^\s*#+\s*/, '').replace(/\s+#+\s*$/, '') : line.text.trim()
      headings.push({ depth: Number(kind[2]), text, slug: '', line: line.number, notes: [] })
      return false
    }
  })
  return headings
}
