import { visit } from 'unist-util-visit'
import type { Diagnostic } from '../api'
import type { CheckContext } from './types'

/** Comments that are instructions to tools, not notes to self. */
const directive = /^\s*(toc|tocstop|\/toc|markdownlint-\S+.*|prettier-ignore\S*|more|truncate)\s*$/i

/** Every drafting note (HTML comment), listed so none is forgotten before publishing. */
export function checkNotes(context: CheckContext): Diagnostic[] {
  const found: Diagnostic[] = []
  visit(context.tree, 'html', (node) => {
    const base = node.position?.start.offset ?? 0
    for (const m of node.value.matchAll(/<!--([\s\S]*?)-->/g)) {
      const body = m[1] ?? ''
      if (directive.test(body)) continue
      const first = body.trim().split('\n')[0]?.trim() ?? ''
      const summary = first.length > 70 ? `${first.slice(0, 69)}…` : first
      const from = base + (m.index ?? 0)
      found.push({ rule: 'draft-note', severity: 'info', ...context.at(from, from + m[0].length), message: summary ? `Drafting note: ${summary}` : 'Empty drafting note' })
    }
  })
  return found
}
