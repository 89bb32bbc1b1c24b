import type { EditorText } from '../editor/text'
import type { TextEdit } from '../../../common/api'
import { frontMatterBlock } from '../../../common/frontmatter'

/**
 * Text edits for images: where a run of `![Alt](link)` lines goes when it is dropped or
 * pasted, and the edits a rename of an image makes to a post. Pure functions of the text.
 */

/** A change that inserts a block of images, and where the cursor goes after it. */
export interface ImageBlockChange extends TextEdit {
  /** The end of the inserted markdown (before any blank line added after it). */
  cursor: number
}

const blank = (text: string) => !text.trim()

/** The offset just after the closing fence of the front matter, or 0 when the post has none. */
function frontMatterEnd(doc: EditorText): number {
  if (!doc.line(1).text.startsWith('---') && !doc.line(1).text.startsWith('\uFEFF---')) return 0
  // The block's closing line, without its line end (as CodeMirror's line.to counts).
  const end = frontMatterBlock(doc.sliceString(0, doc.line(Math.min(doc.lines, 2000)).to))?.to ?? 0
  return end && doc.lineAt(Math.max(0, end - 1)).to
}

/**
 * Inserts `markdown` at `pos` as a paragraph of its own. `block` is the markdown block
 * (paragraph, list, code, table) at `pos`, when known: a drop at its start goes before it,
 * anywhere else in it after it, so a paragraph, list or code block is never split. Without
 * a block the line counts as one. A drop on a blank line takes its place, one inside the
 * front matter goes below it, and blank lines are added only where the neighbours need one.
 */
export function imageBlockChange(doc: EditorText, pos: number, markdown: string, block: { from: number; to: number } | null = null): ImageBlockChange {
  pos = Math.max(0, Math.min(pos, doc.length))
  const fmEnd = frontMatterEnd(doc)
  if (fmEnd && pos <= fmEnd) [pos, block] = [fmEnd, null]
  const line = doc.lineAt(pos)
  const { from: start, to: end } = block ?? (blank(line.text) ? { from: pos, to: pos } : line)
  const first = doc.lineAt(start)
  let from: number
  let to: number
  if (!block && blank(line.text)) [from, to] = [line.from, line.to]
  else if (blank(doc.sliceString(first.from, pos))) from = to = first.from
  else from = to = doc.lineAt(end).to

  const fromLine = doc.lineAt(from)
  let prefix = ''
  if (!blank(doc.sliceString(fromLine.from, from))) prefix = '\n\n'
  else if (fromLine.number > 1 && !blank(doc.line(fromLine.number - 1).text)) prefix = '\n'

  const toLine = doc.lineAt(to)
  let suffix = ''
  if (!blank(doc.sliceString(to, toLine.to))) suffix = '\n\n'
  else if (toLine.number < doc.lines && !blank(doc.line(toLine.number + 1).text)) suffix = '\n'

  return { from, to, insert: prefix + markdown + suffix, cursor: from + prefix.length + markdown.length }
}

/** The edits an image rename makes to a post, one per reference (the one finder's, re-exported for the editor). */
export { imageReferenceEdits } from '../../../common/image-refs'
