import type { Root, RootContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { TextEdit } from './api'
import { applyEdits, eolOf } from './edits'
import { isCommentOnly } from './markdown/draft-notes'
import { parseMarkdown } from './markdown/parse'
import { headingsOf } from './outline'
import { findTocBlock } from './toc'

/** One place where the post's "back to top" links are not where they belong. */
export interface BackToTopChange {
  /** `missing`: an H2 section does not end with the link; `misplaced`: a link stands mid-section. */
  kind: 'missing' | 'misplaced'
  /** The section heading's line (missing) or the link's line (misplaced). */
  line: number
  /** The text of the H2 heading concerned ('' before the first H2). */
  section: string
  edit: TextEdit
}

/** `[**back to top**](#x)` in any emphasis, with the anchor captured. */
const linkPattern = /\[(?:\*\*|__)?back to top(?:\*\*|__)?\]\(#([^)\s]*)\)/i

/** The line Folio writes after each H2 section. */
export const backToTopLine = (target: string): string => `🔝 <sub>[**back to top**](#${target})</sub>`

const start = (node: RootContent): number => node.position?.start.offset ?? 0
const end = (node: RootContent): number => node.position?.end.offset ?? 0

/** A one-line paragraph holding a back-to-top link (whatever comes before it, even a garbled emoji). */
export function isBackToTop(node: RootContent, text: string): boolean {
  if (node.type !== 'paragraph') return false
  const source = text.slice(start(node), end(node))
  return !source.includes('\n') && linkPattern.test(source)
}

const isNote = (node: RootContent): boolean => node.type === 'html' && isCommentOnly(node.value)

/** True when the post already uses back-to-top links. */
export function hasBackToTop(text: string, tree: Root = parseMarkdown(text)): boolean {
  return tree.children.some((n) => isBackToTop(n, text))
}

/**
 * What it takes for every H2 section after the TOC to end with a back-to-top link, and for no
 * link to stand anywhere else. Links already in place are left exactly as written; new ones
 * point where the existing ones do, else to the TOC heading, else to `#top`.
 */
export function backToTopChanges(text: string, options: { target?: string } = {}, tree: Root = parseMarkdown(text)): BackToTopChange[] {
  const nodes = tree.children
  const toc = findTocBlock(text, tree)
  const existing = nodes.find((n) => isBackToTop(n, text))
  const tocSlug = toc?.headingLine ? headingsOf(tree).find((h) => h.line === toc.headingLine)?.slug : undefined
  const target = options.target ?? (existing ? linkPattern.exec(text.slice(start(existing), end(existing)))?.[1] : undefined) ?? tocSlug ?? 'top'
  const eol = eolOf(text)
  const placed = new Set<RootContent>()
  const changes: BackToTopChange[] = []
  let section = ''

  for (let i = 0; i < nodes.length; i++) {
    const heading = nodes[i] as RootContent
    if (heading.type !== 'heading' || heading.depth > 2) continue
    section = toString(heading)
    const line = heading.position?.start.line ?? 1
    if (heading.depth === 1 || (toc && line <= toc.line)) continue
    let j = i + 1
    while (j < nodes.length && !(nodes[j]?.type === 'heading' && (nodes[j] as { depth: number }).depth <= 2)) j++
    const body = nodes.slice(i + 1, j)
    const visible = body.filter((n) => !isNote(n))
    const last = visible[visible.length - 1]
    if (last && isBackToTop(last, text)) placed.add(last)
    else if (last) {
      const at = end(body[body.length - 1] as RootContent)
      changes.push({ kind: 'missing', line, section, edit: { from: at, to: at, insert: eol + eol + backToTopLine(target) } })
    }
  }

  section = ''
  nodes.forEach((node, k) => {
    if (node.type === 'heading' && node.depth <= 2) section = toString(node)
    if (!isBackToTop(node, text) || placed.has(node)) return
    const next = nodes[k + 1]
    const previous = nodes[k - 1]
    const edit = next
      ? { from: start(node), to: start(next), insert: '' }
      : { from: previous ? end(previous) : start(node), to: end(node), insert: '' }
    changes.push({ kind: 'misplaced', line: node.position?.start.line ?? 1, section, edit })
  })
  return changes.sort((a, b) => a.edit.from - b.edit.from)
}

/** Adds a back-to-top link at the end of every H2 section and removes stray ones; idempotent. */
export function updateBackToTop(text: string, options: { target?: string } = {}): string {
  const changes = backToTopChanges(text, options)
  return changes.length ? applyEdits(text, changes.map((c) => c.edit)) : text
}
