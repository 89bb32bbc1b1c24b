import type { EditorView } from '@codemirror/view'
import { lastAtMost } from '../../common/sorted'
import { lineForOffset, offsetForLine, type Anchor, type Anchors } from './scroll-sync'

/**
 * The preview's blocks in document order, by index across its chunks (preview/chunks.ts):
 * a block is found through the chunks' running counts, without listing them all.
 */
export function previewBlocks(preview: HTMLElement): { count: number; block(index: number): HTMLElement } {
  const chunks = preview.querySelector('.markdown-body')?.querySelectorAll<HTMLElement>(':scope > .chunk') ?? []
  const starts: number[] = []
  let count = 0
  for (const chunk of chunks) {
    starts.push(count)
    count += chunk.childElementCount
  }
  const block = (index: number) => {
    const at = lastAtMost(starts.length, (k) => starts[k]!, index)
    return chunks[at]!.children[index - starts[at]!] as HTMLElement
  }
  return { count, block }
}

/** The preview's blocks as anchors (source line and offset, read on demand), and where its content ends. */
function previewAnchors(preview: HTMLElement, lines: number): { anchors: Anchors; end: Anchor } {
  const { count, block } = previewBlocks(preview)
  const anchors = { count, line: (i: number) => Number(block(i).getAttribute('data-line')), top: (i: number) => block(i).offsetTop }
  return { anchors, end: { line: lines + 1, top: preview.scrollHeight } }
}

/**
 * Moves `element` to `top`; returns where it ended up when it moved (the scroll event that
 * follows is then recognised as an echo), or null when it was already there.
 */
function scrollTo(element: HTMLElement, top: number): number | null {
  const before = element.scrollTop
  element.scrollTop = top
  return Math.abs(element.scrollTop - before) >= 1 ? element.scrollTop : null
}

/** Scrolls the preview to show the source line at the top of the editor. */
export function syncPreviewToEditor(view: EditorView, preview: HTMLElement | null): number | null {
  if (!preview) return null
  const top = view.scrollDOM.scrollTop
  const block = view.lineBlockAtHeight(top)
  const line = view.state.doc.lineAt(block.from).number + (block.height ? (top - block.top) / block.height : 0)
  const { anchors, end } = previewAnchors(preview, view.state.doc.lines)
  return scrollTo(preview, offsetForLine(anchors, line, end))
}

/** Scrolls the editor to the source line of what is at the top of the preview. */
export function syncEditorToPreview(view: EditorView, preview: HTMLElement): number | null {
  const { anchors, end } = previewAnchors(preview, view.state.doc.lines)
  const line = lineForOffset(anchors, preview.scrollTop, end)
  const whole = Math.min(view.state.doc.lines, Math.max(1, Math.floor(line)))
  const block = view.lineBlockAt(view.state.doc.line(whole).from)
  return scrollTo(view.scrollDOM, block.top + (line - whole) * block.height)
}
