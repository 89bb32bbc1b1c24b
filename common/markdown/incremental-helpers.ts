import { toHtml } from 'hast-util-to-html'
import type { Root as HastRoot } from 'hast'
import type { Nodes, Text } from 'mdast'
import type { RenderedBlock } from './pipeline'

/** Text and tree helpers of the incremental renderer (incremental.ts): pure, no renderer state. */

export const lineStart = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1) + 1

export const lineEnd = (text: string, offset: number) => {
  const end = text.indexOf('\n', offset)
  return end === -1 ? text.length : end
}

export function countLines(text: string, from: number, to: number): number {
  let n = 0
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++
  return n
}

/** An edit: the old and new text agree before `from` and after `oldTo` (`oldTo + delta` in the new text). */
export interface Change {
  from: number
  oldTo: number
  delta: number
  /** Lines the edit added (negative: removed). */
  lineDelta: number
}

/**
 * Where `text` differs from `old`. Whole chunks are compared first: string equality is about
 * ten times faster than a loop over characters, which took most of a keystroke at 25k lines.
 */
export function diff(old: string, text: string): Change {
  const limit = Math.min(old.length, text.length)
  const chunk = 1024
  let prefix = 0
  while (prefix + chunk <= limit && old.slice(prefix, prefix + chunk) === text.slice(prefix, prefix + chunk)) prefix += chunk
  while (prefix < limit && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++
  let suffix = 0
  const tail = (s: string, n: number) => s.slice(s.length - n - chunk, s.length - n)
  while (suffix + chunk <= limit - prefix && tail(old, suffix) === tail(text, suffix)) suffix += chunk
  while (suffix < limit - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++
  const oldTo = old.length - suffix
  const lineDelta = countLines(text, prefix, text.length - suffix) - countLines(old, prefix, oldTo)
  return { from: prefix, oldTo, delta: text.length - old.length, lineDelta }
}

/** The text node (outside links and code) whose source holds offsets [from, to) strictly inside it. */
export function plainTextAt(node: Nodes, from: number, to: number): Text | null {
  if (node.type === 'text') return node.position!.start.offset! < from && to < node.position!.end.offset! ? node : null
  if (node.type !== 'paragraph' && node.type !== 'emphasis' && node.type !== 'strong' && node.type !== 'delete') return null
  for (const child of node.children) {
    const found = plainTextAt(child, from, to)
    if (found) return found
  }
  return null
}

/** Moves the offsets at or after `at` in a tree by `delta` (columns are left: nothing reads them). */
export function moveOffsets(node: Nodes, at: number, delta: number): void {
  if (node.position!.start.offset! >= at) node.position!.start.offset! += delta
  if (node.position!.end.offset! >= at) node.position!.end.offset! += delta
  if ('children' in node) for (const child of node.children) moveOffsets(child, at, delta)
}

/**
 * A whole-document render cut at the newlines the pipeline puts between blocks, each piece
 * with the line it starts on; joined with newlines it is the full render again.
 */
export function splitTopLevel(hast: HastRoot): RenderedBlock[] {
  const blocks: RenderedBlock[] = [{ html: '', line: 0 }]
  for (const node of hast.children) {
    if (node.type === 'text' && node.value === '\n') blocks.push({ html: '', line: 0 })
    else {
      const block = blocks.at(-1)!
      block.html += toHtml(node)
      block.line ||= node.position?.start.line ?? 0
    }
  }
  return blocks
}
