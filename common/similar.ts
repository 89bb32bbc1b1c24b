/** Edit distance between two short strings (for "did you mean" fixes). */
export function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const next = [i]
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    row = next
  }
  return row[b.length] ?? 0
}

/** The anchor most like `wanted`, when one is close enough to be the intended one. */
export function closest(wanted: string, anchors: Iterable<string>): string | null {
  let best: string | null = null
  let bestDistance = Math.max(2, Math.floor(wanted.length / 4)) + 1
  for (const anchor of anchors) {
    const d = anchor.toLowerCase() === wanted.toLowerCase() ? 0 : distance(anchor, wanted)
    if (d < bestDistance) [best, bestDistance] = [anchor, d]
  }
  return best
}
