/**
 * A line diff (Myers' O(ND) algorithm) for showing one text beside another, as the recovery
 * view shows a recovered post against the file on disk. Environment-free.
 */

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

/** Myers' greedy shortest edit script; null when it needs more than `maxEdits` edits. */
function shortestEdit(a: string[], b: string[], maxEdits: number): Op[] | null {
  const n = a.length
  const m = b.length
  const max = n + m
  if (max === 0) return []
  const off = max + 1
  const v = new Int32Array(2 * max + 3)
  // The furthest x reached on each diagonal k = x - y, before each round d (for the walk back).
  const trace: Int32Array[] = []
  for (let d = 0; d <= Math.min(max, maxEdits); d++) {
    trace.push(v.slice(off - d - 1, off + d + 2))
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? v[off + k + 1]! : v[off + k - 1]! + 1
      let y = x - k
      while (x < n && y < m && a[x] === b[y]) {
        x++
        y++
      }
      v[off + k] = x
      if (x >= n && y >= m) return walkBack(trace, a, b)
    }
  }
  return null
}

function walkBack(trace: Int32Array[], a: string[], b: string[]): Op[] {
  const ops: Op[] = []
  let x = a.length
  let y = b.length
  for (let d = trace.length - 1; d >= 0; d--) {
    const row = trace[d]!
    const at = (k: number) => row[k + d + 1]!
    const k = x - y
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1
    const prevX = at(prevK)
    const prevY = prevX - prevK
    while (x > prevX && y > prevY) {
      x--
      y--
      ops.push(['same', a[x]!])
    }
    if (d > 0) ops.push(x === prevX ? ['add', b[y - 1]!] : ['del', a[x - 1]!])
    x = prevX
    y = prevY
  }
  return ops.reverse()
}
