import type { PostSummary } from '../../../common/api'

/**
 * The post list as the user sees it: the folder's posts from the main side, and the open posts
 * whose file is gone from disk but whose unsaved text Folio still holds (each listed once, by
 * the summary it had when the file went), until they are saved again or discarded.
 */
export function withDeletedPosts(posts: readonly PostSummary[], deleted: ReadonlyMap<string, PostSummary>): PostSummary[] {
  if (deleted.size === 0) return posts as PostSummary[]
  const listed = new Set(posts.map((post) => post.relPath))
  return [...posts, ...[...deleted.values()].filter((post) => !listed.has(post.relPath))]
}
