import type { RenamedImage } from '../../../common/api'
import { canonicalImagePath } from '../../../common/image-refs'
import type { BufferEditor } from '../posts/buffer-ports'
import { imageReferenceEdits } from './markdown-edits'

/**
 * Makes the editor follow an image rename (the main side already rewrote the saved post):
 * every reference in the editor's text is pointed at the new name in one undoable change,
 * so unsaved edits stay. A post without unsaved edits (`clean`) then shows exactly the
 * text that was saved.
 */
export function applyImageRename(editor: Pick<BufferEditor, 'text' | 'edit'>, renamed: RenamedImage, clean: boolean): void {
  const oldPath = canonicalImagePath(renamed.oldLink)
  const newPath = canonicalImagePath(renamed.link)
  if (oldPath && newPath) {
    const edits = imageReferenceEdits(editor.text(), oldPath, newPath)
    if (edits.length) editor.edit(edits, 'input.rename')
  }
  const text = editor.text()
  if (clean && text !== renamed.text) editor.edit([{ from: 0, to: text.length, insert: renamed.text }], 'reload')
}
