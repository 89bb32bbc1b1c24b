import { visit } from 'unist-util-visit'
import type { Diagnostic } from '../api'
import { postAnchors } from '../outline'
import { closest } from '../similar'
import type { CheckContext } from './types'

/**
 * Links to `#anchors` of the post that match no heading (ids as common/heading-id.ts gives them,
 * GitHub's scheme) and no `id`/`name` in raw HTML. `#` and `#top` always work. Links inside
 * an out-of-date TOC are left to the TOC rule, whose fix rewrites them all.
 */
export function checkAnchors(context: CheckContext): Diagnostic[] {
  const { text, toc, tocEdit } = context
  const anchors = postAnchors(context.tree, context.headings)
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
