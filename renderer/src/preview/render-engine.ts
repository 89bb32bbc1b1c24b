import { IncrementalRenderer } from '../../../common/markdown/incremental'
import type { RenderedBlock } from '../../../common/markdown/pipeline'
import type { Heading } from '../../../common/outline'
import { encodePath, resolvePostLink } from '../../../common/links'
import { previewPart } from '../../../common/large-post'
import { textStats, type TextStats } from '../stats'

/** What the preview asks for: a post and its whole text. */
export interface RenderRequest {
  relPath: string
  text: string
  /** Where post images are served from (folio.imageBase; the worker has no preload API). */
  imageBase: string
}

/** The rendered post: its top-level blocks, its headings (for the outline) and its word count. */
export interface RenderReply {
  relPath: string
  blocks: RenderedBlock[]
  headings: Heading[]
  /** The blocks are only the beginning of a very large post (common/large-post.ts). */
  cut: boolean
  stats: TextStats
}

/**
 * One incremental renderer per post, in whichever thread runs it: an edit re-renders only
 * the blocks it touched. Web images stay as written; post images go through folio-img.
 * The word count rides along: on a long post it is a scan of its own (~60 ms a megabyte).
 */
export function renderEngine(): (request: RenderRequest) => RenderReply {
  let current: { relPath: string; renderer: IncrementalRenderer } | null = null
  return ({ relPath, text, imageBase }) => {
    if (current?.relPath !== relPath) {
      const resolveImage = (src: string) => {
        if (/^(https:|data:image\/)/i.test(src)) return src
        const path = resolvePostLink(relPath, src)
        return path ? imageBase + encodePath(path) : null
      }
      current = { relPath, renderer: new IncrementalRenderer({ mode: 'preview', resolveImage }) }
    }
    const part = previewPart(text)
    const { blocks, headings } = current.renderer.render(part.text)
    return { relPath, blocks, headings, cut: part.cut, stats: textStats(text) }
  }
}
