/**
 * A line diff (jsdiff's Myers diff over lines) for showing one text beside another, as the recovery
 * view shows a recovered post against the file on disk. Environment-free.
 */
import { diffArrays } from 'diff'

/** One line of a diff: in both texts, only in the new one, or only in the old one. */
export interface DiffLine {
  kind: 'same' | 'add' | 'del'
  text: string
  /** 1-based line number in the old text (same, del). */
  oldLine?: number
  /** 1-based line number in the new text (same, add). */
  newLine?: number
}

/** A run of unchanged lines left out of a diff view. */
export interface SkippedLines {
  kind: 'skip'
  count: number
}

/** Past this many changed lines the diff stops looking for the shortest edit and shows old and new as one changed block. */
const defaultMaxEdits = 1000

/** The lines of `before` and `after` as kept, removed and added lines, in order. Texts split on `\n`. */
export function lineDiff(before: string, after: string, maxEdits = defaultMaxEdits): DiffLine[] {
  const a = before.split('\n')
  const b = after.split('\n')
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--
    endB--
  }
  const middle = shortestEdit(a.slice(start, endA), b.slice(start, endB), maxEdits) ?? wholeBlock(a.slice(start, endA), b.slice(start, endB))
  const ops: Op[] = [...a.slice(0, start).map((t): Op => ['same', t]), ...middle, ...a.slice(endA).map((t): Op => ['same', t])]
  let oldLine = 0
  let newLine = 0
  return ops.map(([kind, text]) => {
    if (kind === 'same') return { kind, text, oldLine: ++oldLine, newLine: ++newLine }
    return kind === 'del' ? { kind, text, oldLine: ++oldLine } : { kind, text, newLine: ++newLine }
  })
}

/** Keeps `context` unchanged lines around each change and folds longer unchanged runs into one {@link SkippedLines}. */
export function foldUnchanged(lines: DiffLine[], context = 3): (DiffLine | SkippedLines)[] {
  const keep = lines.map((l) => l.kind !== 'same')
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.kind === 'same') continue
    for (let j = Math.max(0, i - context); j <= Math.min(lines.length - 1, i + context); j++) keep[j] = true
  }
  const out: (DiffLine | SkippedLines)[] = []
  for (let i = 0; i < lines.length; i++) {
    if (keep[i]) {
      out.push(lines[i]!)
      continue
    }
    const last = out[out.length - 1]
    if (last?.kind === 'skip') last.count++
    else out.push({ kind: 'skip', count: 1 })
  }
  return out
}

/** How many lines a diff adds and removes. */
export function diffCounts(lines: DiffLine[]): { added: number; removed: number } {
  let added = 0
  let removed = 0
  for (const l of lines) {
    if (l.kind === 'add') added++
    else if (l.kind === 'del') removed++
  }
  return { added, removed }
}

type Op = ['same' | 'add' | 'del', string]

const wholeBlock = (a: string[], b: string[]): Op[] => [...a.map((t): Op => ['del', t]), ...b.map((t): Op => ['add', t])]

/** jsdiff's shortest edit script as ops; null when it needs more than `maxEdits` edits. */
function shortestEdit(a: string[], b: string[], maxEdits: number): Op[] | null {
  const changes = diffArrays(a, b, { maxEditLength: maxEdits })
  if (!changes) return null
  return changes.flatMap((c) => c.value.map((t): Op => [c.added ? 'add' : c.removed ? 'del' : 'same', t]))
}
