import { lastAtMost } from '../../common/sorted'

/** A preview block's source line and its top offset inside the preview's scroll area. */
export interface Anchor {
  line: number
  top: number
}

/**
 * The preview's block anchors in document order, lines and offsets ascending. They are read
 * one at a time by binary search: reading every block's offset on each scroll event costs a
 * long post (thousands of blocks) most of a frame.
 */
export interface Anchors {
  count: number
  line(index: number): number
  top(index: number): number
}

/** Anchors held in an array. */
export const anchorList = (list: Anchor[]): Anchors => ({ count: list.length, line: (i) => list[i]!.line, top: (i) => list[i]!.top })

/** The anchors either side of `value` by `key`: from the start of the post, to `end`. */
function around(anchors: Anchors, key: (index: number) => number, value: number, end: Anchor): [Anchor, Anchor] {
  const at = (i: number): Anchor => ({ line: anchors.line(i), top: anchors.top(i) })
  const i = lastAtMost(anchors.count, key, value)
  return [i < 0 ? { line: 1, top: 0 } : at(i), i + 1 < anchors.count ? at(i + 1) : end]
}

/**
 * Scroll sync by source position, not percentage: the preview offset of a (fractional)
 * source line, interpolated between the blocks that start around it.
 */
export function offsetForLine(anchors: Anchors, line: number, end: Anchor): number {
  if (anchors.count === 0) return 0
  const [before, after] = around(anchors, anchors.line, line, end)
  const span = after.line - before.line
  return span > 0 ? before.top + ((line - before.line) / span) * (after.top - before.top) : before.top
}

/** The inverse: the fractional source line shown at a preview offset. */
export function lineForOffset(anchors: Anchors, offset: number, end: Anchor): number {
  if (anchors.count === 0) return 1
  const [before, after] = around(anchors, anchors.top, offset, end)
  const span = after.top - before.top
  return span > 0 ? before.line + ((offset - before.top) / span) * (after.line - before.line) : before.line
}
