import { toString } from 'mdast-util-to-string'
import type { Root } from 'mdast'
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

/** The headings of a parsed post in document order, with the ids the preview and export give them. */
export function headingsOf(tree: Root): Heading[] {
  const headingId = headingIds()
  const headings: Heading[] = []
  for (const node of tree.children) {
    if (node.type === 'heading') {
      const text = toString(node)
      headings.push({ depth: node.depth, text, slug: headingId(headingSlug(text)), line: node.position?.start.line ?? 1, notes: [] })
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
