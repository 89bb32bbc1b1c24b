import type { EditorView } from '@codemirror/view'
import type { RenamedImage } from '../../../common/api'
import { canonicalImagePath } from '../../../common/image-refs'
import { imageReferenceEdits } from './markdown-edits'

/**
 * Makes the editor follow an image rename (the main side already rewrote the saved post):
 * every reference in the editor's text is pointed at the new name in one undoable change,
 * so unsaved edits stay. A post without unsaved edits (`clean`) then shows exactly the
 * text that was saved.
 */
export function applyImageRename(view: EditorView, renamed: RenamedImage, clean: boolean): void {
  const oldPath = canonicalImagePath(renamed.oldLink)
  const newPath = canonicalImagePath(renamed.link)
  if (oldPath && newPath) {
    const edits = imageReferenceEdits(view.state.doc.toString(), oldPath, newPath)
    if (edits.length) view.dispatch({ changes: edits, userEvent: 'input.rename' })
  }
  if (clean && view.state.doc.toString() !== renamed.text) {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: renamed.text }, userEvent: 'reload' })
  }
}
