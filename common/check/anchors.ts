import { visit } from 'unist-util-visit'
import type { Diagnostic } from '../api'
import type { CheckContext } from './types'

/** Edit distance between two short strings (for "did you mean" fixes). */
function distance(a: string, b: string): number {
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
function closest(wanted: string, anchors: Iterable<string>): string | null {
  let best: string | null = null
  let bestDistance = Math.max(2, Math.floor(wanted.length / 4)) + 1
  for (const anchor of anchors) {
    const d = anchor.toLowerCase() === wanted.toLowerCase() ? 0 : distance(anchor, wanted)
    if (d < bestDistance) [best, bestDistance] = [anchor, d]
  }
  return best
}

const idAttribute = /\s(?:id|name)\s*=\s*["']([^"']+)["']/gi

/**
 * Links to `#anchors` of the post that match no heading (ids as common/heading-id.ts gives them,
 * GitHub's scheme) and no `id`/`name` in raw HTML. `#` and `#top` always work. Links inside
 * an out-of-date TOC are left to the TOC rule, whose fix rewrites them all.
 */
export function checkAnchors(context: CheckContext): Diagnostic[] {
  const { text, toc, tocEdit } = context
  const anchors = new Set(context.headings.map((h) => h.slug))
  visit(context.tree, 'html', (node) => {
    for (const m of node.value.matchAll(idAttribute)) if (m[1]) anchors.add(m[1])
  })
  const found: Diagnostic[] = []
  visit(context.tree, (node) => {
    if ((node.type !== 'link' && node.type !== 'definition') || !node.url.startsWith('#')) return
    const from = node.position?.start.offset ?? 0
    const to = node.position?.end.offset ?? 0
    if (toc && tocEdit && from >= toc.from && to <= toc.to) return
    let wanted = node.url.slice(1)
    try {
      wanted = decodeURIComponent(wanted)
    } catch {
      // Keep it as written.
    }
    if (wanted === '' || wanted === 'top' || anchors.has(wanted)) return
    const suggestion = closest(wanted, anchors)
    const at = text.lastIndexOf(node.url, to)
    const canFix = suggestion !== null && at >= from
    found.push({
      rule: 'anchor',
      severity: 'warning',
      ...context.at(from, to),
      message: `Link to #${wanted} matches no heading${suggestion ? ` (did you mean #${suggestion}?)` : ''}`,
      ...(canFix ? { fix: { label: `Link to #${suggestion}`, edits: [{ from: at, to: at + node.url.length, insert: `#${suggestion}` }] } } : {})
    })
  })
  return found
}
