import { syntaxTree } from '@codemirror/language'
import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view'
import { RangeSetBuilder } from '@codemirror/state'

const noteLine = Decoration.line({ class: 'cm-draft-note' })

function decorate(view: EditorView): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>()
  let lastLine = -1
  for (const { from, to } of view.visibleRanges) {
    syntaxTree(view.state).iterate({
      from,
      to,
      enter: (node) => {
        if (node.name !== 'CommentBlock' && node.name !== 'Comment') return
        const text = view.state.sliceDoc(node.from, node.to)
        if (node.name === 'Comment' && !text.startsWith('<!--')) return
        for (let pos = node.from; pos <= node.to; ) {
          const line = view.state.doc.lineAt(pos)
          if (line.number > lastLine) builder.add(line.from, line.from, noteLine)
          lastLine = line.number
          pos = line.to + 1
        }
      }
    })
  }
  return builder.finish()
}

/**
 * Drafting notes (HTML comments) get a tinted band across their lines, so they read as
 * notes to self rather than as post text.
 */
export const draftNotes = () =>
  ViewPlugin.fromClass(
    class {
      decorations: DecorationSet
      constructor(view: EditorView) {
        this.decorations = decorate(view)
      }
      update(update: ViewUpdate) {
        if (update.docChanged || update.viewportChanged || syntaxTree(update.startState) !== syntaxTree(update.state)) {
          this.decorations = decorate(update.view)
        }
      }
    },
    { decorations: (plugin) => plugin.decorations }
  )
