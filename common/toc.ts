import type { List, Root, RootContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { TextEdit } from './api'
import { applyEdits, eolOf } from './edits'
import { parseMarkdown } from './markdown/parse'
import { headingsOf, type Heading } from './outline'

/** How a table of contents is built. */
export interface TocOptions {
  /** Shallowest heading level listed; never below 2, since the H1 is the post's title (default 2). */
  minDepth?: number
  /** Deepest heading level listed (default 3). */
  maxDepth?: number
  /** Spaces per nesting level when the existing block does not show its own (default 2). */
  indent?: number
  /** How {@link insertToc} writes a new block (default `heading`: `## Table of Contents`). */
  style?: 'heading' | 'setext' | 'markers'
}

/** Where a post's table of contents is, and how its list is written. */
export interface TocBlock {
  /** A "Table of Contents" heading followed by a list, or `<!-- toc -->` ... `<!-- tocstop -->`. */
  kind: 'heading' | 'markers'
  /** The line of the heading or the start marker. */
  line: number
  /** The heading's line, so the TOC never lists itself; null for markers. */
  headingLine: number | null
  /** The range the list occupies; an empty range where a list is still to be written. */
  from: number
  to: number
  /** Text written before and after a new list (blank lines); empty when replacing a list. */
  wrap: [string, string]
  /** Spaces per nesting level and bullet the existing list uses (null when it does not show). */
  indent: number | null
  marker: string | null
}

const tocTitle = /^(table of contents|contents)$/i
const startMarker = /^<!--\s*toc\s*-->$/i
const endMarker = /^<!--\s*(tocstop|\/toc)\s*-->$/i

const start = (node: RootContent): number => node.position?.start.offset ?? 0
const end = (node: RootContent): number => node.position?.end.offset ?? 0

/** A list of nothing but links to `#anchors`, nested or not: what a TOC looks like. */
function isTocList(node: RootContent | undefined): node is List {
  if (node?.type !== 'list' || node.children.length === 0) return false
  return node.children.every((item) => {
    const [first, ...rest] = item.children
    const links = first?.type === 'paragraph' ? first.children.filter((c) => !(c.type === 'text' && !c.value.trim())) : []
    const link = links[0]
    return links.length === 1 && link?.type === 'link' && link.url.startsWith('#') && rest.every((r) => isTocList(r))
  })
}

/** The spaces between a list item's bullet and its first nested item's bullet. */
function nestedIndent(list: List): number | null {
  for (const item of list.children) {
    const nested = item.children.find((c): c is List => c.type === 'list')
    const child = nested?.children[0]
    if (child?.position && item.position) return child.position.start.column - item.position.start.column
  }
  return null
}

function blockOf(kind: TocBlock['kind'], line: number, headingLine: number | null, list: List, text: string): TocBlock {
  const marker = text[start(list)] ?? '-'
  return { kind, line, headingLine, from: start(list), to: end(list), wrap: ['', ''], indent: nestedIndent(list), marker: '-*+'.includes(marker) ? marker : null }
}

/** Finds the post's table of contents, if it has one. */
export function findTocBlock(text: string, tree: Root = parseMarkdown(text)): TocBlock | null {
  const nodes = tree.children
  const eol = eolOf(text)
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as RootContent
    const line = node.position?.start.line ?? 1
    const next = nodes[i + 1]
    if (node.type === 'html' && startMarker.test(node.value.trim())) {
      const stop = nodes.findIndex((n, j) => j > i && n.type === 'html' && endMarker.test(n.value.trim()))
      const list = nodes.slice(i + 1, stop < 0 ? i + 2 : stop).find((n): n is List => n.type === 'list')
      if (list && (stop >= 0 || isTocList(list))) return blockOf('markers', line, null, list, text)
      if (list) continue // an opening marker before someone's own list: not ours to fill
      const stopNode = nodes[stop]
      const empty = stopNode ? { from: end(node), to: start(stopNode), wrap: [eol + eol, eol + eol] as [string, string] } : { from: end(node), to: end(node), wrap: [eol + eol, ''] as [string, string] }
      return { kind: 'markers', line, headingLine: null, ...empty, indent: null, marker: null }
    }
    if (node.type === 'heading' && node.depth >= 2 && tocTitle.test(toString(node).trim())) {
      if (next?.type === 'list') {
        if (isTocList(next)) return blockOf('heading', line, line, next, text)
        continue // a list that is not a TOC: leave the section alone
      }
      return { kind: 'heading', line, headingLine: line, from: end(node), to: end(node), wrap: [eol + eol, ''], indent: null, marker: null }
    }
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

/**
 * The one edit that brings the post's TOC up to date, or null when it is current (or the
 * post has no TOC block). Only the list inside the block changes.
 */
export function tocEdit(text: string, options: TocOptions = {}, tree: Root = parseMarkdown(text)): TextEdit | null {
  const block = findTocBlock(text, tree)
  if (!block) return null
  const headings = headingsOf(tree).filter((h) => h.line !== block.headingLine)
  const list = tocFromHeadings(headings, {
    ...options,
    indent: block.indent ?? options.indent,
    marker: block.marker ?? '-',
    eol: eolOf(text)
  })
  if (!list) return null
  const insert = block.wrap[0] + list + block.wrap[1]
  return text.slice(block.from, block.to) === insert ? null : { from: block.from, to: block.to, insert }
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
