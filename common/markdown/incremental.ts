import { toHtml } from 'hast-util-to-html'
import { toString as hastToString } from 'hast-util-to-string'
import type { Element, Root as HastRoot, RootContent as HastContent } from 'hast'
import type { Paragraph, Root, RootContent } from 'mdast'
import { markdownParser } from './parse'
import { commentTexts, isCommentOnly } from './draft-notes'
import { bodyProcessor, type RenderedBlock, type RenderOptions } from './pipeline'
import type { Heading } from '../outline'
import { headingIds, headingSlug } from '../heading-id'
import { holdsDefinition, htmlBalanced, isClosed, needsRaw, plain, selfContained } from './block-rules'
import { countLines, diff, lineEnd, lineStart, moveOffsets, plainTextAt, splitTopLevel, type Change } from './incremental-helpers'

/**
 * Incremental preview rendering. A post is split into its top-level blocks by the parser's
 * own positions; after an edit only the blocks around the change are parsed and rendered
 * again and the rest are reused. Three paths, fastest first: typing on in a paragraph patches
 * its tree (patchText), an edit inside one block parses that block's lines alone
 * (updateBlock), anything else parses the blocks around it with one block of context on each
 * side (update). Heading ids are assigned in one cheap pass over every heading, since a
 * GitHub slug depends on the headings before it. The output equals a full render byte for
 * byte (tests/unit/incremental.test.ts checks random edits). Documents whose blocks are not
 * independent (footnotes, raw HTML left open across blocks, duplicate or nested link
 * definitions) are rendered whole every time.
 */

interface Block {
  /** Offsets of the block's source in the text it was parsed from. */
  start: number
  end: number
  line: number
  source: string
  /** The parsed node, kept until the block is rendered (and for link definitions). */
  node: RootContent | null
  /** The node's type ('root' for a whole document), since the node itself is not kept. */
  kind: string
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

/** The paragraph being typed in and its tree (the block's own node goes to the pipeline). */
interface Typing {
  block: Block
  node: Paragraph
  /** Where the tree's offsets count from in the text. */
  base: number
}

interface Rendered {
  /** The block's kind: the same source can be another kind elsewhere (`    x` is code, or a line of the paragraph above). */
  kind: string
  /** The rendered tree, kept only where heading ids may change (blocks with headings). */
  hast: HastRoot | null
  headings: Element[]
  /** Each heading's slug before numbering repeats (its own id if it has one). */
  slugs: string[]
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

/** A block after `change`, moved to its place in the new text. */
const shift = (block: Block, change: Change): Block => ({ ...block, start: block.start + change.delta, end: block.end + change.delta, line: block.line + change.lineDelta })

/** Whether the blocks on either side of a gap parse the same together as apart. */
function separate(text: string, before: Block | undefined, after: Block | undefined): boolean {
  if (!before || !after) return true
  return !before.mergeable && !after.mergeable && !before.unclosed && /\n[ \t]*\n/.test(text.slice(before.end, after.start))
}

export class IncrementalRenderer {
  private readonly parser = markdownParser()
  private readonly body: ReturnType<typeof bodyProcessor>
  /** The pipeline without rehype-raw, for blocks that do not need it. */
  private readonly plain: ReturnType<typeof bodyProcessor>
  private readonly exporting: boolean
  private text = ''
  private blocks: Block[] = []
  private definitionsKey = ''
  /** Rendered blocks by source, so a re-parsed but unchanged block is not rendered again. */
  private cache = new Map<string, Rendered>()
  /** The paragraph the last edit re-parsed, kept so that typing on in it can patch it. */
  private typing: Typing | null = null

  constructor(options: RenderOptions) {
    this.body = bodyProcessor(options)
    this.plain = bodyProcessor(options, { raw: false })
    this.exporting = options.mode === 'export'
  }

  /** Renders `text`, reusing what the previous render can lend. */
  render(text: string): IncrementalResult {
    let incremental = false
    if (text !== this.text || this.blocks.length === 0) {
      const change = this.blocks.length > 0 && !this.blocks.some((b) => b.risky) ? diff(this.text, text) : null
      const typing = this.typing
      this.typing = null
      const updated = change && ((typing && this.patchText(text, change, typing)) ?? this.updateBlock(text, change) ?? this.update(text, change))
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
    // The definitions go before the slice, where a block it leaves open cannot swallow them;
    // at the start of the post they go after it, so that front matter stays first.
    const joined = definitions.map((b) => b.source).join('\n\n')
    const head = joined && from > 0 ? `${joined}\n\n` : ''
    const tree = this.parser.parse(joined && from === 0 ? `${slice}\n\n${joined}` : head + slice) as Root
    const headLines = countLines(head, 0, head.length)
    const labels = new Set(definitions.map((b) => b.definition))
    // An unclosed front matter fence changes how micromark parses the rest of the post.
    const brokenFrontMatter = from === 0 && /^---[ \t]*\r?\n/.test(slice) && tree.children[0]?.type !== 'yaml'
    const blocks: Block[] = []
    for (const node of tree.children) {
      // A block's source starts with its line's indentation: that can change its content (a
      // fenced code block's lines lose as much), so it must be part of the cache's key.
      const nodeStart = node.position!.start.offset! - head.length
      if (nodeStart < 0) continue
      const start = /^[ \t]*$/.test(slice.slice(lineStart(slice, nodeStart), nodeStart)) ? lineStart(slice, nodeStart) : nodeStart
      if (start >= slice.length) break
      const end = Math.min(node.position!.end.offset! - head.length, slice.length)
      const source = slice.slice(start, end)
      const definition = node.type === 'definition' ? node.identifier : null
      const comment = node.type === 'html' && isCommentOnly(node.value)
      blocks.push({
        start: from + start,
        end: from + end,
        line: firstLine + node.position!.start.line - 1 - headLines,
        source,
        node,
        kind: node.type,
        whole: false,
        mergeable: node.type === 'list' || (node.type === 'code' && !/^ {0,3}(```|~~~)/.test(source)),
        unclosed: !isClosed(node, source),
        definition,
        risky:
          brokenFrontMatter ||
          // Parsed alone, a `---` block further down can pass for front matter.
          (node.type === 'yaml' && from > 0) ||
          holdsDefinition(node) ||
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
    return { start: 0, end: text.length, line: 1, source: text, node: null, kind: 'root', whole: true, mergeable: false, unclosed: false, definition: null, risky: true, counted: true, notes: [] }
  }

  /**
   * The fast path, for an edit within the lines of one block (or the blank lines below it):
   * only those lines are parsed again. It holds when they are still one closed block of the
   * same self-contained kind, with a blank line on each side and neighbours that cannot reach
   * across it, before and after the edit: the parser starts afresh after such a gap, so the
   * block can neither have merged with its neighbours nor split from them. Null when that
   * cannot be shown.
   */
  private updateBlock(text: string, change: Change): Block[] | null {
    const blocks = this.blocks
    // The last block that starts at or before the edit.
    let index = blocks.findIndex((b) => b.start > change.from)
    index = (index === -1 ? blocks.length : index) - 1
    const block = blocks[index]
    if (!block || !selfContained.has(block.kind) || block.mergeable || block.unclosed) return null
    const before = blocks[index - 1]
    const after = blocks[index + 1]
    const from = lineStart(this.text, block.start)
    const to = lineEnd(this.text, Math.max(block.end, change.oldTo))
    if ((after && to >= after.start) || !separate(this.text, before, block) || !separate(this.text, block, after)) return null
    // Link definitions elsewhere decide which brackets are references; this block is none.
    const fresh = this.parseRange(text, from, to + change.delta, block.line, blocks.filter((b) => b.definition))
    const [only, ...more] = fresh
    if (!only || more.length || only.kind !== block.kind || only.risky || only.mergeable || only.unclosed || !separate(text, before, only)) return null
    if (after && !separate(text, only, shift(after, change))) return null
    if (only.kind === 'paragraph' && !needsRaw(only.source)) {
      // The pipeline gets the parsed tree; the copy is for patching.
      const node = structuredClone(only.node as Paragraph)
      this.typing = { block: only, node, base: only.start + only.source.search(/\S/) - node.position!.start.offset! }
    }
    return this.replace(index, only, change)
  }

  /** `blocks[index]` replaced by `block` after `change`. */
  private replace(index: number, block: Block, change: Change): Block[] {
    // Move the later blocks in place rather than copy thousands of them per keystroke.
    const blocks = this.blocks
    for (let i = index + 1; i < blocks.length; i++) {
      blocks[i]!.start += change.delta
      blocks[i]!.end += change.delta
      blocks[i]!.line += change.lineDelta
    }
    return blocks.with(index, block)
  }

  /**
   * The fastest path, for typing on in the paragraph the last edit re-parsed: its tree is
   * patched, not parsed. It holds for letters, digits and spaces put into (or taken out of)
   * a plain text node, between letters, digits or spaces and in words of nothing else: that
   * touches no delimiter run, bracket, autolink, character reference, line start or line end,
   * so it changes that text and nothing else. Null when the edit is anything more.
   */
  private patchText(text: string, change: Change, typing: Typing): Block[] | null {
    const old = this.text
    const { block, base } = typing
    const index = this.blocks.indexOf(block)
    const from = change.from
    const to = change.oldTo + change.delta
    const removed = old.slice(from, change.oldTo)
    if (index === -1 || from <= block.start || change.oldTo >= block.end || !plain.test(removed + text.slice(from, to))) return null
    // The characters on either side; a removal between two spaces could leave a line of markers (`_ _ _`).
    const left = text[from - 1]!
    const right = text[to]!
    if (!plain.test(left + right) || (removed && left === ' ' && right === ' ')) return null
    let wordStart = from
    let wordEnd = to
    while (wordStart > block.start && /\S/.test(text[wordStart - 1]!)) wordStart--
    while (wordEnd < block.end + change.delta && /\S/.test(text[wordEnd]!)) wordEnd++
    if (!plain.test(text.slice(wordStart, wordEnd))) return null
    // Not in a link label, nor in a paragraph that may turn into a link definition.
    const before = old.slice(block.start, from)
    if (before.lastIndexOf('[') > before.lastIndexOf(']') || block.source.trimStart().startsWith('[')) return null
    const node = structuredClone(typing.node)
    const found = plainTextAt(node, from - base, change.oldTo - base)
    if (!found) return null
    const start = base + found.position!.start.offset!
    const end = base + found.position!.end.offset!
    // Its source must read as its value: no escapes, references or whitespace the parser took out.
    if (found.value !== old.slice(start, end)) return null
    found.value = text.slice(start, end + change.delta)
    moveOffsets(node, change.oldTo - base, change.delta)
    const patched: Block = { ...block, end: block.end + change.delta, source: text.slice(block.start, block.end + change.delta), node: structuredClone(node) }
    this.typing = { block: patched, node, base }
    return this.replace(index, patched, change)
  }

  /** Re-parses only the blocks around the change from the last text to `text`; null when it cannot. */
  private update(text: string, change: Change): Block[] | null {
    const old = this.text
    const blocks = this.blocks
    const { from: prefix, oldTo: changeEnd, delta } = change

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
      const after = blocks.slice(last + 1).map((b) => shift(b, change))
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
    const headingId = headingIds()
    const out: RenderedBlock[] = []
    const headings: Heading[] = []
    const used = new Map<string, Rendered>()
    // Link definitions anywhere in the post resolve references in every block.
    const definitions = this.blocks.filter((b) => b.definition).map((b) => b.node!)
    for (const block of this.blocks) {
      if (!block.counted) continue
      const rendered = this.renderBlock(block, definitions)
      used.set(block.source, rendered)
      const ids = rendered.headings.map((h, i) => (rendered.ownIds.has(h) ? rendered.slugs[i]! : headingId(rendered.slugs[i]!)))
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
    if (cached?.kind === block.kind) return cached
    let tree: Root
    if (block.whole) tree = this.parser.parse(block.source) as Root
    else {
      const node = block.node ?? (this.parser.parse(block.source) as Root).children[0]!
      // Only definitions need their node later (so the pipeline gets a copy); the rest lives on as HTML.
      tree = { type: 'root', children: [block.definition ? structuredClone(node) : node, ...definitions] }
      if (!block.definition) block.node = null
    }
    const hast = (block.whole || needsRaw(block.source) ? this.body : this.plain).runSync(tree) as HastRoot
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
    const slugs = headings.map((h) => (ownIds.has(h) ? String(h.properties.id) : headingSlug(hastToString(h))))
    const rendered: Rendered = { kind: block.kind, hast, headings, slugs, ownIds, top, html: new Map<string, string>() }
    // Without headings a block's HTML never changes: keep the string, let the tree go.
    if (!headings.length && !block.whole) {
      rendered.html.set('', toHtml(hast))
      rendered.hast = null
    }
    this.cache.set(block.source, rendered)
    return rendered
  }
}
