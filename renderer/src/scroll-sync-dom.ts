import { scrollElementTo, type EditorHandle } from './editor/handle'
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

/** Scrolls the preview to show the source line at the top of the editor. */
export function syncPreviewToEditor(editor: EditorHandle, preview: HTMLElement | null): number | null {
  if (!preview) return null
  const { anchors, end } = previewAnchors(preview, editor.doc().lines)
  return scrollElementTo(preview, offsetForLine(anchors, editor.topLine(), end))
}

/** Scrolls the editor to the source line of what is at the top of the preview. */
export function syncEditorToPreview(editor: EditorHandle, preview: HTMLElement): number | null {
  const { anchors, end } = previewAnchors(preview, editor.doc().lines)
  return editor.scrollToLine(lineForOffset(anchors, preview.scrollTop, end))
}
