import { memo, useMemo, useState } from 'react'
import type { PostSummary } from '../../common/api'
import { PencilIcon, TrashIcon } from './Icons'
import { filterPosts, sortPosts, type SortKey } from './post-filter'

interface PostListProps {
  posts: PostSummary[]
  current: string | null
  dirty: ReadonlySet<string>
  onOpen(relPath: string): void
  onNew(): void
  onRename(post: PostSummary): void
  onDelete(post: PostSummary): void
}

/** The sidebar: the opened folder's posts with their dates, categories and tags. */
export const PostList = memo(function PostList({ posts, current, dirty, onOpen, onNew, onRename, onDelete }: PostListProps) {
  const [query, setQuery] = useState('')
  const [sort, setSort] = useState<SortKey>('date')
  const shown = useMemo(() => sortPosts(filterPosts(posts, query), sort), [posts, query, sort])
  return (
    <aside className="sidebar" aria-label="Posts">
      <div className="sidebar-head">
        <h2 className="pane-title">Posts</h2>
        <button className="primary small" onClick={onNew} title="New post (Ctrl+N)">
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
          <li key={post.relPath} className={post.relPath === current ? 'active' : undefined}>
            <button className="post-item" onClick={() => onOpen(post.relPath)} aria-current={post.relPath === current ? 'page' : undefined} title={post.relPath}>
              <span className="post-title">
                {dirty.has(post.relPath) && <span className="dirty-dot" aria-label="unsaved" />}
                {post.title}
              </span>
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
            <span className="post-actions">
              <button className="icon" aria-label={`Rename ${post.title}`} title="Rename" onClick={() => onRename(post)}>
                <PencilIcon />
              </button>
              <button className="icon" aria-label={`Delete ${post.title}`} title="Move to trash" onClick={() => onDelete(post)}>
                <TrashIcon />
              </button>
            </span>
          </li>
        ))}
        {shown.length === 0 && <li className="empty">{posts.length ? 'No post matches.' : 'No posts in this folder yet.'}</li>}
      </ul>
    </aside>
  )
})
