import type { PostSummary } from '../../common/api'

export type SortKey = 'date' | 'title'

/** Posts sort newest first by date (drafts, having none, on top), or by title. */
export function sortPosts(posts: PostSummary[], key: SortKey): PostSummary[] {
  const time = (p: PostSummary) => (p.date ? Date.parse(p.date) || 0 : Infinity)
  return [...posts].sort((a, b) => (key === 'title' ? a.title.localeCompare(b.title) : time(b) - time(a) || a.title.localeCompare(b.title)))
}

/** Matches words against title, path, category and tags; `#tag` and `@category` narrow. */
export function filterPosts(posts: PostSummary[], query: string): PostSummary[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean)
  return posts.filter((post) =>
    terms.every((term) => {
      if (term.startsWith('#')) return post.tags.some((t) => t.toLowerCase() === term.slice(1))
      if (term.startsWith('@')) return (post.category ?? '').toLowerCase() === term.slice(1)
      return [post.title, post.relPath, post.category ?? '', ...post.tags].some((f) => f.toLowerCase().includes(term))
    })
  )
}

