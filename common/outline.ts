import { toString } from 'mdast-util-to-string'
import type { Nodes, Root } from 'mdast'
import { visit } from 'unist-util-visit'
import { commentTexts, isCommentOnly } from './markdown/draft-notes'
import { lastAtMost } from './sorted'
import { headingIds, headingSlug } from './heading-id'

/** One heading of a post, with the anchor GitHub (and the preview) gives it. */
export interface Heading {
  depth: number
  text: string
  slug: string
  line: number
  /** Drafting notes (HTML comments) in the section this heading opens. */
  notes: { text: string; line: number }[]
}

/**
 * A heading's text as the rendered page has it: inline HTML tags and comments are not text
 * (`## About me <!-- omit from toc -->` is "About me "), as the preview's slugs see it after rehype-raw.
 */
const headingText = (node: Nodes): string => toString(node, { includeHtml: false })

/** The slug of one text, before repeats are numbered: what a link to a heading with that text looks like. */
export const slugOf = headingSlug

/** The headings of a parsed post in document order, with the ids the preview and export give them. */
export function headingsOf(tree: Root): Heading[] {
  const headingId = headingIds()
  const headings: Heading[] = []
  for (const node of tree.children) {
    if (node.type === 'heading') {
      const text = headingText(node)
      headings.push({ depth: node.depth, text: text.trim(), slug: headingId(headingSlug(text)), line: node.position?.start.line ?? 1, notes: [] })
    } else if (node.type === 'html' && isCommentOnly(node.value)) {
      const section = headings[headings.length - 1]
      for (const note of commentTexts(node.value)) {
        section?.notes.push({ text: note, line: node.position?.start.line ?? 1 })
      }
    }
  }
  return headings
}

/**
 * The heading whose section holds `line`: the last heading at or above it (headings come in
 * document order). A binary search: the outline asks on every move of the cursor.
 */
export function sectionAt(headings: Heading[], line: number): Heading | undefined {
  const at = lastAtMost(headings.length, (i) => headings[i]!.line, line)
  return at < 0 ? undefined : headings[at]
}

const idAttribute = /\s(?:id|name)\s*=\s*["']([^"']+)["']/gi

/** Every `#anchor` a link in the post can lead to: its headings' ids and the `id`/`name` attributes of its raw HTML. */
export function postAnchors(tree: Root, headings: readonly Heading[] = headingsOf(tree)): Set<string> {
  const anchors = new Set(headings.map((h) => h.slug))
  visit(tree, 'html', (node) => {
    for (const m of node.value.matchAll(idAttribute)) if (m[1]) anchors.add(m[1])
  })
  return anchors
}
