import type { Root } from 'mdast'
import type { TextEdit } from './api'
import { applyEdits, diffEdit } from './edits'
import { slugOf, type Heading } from './outline'
import { closest } from './similar'
import type { TocEntry, TocGroup } from './toc-list'

// Bringing an author's table of contents up to date without restyling it.
//
// What the TOC is expected to list, with no history to go on: the headings after the TOC
// (not the title, not the TOC's own heading, not a heading above it) at the levels the TOC
// itself shows (from the shallowest to the deepest heading its entries link to, or that its
// nesting implies), except headings marked `<!-- omit from toc -->` (the convention of
// VS Code's Markdown All in One), which is how an author keeps "Comments" out of it.
// "Outdated" is then: an entry whose link leads nowhere, or such a heading missing.
// The sync adds the missing, relinks (and, when the label was the heading's text, retitles)
// an entry whose heading was renamed, removes entries whose heading is gone, and leaves
// every other line as written: markers, numbers, indentation, labels, order.

/** One thing the sync changes, for the check's message. */
export interface TocChange {
  kind: 'add' | 'remove' | 'retitle' | 'relink'
  /** The entry's label (the new heading's text for `add`). */
  label: string
  /** The heading's new text (`retitle`) or anchor (`relink`). */
  to?: string
}

/** An entry of the TOC being rebuilt: the author's own (`entry`) or a new one. */
interface Node {
  entry: TocEntry | null
  heading: Heading | null
  level: number
  group: Group
  removed: boolean
  children: Node[]
  edits: TextEdit[]
  /** For new entries: the text after the marker (the link). */
  link: string
  prefix: string
  marker: string
  gap: string
}

/** A list of the TOC, as written or new, and how its entries are numbered. */
interface Group {
  ordered: boolean
  loose: boolean
  numbering: 'sequential' | 'same' | 'irregular'
  start: number
  /** Bullet character or the number's delimiter (`.` or `)`). */
  bullet: string
  prefix: string
  gap: string
}

const omitMarker = /<!--\s*omit (?:from|in) toc\s*-->/i

/** The lines of headings marked `<!-- omit from toc -->`, at the heading's end or on the line above it. */
function omittedLines(tree: Root): Set<number> {
  const lines = new Set<number>()
  tree.children.forEach((node, i) => {
    if (node.type !== 'heading') return
    const previous = tree.children[i - 1]
    const above = previous?.type === 'html' && omitMarker.test(previous.value) && (previous.position?.end.line ?? 0) + 1 === node.position?.start.line
    if (above || node.children.some((c) => c.type === 'html' && omitMarker.test(c.value))) lines.add(node.position?.start.line ?? 0)
  })
  return lines
}

function groupOf(group: TocGroup): Group {
  const first = group.entries[0]!
  const numbers = group.entries.map((e) => e.number ?? 0)
  const same = numbers.length > 1 && numbers.every((n) => n === numbers[0])
  const sequential = numbers.every((n, i) => n === numbers[0]! + i)
  return {
    ordered: group.ordered,
    loose: group.loose,
    numbering: same ? 'same' : sequential ? 'sequential' : 'irregular',
    start: numbers[0]!,
    bullet: first.marker.slice(-1),
    prefix: first.prefix,
    gap: first.gap
  }
}

/** Columns a line prefix takes (tabs to the next multiple of 4, as CommonMark counts). */
const width = (prefix: string): number => [...prefix].reduce((col, c) => (c === '\t' ? col + 4 - (col % 4) : col + 1), 0)

const markdownLabel = (text: string): string => text.replace(/[\\[\]*_`<]/g, '\\$&')
const htmlLabel = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;')

/** What the sync makes of an author's TOC list. */
export interface TocListSync {
  edit: TextEdit
  changes: TocChange[]
}

/** The inputs of {@link syncTocList}: the post, its headings, and where its TOC is. */
export interface TocListInput {
  text: string
  tree: Root
  eol: string
  entries: TocEntry[]
  headings: readonly Heading[]
  /** Every anchor of the post (headings and raw HTML ids). */
  anchors: ReadonlySet<string>
  /** The TOC's heading, marker or label line: headings up to it are not expected in it. */
  line: number
  /** The end of the list. */
  to: number
  /** Depths for a TOC whose entries show none (all of them broken). */
  minDepth: number
}

/** Brings an author's TOC list up to date as the comment above says; null when it is current. */
export function syncTocList(input: TocListInput): TocListSync | null {
  const { text, entries, headings } = input
  const bySlug = new Map(headings.map((h) => [h.slug, h]))
  const groups = new Map<TocGroup, Group>()
  const build = (entry: TocEntry): Node => {
    const group = groups.get(entry.group) ?? groups.set(entry.group, groupOf(entry.group)).get(entry.group)!
    const heading = bySlug.get(entry.link.anchor) ?? null
    return { entry, heading, level: entry.level, group, removed: false, children: entry.children.map(build), edits: [], link: '', prefix: entry.prefix, marker: entry.marker, gap: entry.gap }
  }
  const root = entries.map(build)
  const flat = flatNodes(root)
  const changes: TocChange[] = []

  // Depth: the levels its entries link to, and as deep as its nesting goes.
  const depths = flat.flatMap((n) => (n.heading ? [n.heading.depth] : []))
  const nesting = Math.max(...flat.map((n) => n.level))
  const minDepth = depths.length ? Math.min(...depths) : input.minDepth
  const maxDepth = Math.max(minDepth + nesting, ...depths)
  const omitted = omittedLines(input.tree)
  const listed = new Set(flat.flatMap((n) => (n.heading ? [n.heading] : [])))
  const unlisted = headings.filter((h) => h.line > input.line && h.depth >= minDepth && h.depth <= maxDepth && !omitted.has(h.line) && !listed.has(h))
  const dead = (n: Node) => !n.heading && !input.anchors.has(n.entry!.link.anchor) && n.entry!.link.anchor !== '' && n.entry!.link.anchor !== 'top'

  // Renamed headings: the broken entries between two working ones, and the unlisted headings
  // between those two headings, are the same sections when at a level they are as many;
  // otherwise an entry is paired with the heading whose anchor is like its own.
  const claimed = new Set<Heading>()
  for (let i = 0; i < flat.length; ) {
    if (!dead(flat[i]!)) {
      i++
      continue
    }
    let j = i
    while (j < flat.length && !flat[j]!.heading) j++
    const run = flat.slice(i, j).filter(dead)
    const after = flat.slice(0, i).reverse().find((n) => n.heading)?.heading?.line ?? -Infinity
    const before = flat[j]?.heading?.line ?? Infinity
    const candidates = unlisted.filter((h) => h.line > after && h.line < before && !claimed.has(h))
    for (const level of new Set(run.map((n) => n.level))) {
      const entries = run.filter((n) => n.level === level)
      const same = candidates.filter((h) => h.depth - minDepth === level)
      if (entries.length === same.length) entries.forEach((node, k) => renamed(node, same[k]!, claimed, changes))
    }
    for (const node of run) {
      if (node.heading) continue
      const heading = likeAnchor(node.entry!.link, candidates.filter((h) => !claimed.has(h)))
      if (heading) renamed(node, heading, claimed, changes)
    }
    i = j
  }
  for (const node of flat) {
    if (!dead(node) || node.heading) continue
    node.removed = true
    changes.push({ kind: 'remove', label: node.entry!.link.label })
  }

  const nodeOf = new Map<Heading, Node>()
  for (const node of flat) if (node.heading && !nodeOf.has(node.heading)) nodeOf.set(node.heading, node)
  const form = flat.filter((n) => n.entry!.link.form === 'html').length * 2 > flat.length ? 'html' : 'markdown'
  for (const heading of unlisted) {
    if (claimed.has(heading)) continue
    const node = addEntry(heading, { headings, nodeOf, root, flat, minDepth, form })
    nodeOf.set(heading, node)
    changes.push({ kind: 'add', label: heading.text })
  }
  if (changes.length === 0) return null

  number(root)
  const from = entries[0]!.lineStart
  const list = serialize(root, text, input.eol)
  if (list === '') return null // nothing left to list: the author's list stays, its links for the anchors rule to report
  const edit = diffEdit(text.slice(from, input.to), list)
  return edit && { edit: { from: from + edit.from, to: from + edit.to, insert: edit.insert }, changes }
}

/** The heading whose anchor is close to an entry's (a typo, a word added or dropped), if one is. */
function likeAnchor(link: TocEntry['link'], headings: readonly Heading[]): Heading | undefined {
  const own = [link.anchor, slugOf(link.label)].filter((a) => a.length >= 3)
  const contains = headings.filter((h) => own.some((a) => h.slug.startsWith(a) || a.startsWith(h.slug)))
  if (contains.length === 1) return contains[0]
  for (const anchor of own) {
    const slug = closest(anchor, headings.map((h) => h.slug))
    if (slug) return headings.find((h) => h.slug === slug)
  }
  return undefined
}

function flatNodes(nodes: readonly Node[]): Node[] {
  return nodes.flatMap((n) => [n, ...flatNodes(n.children)])
}

/** True when an entry's label is the text of the heading its anchor was made from (`Morning` for `#morning-1`). */
function labelIsHeadingText(link: TocEntry['link']): boolean {
  const labelSlug = slugOf(link.label)
  return labelSlug !== '' && new RegExp(`^${labelSlug.replace(/[^\w-]/g, '\\$&')}(-\\d+)?$`, 'i').test(link.anchor)
}

/** Points an entry at the heading it was written for; its label follows when it was the heading's text. */
function renamed(node: Node, heading: Heading, claimed: Set<Heading>, changes: TocChange[]): void {
  const link = node.entry!.link
  claimed.add(heading)
  node.heading = heading
  node.edits.push({ from: link.urlFrom, to: link.urlTo, insert: `#${heading.slug}` })
  if (labelIsHeadingText(link) && link.label.trim() !== heading.text) {
    node.edits.push({ from: link.labelFrom, to: link.labelTo, insert: link.form === 'html' ? htmlLabel(heading.text) : markdownLabel(heading.text) })
    changes.push({ kind: 'retitle', label: link.label, to: heading.text })
  } else changes.push({ kind: 'relink', label: link.label, to: heading.slug })
}

interface AddContext {
  headings: readonly Heading[]
  nodeOf: Map<Heading, Node>
  root: Node[]
  flat: Node[]
  minDepth: number
  form: 'markdown' | 'html'
}

/** Adds an entry for a heading under its section's entry, after the entries of the headings before it, in its siblings' style. */
function addEntry(heading: Heading, context: AddContext): Node {
  const { headings, nodeOf, root } = context
  let parent: Node | undefined
  let depth = heading.depth
  for (let i = headings.indexOf(heading) - 1; i >= 0 && depth > context.minDepth && !parent; i--) {
    const above = headings[i]!
    if (above.depth >= depth) continue
    depth = above.depth
    parent = nodeOf.get(above)
  }
  const siblings = parent ? parent.children : root
  let at = 0
  siblings.forEach((s, i) => {
    if (!s.removed && s.heading && s.heading.line < heading.line) at = i + 1
  })
  const neighbour = siblings.slice(0, at).reverse().find((s) => !s.removed) ?? siblings.find((s) => !s.removed) ?? siblings[0]
  const level = parent ? parent.level + 1 : 0
  const group = neighbour?.group ?? newGroup(parent!, level, context.flat)
  const link = context.form === 'html' ? `<a href="#${heading.slug}">${htmlLabel(heading.text)}</a>` : `[${markdownLabel(heading.text)}](#${heading.slug})`
  const node: Node = {
    entry: null,
    heading,
    level,
    group,
    removed: false,
    children: [],
    edits: [],
    link,
    prefix: neighbour?.prefix ?? group.prefix,
    marker: group.ordered ? `${group.start}${group.bullet}` : group.bullet,
    gap: neighbour?.gap ?? group.gap
  }
  siblings.splice(at, 0, node)
  return node
}

/** The style of a first sub-list under `parent`: that of the TOC's other lists at its level, else the parent's, indented past the parent's marker. */
function newGroup(parent: Node, level: number, flat: readonly Node[]): Group {
  const example = flat.find((n) => n.entry && n.level === level)
  const exampleParent = example && flat.find((n) => n.children.includes(example))
  const contentColumn = width(parent.prefix + parent.marker + parent.gap)
  let prefix = example && exampleParent ? parent.prefix + example.prefix.slice(exampleParent.prefix.length) : ''
  if (width(prefix) < contentColumn) prefix = parent.prefix + ' '.repeat(contentColumn - width(parent.prefix))
  const style = example?.group ?? parent.group
  return { ...style, numbering: style.numbering === 'same' ? 'same' : 'sequential', start: 1, loose: parent.group.loose, prefix, gap: example?.gap ?? parent.gap }
}

/** Numbers each ordered list the way its author did: counting on, all the same, or (irregular) as written. */
function number(nodes: Node[]): void {
  let previous: number | null = null
  let index = 0
  for (const node of nodes) {
    number(node.children)
    const { group } = node
    if (!group.ordered || node.removed) continue
    const written = node.entry?.number ?? null
    const n: number = group.numbering === 'same' ? group.start : group.numbering === 'sequential' ? group.start + index : (written ?? (previous ?? group.start - 1) + 1)
    index++
    previous = n
    const marker = `${n}${group.bullet}`
    if (node.entry && marker !== node.entry.marker) node.edits.push({ from: node.entry.markerFrom, to: node.entry.markerFrom + node.entry.marker.length, insert: marker })
    node.marker = marker
  }
}

/** The list's new text: the author's lines for the entries kept (with their few edits), new lines for new entries. */
function serialize(root: readonly Node[], text: string, eol: string): string {
  const blank = new RegExp(`${eol === '\r\n' ? '\\r\\n' : '\\n'}$`)
  let out = ''
  let previous: { node: Node; body: string } | null = null
  for (const node of flatNodes(root)) {
    if (node.removed) continue
    const { entry } = node
    const body = entry
      ? applyEdits(text.slice(entry.lineStart, entry.chunkEnd), node.edits.map((e) => ({ ...e, from: e.from - entry.lineStart, to: e.to - entry.lineStart }))).replace(blank, '')
      : `${node.prefix}${node.marker}${node.gap}${node.link}`
    if (previous) {
      const spaced = (!entry && node.group.loose) || (!previous.node.entry && previous.node.group.loose)
      out += spaced && !previous.body.endsWith(eol) ? eol + eol : eol
    }
    out += body
    previous = { node, body }
  }
  return out.replace(new RegExp(`(${eol === '\r\n' ? '\\r\\n' : '\\n'})+$`), '')
}
