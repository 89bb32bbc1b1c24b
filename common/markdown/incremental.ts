import GithubSlugger from 'github-slugger'
import { toHtml } from 'hast-util-to-html'
import { toString as hastToString } from 'hast-util-to-string'
import type { Element, Root as HastRoot, RootContent as HastContent } from 'hast'
import type { Root, RootContent } from 'mdast'
import { markdownParser } from './parse'
import { commentTexts, isCommentOnly } from './draft-notes'
import { bodyProcessor, type RenderedBlock, type RenderOptions } from './pipeline'
import type { Heading } from '../outline'

/**
 * Incremental preview rendering. A post is split into its top-level blocks by the parser's
 * own positions; after an edit only the blocks around the change are parsed and rendered
 * again and the rest are reused. Heading ids are assigned in one cheap pass over every
 * heading, since a GitHub slug depends on the headings before it. The output equals a
 * full render byte for byte (tests/unit/incremental.test.ts checks random edits).
 * Documents whose blocks are not independent (footnotes, raw HTML left open across blocks,
 * duplicate link definitions) are rendered whole every time.
 */

interface Block {
  /** Offsets of the block's source in the text it was parsed from. */
  start: number
  end: number
  line: number
  source: string
  /** The parsed node, kept until the block is rendered (and for link definitions). */
  node: RootContent | null
  /** A whole document that could not be split, rendered as one. */
  whole: boolean
  /** Lists and indented code may merge with a like block across a blank line. */
  mergeable: boolean
  /** A fenced code or HTML block that never found its closing marker. */
  unclosed: boolean
  definition: string | null
  risky: boolean
  /** Whether the block takes a place in the HTML (yaml and definitions do not). */
  counted: boolean
  notes: string[]
}

interface Rendered {
  /** The rendered tree, kept only where heading ids may change (blocks with headings). */
  hast: HastRoot | null
  headings: Element[]
  /** Top-level headings, for the outline: index into `headings`, and line for whole documents. */
  top: { depth: number; text: string; index: number; line: number }[]
  /** Headings whose id came from the post's own HTML; they keep it. */
  ownIds: Set<Element>
  /** HTML by the ids given to the headings, so moving a heading's slug re-stringifies only it. */
  html: Map<string, string>
}

export interface IncrementalResult {
  blocks: RenderedBlock[]
  headings: Heading[]
  /** Whether this render reused earlier blocks. */
  incremental: boolean
}

const voidTags = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'])

/**
 * True when the raw HTML in `source` closes every tag it opens (comments ignored). Tag names
 * end where HTML's tokenizer ends them, so `</div|>` does not close a `<div>`.
 */
export function htmlBalanced(source: string): boolean {
  const stack: string[] = []
  for (const match of source.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<(\/?)([a-zA-Z][^\s/>]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = match
    const tag = name!.toLowerCase()
    if (voidTags.has(tag) || selfClosing) continue
    if (!closing) stack.push(tag)
    else if (stack.pop() !== tag) return false
  }
  return stack.length === 0
}

/** Whether a fenced code block or HTML block ends with its closing marker. */
function isClosed(node: RootContent, source: string): boolean {
  if (node.type === 'code') {
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(source)
    if (!fence) return true
    const lines = source.trimEnd().split('\n')
    const last = lines.at(-1)!.trim()
    return lines.length > 1 && last.startsWith(fence[1]!) && /^(`+|~+)$/.test(last)
  }
  if (node.type === 'html') {
    const start = source.trimStart()
    if (start.startsWith('<!--')) return source.includes('-->')
    if (start.startsWith('<?')) return source.includes('?>')
    if (start.startsWith('<![CDATA[')) return source.includes(']]>')
    if (/^<![a-zA-Z]/.test(start)) return source.includes('>')
    const raw = /^<(script|pre|style|textarea)\b/i.exec(start)
    if (raw) return new RegExp(`</${raw[1]}>`, 'i').test(source)
  }
  return true
}

const lineStart = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1) + 1

function countLines(text: string, from: number, to: number): number {
  let n = 0
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++
  return n
}

/** Whether the blocks on either side of a gap parse the same together as apart. */
function separate(text: string, before: Block | undefined, after: Block | undefined): boolean {
  if (!before || !after) return true
  return !before.mergeable && !after.mergeable && !before.unclosed && /\n[ \t]*\n/.test(text.slice(before.end, after.start))
}

export class IncrementalRenderer {
  private readonly parser = markdownParser()
  private readonly body: ReturnType<typeof bodyProcessor>
  private readonly exporting: boolean
  private text = ''
  private blocks: Block[] = []
  private definitionsKey = ''
  /** Rendered blocks by source, so a re-parsed but unchanged block is not rendered again. */
  private cache = new Map<string, Rendered>()

  constructor(options: RenderOptions) {
    this.body = bodyProcessor(options)
    this.exporting = options.mode === 'export'
  }

  /** Renders `text`, reusing what the previous render can lend. */
  render(text: string): IncrementalResult {
    let incremental = false
    if (text !== this.text || this.blocks.length === 0) {
      const updated = this.blocks.length > 0 && !this.blocks.some((b) => b.risky) ? this.update(text) : null
      incremental = updated !== null
      let blocks = updated ?? this.parseRange(text, 0, text.length, 1, [])
      if (blocks.some((b) => b.risky)) blocks = [this.wholeDocument(text)]
      const definitionsKey = blocks.filter((b) => b.definition).map((b) => b.source).join('\0')
      if (definitionsKey !== this.definitionsKey) this.cache.clear()
      this.definitionsKey = definitionsKey
      this.blocks = blocks
      this.text = text
    }
    return { ...this.assemble(), incremental }
  }

  /** Parses text[from, to) into top-level blocks; `definitions` (link definitions outside it) resolve references. */
  private parseRange(text: string, from: number, to: number, firstLine: number, definitions: Block[]): Block[] {
    const slice = text.slice(from, to)
    const suffix = definitions.map((b) => b.source).join('\n\n')
    const tree = this.parser.parse(suffix ? `${slice}\n\n${suffix}` : slice) as Root
    const labels = new Set(definitions.map((b) => b.definition))
    // An unclosed front matter fence changes how micromark parses the rest of the post.
    const brokenFrontMatter = from === 0 && /^---[ \t]*\r?\n/.test(slice) && tree.children[0]?.type !== 'yaml'
    const blocks: Block[] = []
    for (const node of tree.children) {
      const start = node.position!.start.offset!
      if (start >= slice.length) break
      const end = Math.min(node.position!.end.offset!, slice.length)
      const source = slice.slice(start, end)
      const definition = node.type === 'definition' ? node.identifier : null
      const comment = node.type === 'html' && isCommentOnly(node.value)
      blocks.push({
        start: from + start,
        end: from + end,
        line: firstLine + node.position!.start.line - 1,
        source,
        node,
        whole: false,
        mergeable: node.type === 'list' || (node.type === 'code' && !/^ {0,3}(```|~~~)/.test(source)),
        unclosed: !isClosed(node, source),
        definition,
        risky:
          brokenFrontMatter ||
          node.type === 'footnoteDefinition' ||
          /\[\^[^\]\s]+\]/.test(source) ||
          (node.type !== 'code' && source.includes('<') && !htmlBalanced(source)) ||
          (definition !== null && labels.has(definition)),
        counted: node.type !== 'yaml' && node.type !== 'definition' && !(comment && this.exporting),
        notes: comment ? commentTexts(node.value) : []
      })
      if (definition) labels.add(definition)
    }
    return blocks
  }

  /** A document that is not safe to split renders as one block. */
  private wholeDocument(text: string): Block {
    return { start: 0, end: text.length, line: 1, source: text, node: null, whole: true, mergeable: false, unclosed: false, definition: null, risky: true, counted: true, notes: [] }
  }

  /** Re-parses only the blocks around the change from the last text to `text`; null when it cannot. */
  private update(text: string): Block[] | null {
    const old = this.text
    const blocks = this.blocks
    const limit = Math.min(old.length, text.length)
    let prefix = 0
    while (prefix < limit && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++
    let suffix = 0
    while (suffix < limit - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++
    const changeEnd = old.length - suffix
    const delta = text.length - old.length
    const lineDelta = countLines(text, prefix, text.length - suffix) - countLines(old, prefix, changeEnd)

    // One untouched block of context on each side, widened until both edges are safe.
    let first = blocks.findIndex((b) => b.end >= prefix)
    first = Math.max(0, (first === -1 ? blocks.length : first) - 1)
    let last = blocks.findIndex((b) => b.start > changeEnd)
    last = last === -1 ? blocks.length - 1 : last
    for (let attempt = 0; attempt < 6; attempt++) {
      while (first > 0 && !separate(old, blocks[first - 1], blocks[first])) first--
      while (last < blocks.length - 1 && !separate(old, blocks[last], blocks[last + 1])) last++
      const from = first === 0 ? 0 : lineStart(old, blocks[first]!.start)
      const oldTo = last === blocks.length - 1 ? old.length : Math.max(blocks[last]!.end, changeEnd)
      const before = blocks.slice(0, first)
      const after = blocks.slice(last + 1).map((b) => ({ ...b, start: b.start + delta, end: b.end + delta, line: b.line + lineDelta }))
      const outsideDefinitions = [...before, ...after].filter((b) => b.definition)
      const fresh = this.parseRange(text, from, oldTo + delta, first === 0 ? 1 : blocks[first]!.line, outsideDefinitions)
      const definitionsOf = (list: Block[]) => list.filter((b) => b.definition).map((b) => b.source).join('\0')
      if (fresh.some((b) => b.risky) || definitionsOf(blocks.slice(first, last + 1)) !== definitionsOf(fresh)) return null
      if (separate(text, before.at(-1), fresh[0]) && separate(text, fresh.at(-1), after[0])) return [...before, ...fresh, ...after]
      first = Math.max(0, first - 1)
      last = Math.min(blocks.length - 1, last + 1)
    }
    return null
  }

  /** Renders (or reuses) each block, gives headings their ids in document order, collects the outline. */
  private assemble(): Omit<IncrementalResult, 'incremental'> {
    const slugger = new GithubSlugger()
    const out: RenderedBlock[] = []
    const headings: Heading[] = []
    const used = new Map<string, Rendered>()
    // Link definitions anywhere in the post resolve references in every block.
    const definitions = this.blocks.filter((b) => b.definition).map((b) => b.node!)
    for (const block of this.blocks) {
      if (!block.counted) continue
      const rendered = this.renderBlock(block, definitions)
      used.set(block.source, rendered)
      const ids = rendered.headings.map((h) => (rendered.ownIds.has(h) ? String(h.properties.id) : slugger.slug(hastToString(h))))
      const key = ids.join('\0')
      let html = rendered.html.get(key)
      if (html === undefined) {
        const hast = rendered.hast!
        html = this.withIds(rendered, ids, () => (block.whole ? JSON.stringify(splitTopLevel(hast)) : toHtml(hast)))
        rendered.html.set(key, html)
      }
      if (block.whole) out.push(...(JSON.parse(html) as RenderedBlock[]))
      else out.push({ html, line: block.line })
      for (const heading of rendered.top) {
        headings.push({ depth: heading.depth, text: heading.text, slug: ids[heading.index]!, line: block.whole ? heading.line : block.line, notes: [] })
      }
      for (const note of block.notes) headings.at(-1)?.notes.push({ text: note, line: block.line })
    }
    this.cache = used
    return { blocks: out, headings }
  }

  /** Runs `stringify` with the headings carrying `ids`, then takes the generated ids off again. */
  private withIds(rendered: Rendered, ids: string[], stringify: () => string): string {
    rendered.headings.forEach((h, i) => (h.properties.id = ids[i]))
    try {
      return stringify()
    } finally {
      rendered.headings.forEach((h) => {
        if (!rendered.ownIds.has(h)) delete h.properties.id
      })
    }
  }

  private renderBlock(block: Block, definitions: RootContent[]): Rendered {
    const cached = this.cache.get(block.source)
    if (cached) return cached
    let tree: Root
    if (block.whole) tree = this.parser.parse(block.source) as Root
    else {
      const node = block.node ?? (this.parser.parse(block.source) as Root).children[0]!
      tree = { type: 'root', children: [structuredClone(node), ...definitions] }
      // Only definitions need their node later; the rest lives on as HTML.
      if (!block.definition) block.node = null
    }
    const hast = this.body.runSync(tree) as HastRoot
    const headings: Element[] = []
    const ownIds = new Set<Element>()
    const walk = (nodes: HastContent[]) => {
      for (const node of nodes) {
        if (node.type !== 'element') continue
        if (/^h[1-6]$/.test(node.tagName)) {
          headings.push(node)
          if (node.properties.id) ownIds.add(node)
        }
        walk(node.children as HastContent[])
      }
    }
    walk(hast.children)
    const top = hast.children.flatMap((node) =>
      node.type === 'element' && /^h[1-6]$/.test(node.tagName)
        ? [{ depth: Number(node.tagName[1]), text: hastToString(node), index: headings.indexOf(node), line: node.position?.start.line ?? 1 }]
        : []
    )
    const rendered: Rendered = { hast, headings, ownIds, top, html: new Map<string, string>() }
    // Without headings a block's HTML never changes: keep the string, let the tree go.
    if (!headings.length && !block.whole) {
      rendered.html.set('', toHtml(hast))
      rendered.hast = null
    }
    this.cache.set(block.source, rendered)
    return rendered
  }
}

/**
 * A whole-document render cut at the newlines the pipeline puts between blocks, each piece
 * with the line it starts on; joined with newlines it is the full render again.
 */
function splitTopLevel(hast: HastRoot): RenderedBlock[] {
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
