/** A preview block's source line and its top offset inside the preview's scroll area. */
export interface Anchor {
  line: number
  top: number
}

/**
 * Scroll sync by source position, not percentage: the preview offset of a (fractional)
 * source line, interpolated between the blocks that start around it.
 */
export function offsetForLine(anchors: Anchor[], line: number, end: { line: number; top: number }): number {
  if (anchors.length === 0) return 0
  let before: Anchor = { line: 1, top: 0 }
  let after: Anchor = end
  for (const anchor of anchors) {
    if (anchor.line <= line) before = anchor
    else {
      after = anchor
      break
    }
  }
  const span = after.line - before.line
  return span > 0 ? before.top + ((line - before.line) / span) * (after.top - before.top) : before.top
}

/** The inverse: the fractional source line shown at a preview offset. */
export function lineForOffset(anchors: Anchor[], offset: number, end: { line: number; top: number }): number {
  if (anchors.length === 0) return 1
  let before: Anchor = { line: 1, top: 0 }
  let after: Anchor = end
  for (const anchor of anchors) {
    if (anchor.top <= offset) before = anchor
    else {
      after = anchor
      break
    }
  }
  const span = after.top - before.top
  return span > 0 ? before.line + ((offset - before.top) / span) * (after.line - before.line) : before.line
}
