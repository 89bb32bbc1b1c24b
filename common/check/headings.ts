import type { Heading as HeadingNode, RootContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { Diagnostic } from '../api'
import { isBackToTop } from '../back-to-top'
import { isCommentOnly } from '../markdown/draft-notes'
import type { CheckContext } from './types'

const isHeading = (node: RootContent | undefined): node is HeadingNode => node?.type === 'heading'

/**
 * Heading structure: levels that skip one (H2 -> H4; the fix lifts the heading one step at a
 * time), sections with nothing but drafting notes under them, and headings repeated at the
 * same level (a warning under the same parent, where readers cannot tell them apart, else a note).
 */
export function checkHeadings(context: CheckContext): Diagnostic[] {
  const { text } = context
  const nodes = context.tree.children
  const found: Diagnostic[] = []
  const seen = new Map<string, { line: number; parent: number }>()
  const parents: number[] = [] // index of the open heading at each depth
  let previous = 0

  nodes.forEach((node, i) => {
    if (!isHeading(node)) return
    const from = node.position?.start.offset ?? 0
    const where = context.at(from, node.position?.end.offset)
    const title = toString(node).trim()

    if (previous && node.depth > previous + 1) {
      const atx = text.startsWith('#'.repeat(node.depth), from)
      found.push({
        rule: 'heading-increment',
        severity: 'warning',
        ...where,
        message: `Heading “${title}” jumps from H${previous} to H${node.depth}`,
        ...(atx ? { fix: { label: `Make it H${previous + 1}`, edits: [{ from, to: from + node.depth, insert: '#'.repeat(previous + 1) }] } } : {})
      })
    }
    previous = node.depth

    let j = i + 1
    while (j < nodes.length && !(isHeading(nodes[j]) && (nodes[j] as HeadingNode).depth <= node.depth)) j++
    const body = nodes.slice(i + 1, j)
    const empty = body.every((n) => (n.type === 'html' && isCommentOnly(n.value)) || isBackToTop(n, text))
    const notes = body.some((n) => n.type === 'html')
    if (empty && node.depth > 1 && node.position?.start.line !== context.toc?.headingLine) {
      found.push({
        rule: 'heading-empty',
        severity: notes ? 'info' : 'warning',
        ...where,
        message: notes ? `Section “${title}” has only drafting notes so far` : `Section “${title}” is empty`
      })
    }

    parents.length = node.depth
    const parent = parents.slice(0, node.depth - 1).findLast((p) => p !== undefined) ?? -1
    parents[node.depth - 1] = i
    const key = `${node.depth}:${title.toLowerCase()}`
    const first = seen.get(key)
    if (first) {
      const sibling = first.parent === parent
      found.push({
        rule: 'heading-duplicate',
        severity: sibling ? 'warning' : 'info',
        ...where,
        message: `Heading “${title}” repeats the H${node.depth} at line ${first.line}${sibling ? ' in the same section' : ''}`
      })
    } else seen.set(key, { line: where.line, parent })
  })
  return found
}
