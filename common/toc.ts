import type { List, Root, RootContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { TextEdit } from './api'
import { applyEdits, eolOf } from './edits'
import { parseMarkdown } from './markdown/parse'
import { headingsOf, postAnchors, type Heading } from './outline'
import { parseTocList, type TocEntry } from './toc-list'
import { syncTocList, type TocChange } from './toc-sync'

export type { TocChange } from './toc-sync'

/** How a table of contents is built. */
export interface TocOptions {
  /** Shallowest heading level a new list has; never below 2, since the H1 is the post's title (default 2). */
  minDepth?: number
  /** Deepest heading level a new list has (default 3). */
  maxDepth?: number
  /** Spaces per nesting level of a new list (default 2). A TOC the author wrote keeps its own depth and style. */
  indent?: number
  /** How {@link insertToc} writes a new block (default `heading`: `## Table of Contents`). */
  style?: 'heading' | 'setext' | 'markers'
}

/** Where a post's table of contents is, and how its list is written. */
export interface TocBlock {
  /**
   * A "Table of Contents" heading followed by a list, a label line ("In this post:",
   * "**Contents**") followed by one, or `<!-- toc -->` ... `<!-- tocstop -->`.
   */
  kind: 'heading' | 'label' | 'markers'
  /** The line of the heading, the label or the start marker. */
  line: number
  /** The heading's line, so the TOC never lists itself; null for markers and labels. */
  headingLine: number | null
  /** The range the list occupies; an empty range where a list is still to be written. */
  from: number
  to: number
  /** Text written before and after a new list (blank lines); empty when replacing a list. */
  wrap: [string, string]
  /** Spaces per nesting level and bullet the existing list uses (null when it does not show). */
  indent: number | null
  marker: string | null
  /** The entries of the list as the author wrote them; empty where a list is still to be written. */
  entries: TocEntry[]
}

/** What a TOC's heading or label line says (an emoji or a colon may come with it). */
const tocTitle = /^[^\p{L}\p{N}]*(table of contents|contents|in this (post|article|page)|on this page)\s*:?$/iu
/**
 * A cheap look for something that could be a TOC block, so most saves skip parsing the post:
 * false only when {@link findTocBlock} cannot find one.
 */
export const mayHaveToc = (text: string): boolean => /contents|in this (post|article|page)|on this page|<!--\s*toc\s*-->/i.test(text)

const startMarker = /^<!--\s*toc\s*-->$/i
const endMarker = /^<!--\s*(tocstop|\/toc)\s*-->$/i

const start = (node: RootContent): number => node.position?.start.offset ?? 0
const end = (node: RootContent): number => node.position?.end.offset ?? 0

/** The spaces between a list item's bullet and its first nested item's bullet. */
function nestedIndent(list: List): number | null {
  for (const item of list.children) {
    const nested = item.children.find((c): c is List => c.type === 'list')
    const child = nested?.children[0]
    if (child?.position && item.position) return child.position.start.column - item.position.start.column
  }
  return null
}

function blockOf(kind: TocBlock['kind'], line: number, headingLine: number | null, list: List, entries: TocEntry[], text: string): TocBlock {
  const marker = text[start(list)] ?? '-'
  return { kind, line, headingLine, from: start(list), to: end(list), wrap: ['', ''], indent: nestedIndent(list), marker: '-*+'.includes(marker) ? marker : null, entries }
}

/** A one-line paragraph that is nothing but a TOC label ("In this post:", "**Contents**"). */
const isLabel = (node: RootContent, text: string): boolean =>
  node.type === 'paragraph' && !text.slice(start(node), end(node)).includes('\n') && tocTitle.test(toString(node).trim())

/** Finds the post's table of contents, if it has one. */
export function findTocBlock(text: string, tree: Root = parseMarkdown(text)): TocBlock | null {
  const nodes = tree.children
  const eol = eolOf(text)
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as RootContent
    const line = node.position?.start.line ?? 1
    const next = nodes[i + 1]
    const entries = next?.type === 'list' ? parseTocList(next, text) : null
    if (node.type === 'html' && startMarker.test(node.value.trim())) {
      const stop = nodes.findIndex((n, j) => j > i && n.type === 'html' && endMarker.test(n.value.trim()))
      const list = nodes.slice(i + 1, stop < 0 ? i + 2 : stop).find((n): n is List => n.type === 'list')
      const listEntries = list && parseTocList(list, text)
      if (list && listEntries) return blockOf('markers', line, null, list, listEntries, text)
      if (list) continue // an opening marker before someone's own list: not ours to fill
      const stopNode = nodes[stop]
      const empty = stopNode ? { from: end(node), to: start(stopNode), wrap: [eol + eol, eol + eol] as [string, string] } : { from: end(node), to: end(node), wrap: [eol + eol, ''] as [string, string] }
      return { kind: 'markers', line, headingLine: null, ...empty, indent: null, marker: null, entries: [] }
    }
    if (node.type === 'heading' && node.depth >= 2 && tocTitle.test(toString(node, { includeHtml: false }).trim())) {
      if (next?.type === 'list') {
        if (entries) return blockOf('heading', line, line, next, entries, text)
        continue // a list that is not a TOC: leave the section alone
      }
      return { kind: 'heading', line, headingLine: line, from: end(node), to: end(node), wrap: [eol + eol, ''], indent: null, marker: null, entries: [] }
    }
    if (next?.type === 'list' && entries && isLabel(node, text)) return blockOf('label', line, null, next, entries, text)
  }
  return null
}

/** True when the post has a table of contents block (heading + list, or toc markers). */
export const hasTocBlock = (text: string): boolean => findTocBlock(text) !== null

/** Heading text as literal link text: characters markdown would read as syntax are escaped. */
const linkText = (text: string): string => text.replace(/[\\[\]*_`<]/g, '\\$&')

/**
 * The TOC list for some headings: one link per heading in the depth range, nested by level
 * (a skipped level nests one step only), as markdown without a trailing line break.
 */
export function tocFromHeadings(
  headings: readonly Heading[],
  options: { minDepth?: number; maxDepth?: number; indent?: number; marker?: string; eol?: string } = {}
): string {
  const minDepth = Math.max(2, options.minDepth ?? 2)
  const maxDepth = options.maxDepth ?? 3
  const indent = Math.max(2, options.indent ?? 2)
  const lines: string[] = []
  let previous = -1
  for (const heading of headings) {
    if (heading.depth < minDepth || heading.depth > maxDepth) continue
    const level = Math.min(heading.depth - minDepth, previous + 1)
    previous = level
    lines.push(`${' '.repeat(level * indent)}${options.marker ?? '-'} [${linkText(heading.text)}](#${heading.slug})`)
  }
  return lines.join(options.eol ?? '\n')
}

/** What the sync would change in a post's TOC: the one edit, and what it adds, removes or retitles. */
export interface TocSync {
  edit: TextEdit
  changes: TocChange[]
}

/**
 * Brings the post's TOC up to date, or null when it is current (or the post has none). An
 * author's list keeps its style, depth, order and labels (see toc-sync.ts); an empty TOC
 * block is filled with the headings after it, in the depth range and indent of `options`.
 * Only lines of the list change.
 */
export function tocSync(text: string, options: TocOptions = {}, tree: Root = parseMarkdown(text)): TocSync | null {
  const block = findTocBlock(text, tree)
  if (!block) return null
  const headings = headingsOf(tree).filter((h) => h.line !== block.headingLine)
  const eol = eolOf(text)
  if (block.entries.length) {
    const minDepth = Math.max(2, options.minDepth ?? 2)
    return syncTocList({ text, tree, eol, entries: block.entries, headings, anchors: postAnchors(tree, headings), line: block.line, to: block.to, minDepth })
  }
  const after = headings.filter((h) => h.line > block.line)
  const list = tocFromHeadings(after, { ...options, eol })
  if (!list) return null
  const minDepth = Math.max(2, options.minDepth ?? 2)
  const changes = after.filter((h) => h.depth >= minDepth && h.depth <= (options.maxDepth ?? 3)).map((h): TocChange => ({ kind: 'add', label: h.text }))
  return { edit: { from: block.from, to: block.to, insert: block.wrap[0] + list + block.wrap[1] }, changes }
}

/** The one edit that brings the post's TOC up to date, or null when it is current (see {@link tocSync}). */
export function tocEdit(text: string, options: TocOptions = {}, tree: Root = parseMarkdown(text)): TextEdit | null {
  return tocSync(text, options, tree)?.edit ?? null
}

/**
 * Rewrites the TOC block's list from the post's headings. Returns the very same string when
 * the TOC is already current or the post has none, so keep-in-sync on save is a no-op.
 */
export function updateToc(text: string, options: TocOptions = {}): string {
  const edit = tocEdit(text, options)
  return edit ? applyEdits(text, [edit]) : text
}

/**
 * Adds a table of contents after the H1 title (or the front matter, or at the very top) and
 * fills it; a post that already has one just gets it updated.
 */
export function insertToc(text: string, options: TocOptions = {}): string {
  if (hasTocBlock(text)) return updateToc(text, options)
  const eol = eolOf(text)
  const skeleton = {
    heading: `## Table of Contents`,
    setext: `Table of Contents${eol}-----------------`,
    markers: `<!-- toc -->${eol}${eol}<!-- tocstop -->`
  }[options.style ?? 'heading']
  const tree = parseMarkdown(text)
  const first = tree.children.find((n) => n.type === 'heading')
  const after = first?.type === 'heading' && first.depth === 1 ? first : tree.children.find((n) => n.type === 'yaml')
  const withBlock = after
    ? applyEdits(text, [{ from: end(after), to: end(after), insert: eol + eol + skeleton }])
    : skeleton + eol + eol + text
  return updateToc(withBlock, options)
}
