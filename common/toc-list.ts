import type { List, Nodes, Paragraph, PhrasingContent } from 'mdast'
import { toString } from 'mdast-util-to-string'

// A table of contents as its author wrote it: each entry's link, marker, indentation and
// the source lines it owns, so the sync can keep every line it does not have to change.

/** The one `#anchor` link of a TOC entry, where its parts are in the source. */
export interface TocLink {
  /** `[label](#anchor)` or `<a href="#anchor">label</a>`. */
  form: 'markdown' | 'html'
  /** The anchor after `#`, percent-decoded. */
  anchor: string
  /** The `#anchor` in the source. */
  urlFrom: number
  urlTo: number
  /** The label's source (between the brackets or the tags) and its plain text. */
  labelFrom: number
  labelTo: number
  label: string
}

/** The list an entry stands in, as written. */
export interface TocGroup {
  ordered: boolean
  /** Blank lines between its entries. */
  loose: boolean
  entries: TocEntry[]
}

/** One entry of an author's TOC. */
export interface TocEntry {
  link: TocLink
  /** Nesting level, 0 for the top list. */
  level: number
  group: TocGroup
  /** Where the entry's line starts and what stands before its marker (spaces or tabs). */
  lineStart: number
  prefix: string
  /** The marker as written (`-`, `*`, `+`, `3.`, `2)`), where it is, and its number if any. */
  marker: string
  markerFrom: number
  number: number | null
  /** What separates the marker from the text. */
  gap: string
  /** The end of the lines the entry owns: the next entry's line start, or the list's end. */
  chunkEnd: number
  children: TocEntry[]
}

const start = (node: Nodes): number => node.position?.start.offset ?? 0
const end = (node: Nodes): number => node.position?.end.offset ?? 0

const anchorOpen = /^<a\s[^>]*?\bhref\s*=\s*(["'])(#[^"']*)\1[^>]*>$/i
const anchorClose = /^<\/a\s*>$/i

function decoded(url: string): string {
  try {
    return decodeURIComponent(url.slice(1))
  } catch {
    return url.slice(1)
  }
}

/** Every `#anchor` link in some inline content (markdown links and `<a href>` tags), or null when it holds another kind of link. */
function anchorLinks(nodes: readonly PhrasingContent[], text: string): TocLink[] | null {
  const found: TocLink[] = []
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!
    if (node.type === 'link') {
      if (!node.url.startsWith('#')) return null
      const labelFrom = start(node) + 1
      const labelTo = node.children.length ? end(node.children[node.children.length - 1]!) : labelFrom
      const dest = /^\]\(\s*<?/.exec(text.slice(labelTo, end(node)))
      if (!dest) return null
      const urlFrom = labelTo + dest[0].length
      const urlTo = urlFrom + (/^[^\s)>]*/.exec(text.slice(urlFrom))?.[0].length ?? 0)
      found.push({ form: 'markdown', anchor: decoded(node.url), urlFrom, urlTo, labelFrom, labelTo, label: toString(node, { includeHtml: false }) })
    } else if (node.type === 'html' && anchorOpen.test(node.value)) {
      const close = nodes.findIndex((n, j) => j > i && n.type === 'html' && anchorClose.test(n.value))
      const url = anchorOpen.exec(node.value)![2]!
      if (close < 0) return null
      const urlFrom = start(node) + node.value.indexOf(url, node.value.search(/\bhref/i))
      const inner = nodes.slice(i + 1, close)
      const label = inner.map((n) => toString(n, { includeHtml: false })).join('')
      found.push({ form: 'html', anchor: decoded(url), urlFrom, urlTo: urlFrom + url.length, labelFrom: end(node), labelTo: start(nodes[close]!), label })
      i = close
    } else if ('children' in node) {
      const inner = anchorLinks(node.children as PhrasingContent[], text)
      if (!inner) return null
      found.push(...inner)
    }
  }
  return found
}

/** The one `#anchor` link an entry's first paragraph holds, or null when it is not a TOC entry. */
function entryLink(paragraph: Paragraph, text: string): TocLink | null {
  const links = anchorLinks(paragraph.children, text)
  return links?.length === 1 ? links[0]! : null
}

const lineStartOf = (text: string, offset: number): number => text.lastIndexOf('\n', offset - 1) + 1

function parseGroup(list: List, level: number, text: string): TocGroup | null {
  const group: TocGroup = { ordered: list.ordered === true, loose: list.spread === true, entries: [] }
  for (const item of list.children) {
    const [first, ...rest] = item.children
    const link = first?.type === 'paragraph' ? entryLink(first, text) : null
    if (!link || !first) return null
    const markerFrom = start(item)
    const marker = /^(\d{1,9}[.)]|[-*+])/.exec(text.slice(markerFrom))?.[0]
    if (!marker) return null
    const lineStart = lineStartOf(text, markerFrom)
    const gap = text.slice(markerFrom + marker.length, start(first))
    const entry: TocEntry = {
      link,
      level,
      group,
      lineStart,
      prefix: text.slice(lineStart, markerFrom),
      marker,
      markerFrom,
      number: group.ordered ? Number.parseInt(marker, 10) : null,
      gap: /\n/.test(gap) ? ' ' : gap,
      chunkEnd: end(item),
      children: []
    }
    for (const child of rest) {
      if (child.type !== 'list') return null
      const nested = parseGroup(child, level + 1, text)
      if (!nested) return null
      entry.children.push(...nested.entries)
    }
    group.entries.push(entry)
  }
  return group.entries.length ? group : null
}

/** Every entry in reading order (parents before their children). */
export function flatEntries(entries: readonly TocEntry[]): TocEntry[] {
  return entries.flatMap((e) => [e, ...flatEntries(e.children)])
}

/**
 * Reads a list as a TOC: every item's first paragraph holds exactly one link to a `#anchor`
 * (in any formatting, or as `<a href>`), and nested lists are TOC lists too. Null when the
 * list is something else (a packing list under a "Contents" heading, say).
 */
export function parseTocList(list: List, text: string): TocEntry[] | null {
  const group = parseGroup(list, 0, text)
  if (!group) return null
  const flat = flatEntries(group.entries)
  for (let i = 0; i < flat.length; i++) {
    const next = flat[i + 1]
    if (next && next.lineStart <= flat[i]!.lineStart) return null // two entries on one line: not a shape to edit by lines
    flat[i]!.chunkEnd = next ? next.lineStart : end(list)
  }
  return group.entries
}
