import type { EditorView } from '@codemirror/view'
import { lineForOffset, offsetForLine, type Anchor } from './scroll-sync'

/** The preview's block anchors (source line and offset), and where its content ends. */
function previewAnchors(preview: HTMLElement, lines: number): { anchors: Anchor[]; end: Anchor } {
  const anchors = [...preview.querySelectorAll<HTMLElement>('[data-line]')].map((el) => ({ line: Number(el.dataset.line), top: el.offsetTop }))
  return { anchors, end: { line: lines + 1, top: preview.scrollHeight } }
}

/** Scrolls the preview to show the source line at the top of the editor. */
export function syncPreviewToEditor(view: EditorView, preview: HTMLElement | null): void {
  if (!preview) return
  const top = view.scrollDOM.scrollTop
  const block = view.lineBlockAtHeight(top)
  const line = view.state.doc.lineAt(block.from).number + (block.height ? (top - block.top) / block.height : 0)
  const { anchors, end } = previewAnchors(preview, view.state.doc.lines)
  preview.scrollTop = offsetForLine(anchors, line, end)
}

/** Scrolls the editor to the source line of what is at the top of the preview. */
export function syncEditorToPreview(view: EditorView, preview: HTMLElement): void {
  const { anchors, end } = previewAnchors(preview, view.state.doc.lines)
  const line = lineForOffset(anchors, preview.scrollTop, end)
  const whole = Math.min(view.state.doc.lines, Math.max(1, Math.floor(line)))
  const block = view.lineBlockAt(view.state.doc.line(whole).from)
  view.scrollDOM.scrollTop = block.top + (line - whole) * block.height
}
