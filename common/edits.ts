import type { TextEdit } from './api'
import { lastAtMost } from './sorted'

/**
 * Applies edits to a text. Edits are offsets into the original text and must not overlap;
 * they are applied back to front so earlier offsets stay valid.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.from - a.from || b.to - a.to)
  let result = text
  let limit = Infinity
  for (const edit of sorted) {
    if (edit.from < 0 || edit.to < edit.from || edit.to > text.length || edit.to > limit) {
      throw new Error(`edit ${edit.from}-${edit.to} is outside the text or overlaps another edit`)
    }
    result = result.slice(0, edit.from) + edit.insert + result.slice(edit.to)
    limit = edit.from
  }
  return result
}

/** True when two edit ranges overlap or touch, so applying both at once could garble the text. */
export const editsConflict = (a: TextEdit, b: TextEdit): boolean => a.from <= b.to && b.from <= a.to

/** The smallest single edit that turns `before` into `after` (null when they are equal). */
export function diffEdit(before: string, after: string): TextEdit | null {
  if (before === after) return null
  let start = 0
  const max = Math.min(before.length, after.length)
  while (start < max && before[start] === after[start]) start++
  let end = 0
  while (end < max - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++
  return { from: start, to: before.length - end, insert: after.slice(start, after.length - end) }
}

/** The offset at which each line starts (index 0 is line 1). */
export function lineStarts(text: string): number[] {
  const starts = [0]
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}

/** 1-based line and column of an offset, given {@link lineStarts}. */
export function positionAt(starts: readonly number[], offset: number): { line: number; column: number } {
  const lo = Math.max(0, lastAtMost(starts.length, (i) => starts[i]!, offset))
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 }
}

/** The line ending a text uses: CRLF when its first line ends with one, else LF. */
export function eolOf(text: string): '\n' | '\r\n' {
  const lf = text.indexOf('\n')
  return lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n'
}
