import { memo, useMemo, useState } from 'react'
import type { PostSummary } from '../../common/api'
import { hintFor } from './commands'
import { PencilIcon, TrashIcon } from './Icons'
import { filterPosts, sortPosts, type SortKey } from './post-filter'

interface PostListProps {
  posts: PostSummary[]
  current: string | null
  dirty: ReadonlySet<string>
  /** Open posts whose file is gone from disk while they hold unsaved text. */
  deleted: ReadonlyMap<string, unknown>
  onOpen(relPath: string): void
  onNew(): void
  onRename(post: PostSummary): void
  onDelete(post: PostSummary): void
  /** Drops the unsaved text of a post deleted on disk (after asking). */
  onDiscard(relPath: string): void
}

/** The sidebar: the opened folder's posts with their dates, categories and tags. */
export const PostList = memo(function PostList({ posts, current, dirty, deleted, onOpen, onNew, onRename, onDelete, onDiscard }: PostListProps) {
  const [query, setQuery] = useState('')
  const [sort, setSort] = useState<SortKey>('date')
  const shown = useMemo(() => sortPosts(filterPosts(posts, query), sort), [posts, query, sort])
  return (
    <aside className="sidebar" aria-label="Posts">
      <div className="sidebar-head">
        <h2 className="pane-title">Posts</h2>
        <button className="primary small" onClick={onNew} {...hintFor('newPost')}>
          + New
        </button>
      </div>
      <div className="sidebar-tools">
        <input type="search" placeholder="Filter: words, #tag, @category" aria-label="Filter posts" value={query} onChange={(e) => setQuery(e.target.value)} />
        <select aria-label="Sort posts" value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
          <option value="date">Newest</option>
          <option value="title">Title</option>
        </select>
      </div>
      <ul className="post-list">
        {shown.map((post) => (
          <li key={post.relPath} className={[post.relPath === current && 'active', deleted.has(post.relPath) && 'gone'].filter(Boolean).join(' ') || undefined}>
            <button
              className="post-item"
              onClick={() => onOpen(post.relPath)}
              aria-current={post.relPath === current ? 'page' : undefined}
              title={deleted.has(post.relPath) ? `${post.relPath} was deleted on disk; its unsaved text is only in Folio. Save to write the file again, or discard it.` : post.relPath}
            >
              <span className="post-title">
                {dirty.has(post.relPath) && <span className="dirty-dot" aria-label="unsaved" />}
                {post.title}
              </span>
              {deleted.has(post.relPath) && <DeletedMark />}
              <span className="post-meta">
                {post.date ? <span>{post.date}</span> : <span className="badge draft">Draft</span>}
                {post.category && <span className="badge">{post.category}</span>}
                {post.problem && (
                  <span className="badge warn" title={post.problem}>
                    !
                  </span>
                )}
              </span>
              {post.tags.length > 0 && <span className="post-tags">{post.tags.map((t) => `#${t}`).join(' ')}</span>}
            </button>
            {deleted.has(post.relPath) ? (
              // Its file is gone: nothing to rename or trash, only the text to keep (save) or drop.
              <span className="post-actions">
                <button className="small" aria-label={`Discard unsaved changes to ${post.title}`} title="Discard the unsaved text" onClick={() => onDiscard(post.relPath)}>
                  Discard…
                </button>
              </span>
            ) : (
              <span className="post-actions">
                <button className="icon" aria-label={`Rename ${post.title}`} title="Rename" onClick={() => onRename(post)}>
                  <PencilIcon />
                </button>
                <button className="icon" aria-label={`Delete ${post.title}`} title="Move to trash" onClick={() => onDelete(post)}>
                  <TrashIcon />
                </button>
              </span>
            )}
          </li>
        ))}
        {shown.length === 0 && <li className="empty">{posts.length ? 'No post matches.' : 'No posts in this folder yet.'}</li>}
      </ul>
    </aside>
  )
})

/** The mark of a listed post whose file is gone: seen as a warning line, heard as its state. */
function DeletedMark() {
  return (
    <span className="post-gone">
      <span aria-hidden="true">⚠ Deleted on disk · unsaved</span>
      <span className="sr-only">, deleted on disk, unsaved changes</span>
    </span>
  )
}
