import { IncrementalRenderer } from '../../../common/markdown/incremental'
import type { Heading } from '../../../common/outline'
import { encodePath, resolvePostLink } from '../../../common/links'
import { longPost, previewPart } from '../../../common/large-post'
import { textStats, type TextStats } from '../stats'

/** What the preview asks for: a post and its whole text. */
export interface RenderRequest {
  relPath: string
  text: string
  /** Where post images are served from (folio.imageBase; the worker has no preload API). */
  imageBase: string
}

/**
 * A top-level block of the preview. Its id stays the same while its HTML does, and its
 * HTML is sent only when the id is new: an edit sends the blocks it changed, not the post.
 */
export interface SentBlock {
  id: number
  line: number
  html?: string
}

/** A preview block with its HTML, as the page shows it. */
export interface PreviewBlock {
  id: number
  line: number
  html: string
}

/** The rendered post: its top-level blocks, its headings (for the outline) and its word count. */
export interface RenderReply {
  relPath: string
  blocks: SentBlock[]
  headings: Heading[]
  /** The blocks are only the beginning of a very large post (common/large-post.ts). */
  cut: boolean
  stats: TextStats
  /** Why the post could not be rendered (a bug in the pipeline): shown in place of the preview. */
  error?: string
  /** Only the post's beginning, sent ahead while the rest renders (its headings too). */
  partial?: boolean
}

/** How much of it, in characters (about a thousand lines), ending at a blank line. */
const beginningChars = 40_000

/**
 * The beginning of a long post (ending at a blank line), or null for a shorter one. The
 * first render of a 25k-line post takes seconds; its beginning takes a tenth of one, and
 * its blocks then keep their elements when the whole arrives.
 */
export function beginningOf(text: string): string | null {
  if (text.length <= longPost) return null
  const blank = text.lastIndexOf('\n\n', beginningChars)
  return blank > 0 ? text.slice(0, blank + 1) : null
}

/**
 * One incremental renderer per post, in whichever thread runs it: an edit re-renders only
 * the blocks it touched. Web images stay as written; post images go through folio-img.
 * The word count rides along: on a long post it is a scan of its own (~60 ms a megabyte).
 * Replies must reach the page in order: ids of unchanged blocks refer to the last reply.
 */
export function renderEngine(): (request: RenderRequest) => RenderReply {
  let current: { relPath: string; renderer: IncrementalRenderer } | null = null
  /** The ids of the last reply's blocks by their HTML (equal blocks, such as two rules, get one id each). */
  let sent = new Map<string, number[]>()
  let nextId = 1
  return ({ relPath, text, imageBase }) => {
    if (current?.relPath !== relPath) {
      const resolveImage = (src: string) => {
        if (/^(https:|data:image\/)/i.test(src)) return src
        const path = resolvePostLink(relPath, src)
        return path ? imageBase + encodePath(path) : null
      }
      current = { relPath, renderer: new IncrementalRenderer({ mode: 'preview', resolveImage }) }
      sent = new Map()
    }
    const part = previewPart(text)
    let rendered
    try {
      rendered = current.renderer.render(part.text)
    } catch (error) {
      // The editor and the post are unharmed; the next edit starts from a fresh renderer.
      current = null
      return { relPath, blocks: [], headings: [], cut: part.cut, stats: textStats(text), error: error instanceof Error ? error.message : String(error) }
    }
    const { blocks, headings } = rendered
    const now = new Map<string, number[]>()
    const out = blocks.map(({ html, line }): SentBlock => {
      const known = sent.get(html)?.shift()
      const id = known ?? nextId++
      now.set(html, [...(now.get(html) ?? []), id])
      return known === undefined ? { id, line, html } : { id, line }
    })
    sent = now
    return { relPath, blocks: out, headings, cut: part.cut, stats: textStats(text) }
  }
}
