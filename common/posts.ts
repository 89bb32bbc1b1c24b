import type { PostSummary } from './api'
import { readFrontMatter, tagsOf, textOf } from './frontmatter'
import { parseMarkdown } from './markdown/parse'
import { headingsOf } from './outline'

/**
 * The post-list entry for a post: title from front matter, else first heading, else file name.
 * Only the start of the post is parsed for the heading, so huge posts list quickly.
 */
export function summarizePost(relPath: string, text: string, mtimeMs: number): PostSummary {
  const fm = readFrontMatter(text)
  const title = textOf(fm.data.title) || headingsOf(parseMarkdown(text.slice(0, 65536))).find((h) => h.depth === 1)?.text || baseName(relPath)
  const date = textOf(fm.data.date) || null
  return {
    relPath,
    title,
    date,
    category: textOf(fm.data.category) || null,
    tags: tagsOf(fm.data),
    mtimeMs,
    problem: fm.error
  }
}

/** `posts/my-trip.md` -> `my-trip` */
/** The file names Folio treats as posts: `.md` and `.markdown`, any case. */
export const postPattern = /\.(md|markdown)$/i

export const baseName = (relPath: string): string => (relPath.split('/').pop() ?? relPath).replace(postPattern, '')

/** The image folder of a post, relative to the post's own folder: `<slug>-images`. */
export const imageFolderOf = (relPath: string): string => `${baseName(relPath)}-images`
