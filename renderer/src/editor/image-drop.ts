import { Facet, type Extension } from '@codemirror/state'
import { EditorView } from '@codemirror/view'
import { carriesImages, galleryMarkdown, pastedImages } from '../images/import-helpers'
import { insertImageBlock, insertPoints } from './insert-points'
import { editorHandle, type EditorHandle } from './handle'

/**
 * Images dropped or pasted on the editor. Files go to the app, which imports them in the
 * background and inserts their links at a tracked place (insert-points.ts). A gallery
 * thumbnail dropped here is inserted at once.
 */

/** What the editor asks the app to do. */
export interface ImageDropHandler {
  /** Import dropped or pasted files and insert their links at `pos` (see EditorHandle.reserve). */
  importFiles(editor: EditorHandle, files: File[], pos: number): void
}

/** The app's handler; the first one given wins. */
export const imageDropHandler = Facet.define<ImageDropHandler, ImageDropHandler | null>({ combine: (values) => values[0] ?? null })

const dropHandlers = EditorView.domEventHandlers({
  dragover(event) {
    if (!carriesImages(event.dataTransfer?.types)) return false
    event.preventDefault()
    event.dataTransfer!.dropEffect = 'copy'
    return false
  },
  drop(event, view) {
    const data = event.dataTransfer
    const handler = view.state.facet(imageDropHandler)
    if (!data || !handler) return false
    const pos = view.posAtCoords({ x: event.clientX, y: event.clientY }, false)
    const gallery = galleryMarkdown(data)
    if (gallery) {
      insertImageBlock(view, pos, gallery)
      return true
    }
    const files = [...data.files]
    if (!files.length) return false
    handler.importFiles(editorHandle(view), files, pos)
    return true
  },
  paste(event, view) {
    const data = event.clipboardData
    const handler = view.state.facet(imageDropHandler)
    if (!data || !handler) return false
    const images = pastedImages([...data.files], data.getData('text/plain'))
    if (!images.length) return false
    handler.importFiles(editorHandle(view), images, view.state.selection.main.head)
    return true
  }
})

/** Dropping and pasting images on the editor, handled by `handler` (Insert Image is a command of the table). */
export function imageDrop(handler: ImageDropHandler): Extension {
  return [imageDropHandler.of(handler), insertPoints, dropHandlers]
}
