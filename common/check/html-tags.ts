import type { Element, Root as HastRoot, Text } from 'hast'
import type { Html, Nodes } from 'mdast'
import { visit } from 'unist-util-visit'
import { visitParents } from 'unist-util-visit-parents'
import type { DiagnosticFix } from '../api'
import { htmlTags, voidTags, type HtmlTag } from '../markdown/block-rules'
import { bodyProcessor } from '../markdown/pipeline'
import type { CheckContext } from './types'

/**
 * What the raw-HTML rules (raw-text-tag.ts, unclosed-tag.ts) share: the tags the author wrote
 * in prose, found through the mdast's html nodes (never in code, which has none), and Folio's
 * own render of the post, which says what those tags really do.
 */

/** A tag as written in the post, with offsets in the whole text. */
export interface AuthoredTag extends HtmlTag {
  /** The tag's source, `<style>`. */
  source: string
  /** Where the block holding the tag ends: its paragraph, heading or table cell, or its HTML block. */
  blockEnd: number
  /** The tags of the same block, in order (this one included). */
  block: AuthoredTag[]
}

/** Elements whose content HTML reads as text, not markup: an opening tag swallows what follows. */
export const rawTextTags: ReadonlySet<string> = new Set(['style', 'script', 'textarea', 'title', 'xmp', 'iframe', 'noscript', 'noembed', 'noframes', 'plaintext'])

const textBlocks = new Set(['paragraph', 'heading', 'tableCell'])

/** Every tag written in raw HTML, grouped by the block that holds it. */
export function authoredTags(context: CheckContext): AuthoredTag[] {
  const blocks = new Map<Nodes, AuthoredTag[]>()
  visitParents(context.tree, 'html', (node: Html, ancestors) => {
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (start === undefined || end === undefined) return
    // Inline HTML belongs to its paragraph (or heading, or cell); an HTML block is its own block.
    const holder = [...ancestors].reverse().find((a) => textBlocks.has(a.type)) ?? node
    const blockEnd = holder.position?.end.offset ?? end
    const tags = blocks.get(holder) ?? []
    blocks.set(holder, tags)
    // The source, not node.value: inside a blockquote or list the value has lost its markers.
    for (const tag of htmlTags(context.text.slice(start, end))) {
      tags.push({ ...tag, from: start + tag.from, to: start + tag.to, source: context.text.slice(start + tag.from, start + tag.to), blockEnd, block: tags })
    }
  })
  return [...blocks.values()].flat()
}

/** Whether an opening tag is closed by a matching end tag later in its own block. */
export function closedInBlock(tag: AuthoredTag): boolean {
  let depth = 0
  for (const other of tag.block) {
    if (other.from <= tag.from || other.name !== tag.name) continue
    if (!other.closing) depth++
    else if (depth-- === 0) return true
  }
  return false
}

/** An opening tag of an element that can have content (void elements never do). */
/** An opening tag that leaves an element open: not an end tag, not void, not self-closed (`<a name="x"/>` renders as an empty element, common/markdown/self-closing.ts). */
export const opensElement = (tag: AuthoredTag): boolean => !tag.closing && !tag.selfClosing && !voidTags.has(tag.name)

const renders = new WeakMap<CheckContext, HastRoot>()

/** The post as Folio's preview and export render it (raw HTML parsed, then sanitized), with source positions. */
export function renderedTree(context: CheckContext): HastRoot {
  let tree = renders.get(context)
  if (!tree) {
    const processor = bodyProcessor({ mode: 'export', resolveImage: () => null })
    tree = processor.runSync(processor.parse(context.text)) as HastRoot
    renders.set(context, tree)
  }
  return tree
}

/** The rendered elements that an authored tag at `from` made: the element and any copies HTML re-opened. */
export function elementsFrom(tree: HastRoot, from: number, name: string): Element[] {
  const found: Element[] = []
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === name && node.position?.start.offset === from) found.push(node)
  })
  return found
}

/** The rendered text nodes, in source order. */
export function renderedTexts(tree: HastRoot): Text[] {
  const found: Text[] = []
  visit(tree, 'text', (node: Text) => {
    if (node.position) found.push(node)
  })
  return found.sort((a, b) => a.position!.start.offset! - b.position!.start.offset!)
}

/** The fix that shows a tag as written: the tag alone wrapped in a code span, nothing else touched. */
export function writeAsCode(tag: AuthoredTag): DiagnosticFix {
  const fence = tag.source.includes('`') ? ['`` ', ' ``'] : ['`', '`']
  return {
    label: `Write ${tag.source} as code`,
    edits: [
      { from: tag.from, to: tag.from, insert: fence[0]! },
      { from: tag.to, to: tag.to, insert: fence[1]! }
    ]
  }
}
