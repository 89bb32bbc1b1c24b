import { memo, startTransition, useEffect, useMemo, useState, type RefObject } from 'react'
import { readFrontMatter, tagsOf, textOf } from '../../common/frontmatter'
import { isExternalLink } from '../../common/links'
import { folio } from './folio'
import { chunksOf, sameBlocks } from './preview/chunks'
import { useImageLoading } from './preview/image-loading'
import type { PreviewBlock } from './preview/render-engine'
import type { RenderThread } from './preview/usePreviewRender'

/** A `#fragment` as an id: percent-decoded, or as written when its escapes are broken. */
function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment)
  } catch {
    return fragment
  }
}

interface PreviewProps {
  text: string
  /** The post rendered by the shared pipeline (incrementally), one entry per top-level block. */
  blocks: PreviewBlock[]
  /** Where the blocks were rendered (shown as data-render-thread, for tests and bug reports). */
  thread: RenderThread
  /** The blocks are only the beginning of a very large post. */
  cut?: boolean
  /** The blocks are a long post's beginning, sent ahead while the rest renders. */
  partial?: boolean
  /** The post's first render has not arrived yet. */
  pending?: boolean
  /** Why the post could not be rendered. */
  error?: string
  containerRef: RefObject<HTMLDivElement | null>
  onLineClick(line: number): void
}

/** The post's front matter as a tidy header: title, date or draft, place, category, tags. */
function FrontMatterHeader({ data, error }: { data: Record<string, unknown>; error: string | null }) {
  if (error) return <div className="fm-header fm-error" role="note">Front matter not shown: {error}</div>
  const title = textOf(data.title)
  const date = textOf(data.date)
  const meta = [textOf(data.location), textOf(data.category)].filter(Boolean)
  const tags = tagsOf(data)
  if (!title && !date && !meta.length && !tags.length && !Object.keys(data).length) return null
  return (
    <header className="fm-header">
      {title && <div className="fm-title">{title}</div>}
      <div className="fm-meta">
        {date ? <span className="fm-date">{date}</span> : <span className="badge draft">Draft</span>}
        {meta.map((m) => (
          <span key={m}>{m}</span>
        ))}
      </div>
      {tags.length > 0 && (
        <ul className="fm-tags" aria-label="Tags">
          {tags.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
      )}
    </header>
  )
}

/** A chunk of the preview's blocks (preview/chunks.ts); it renders again only when they change. */
const PreviewChunk = memo(
  function PreviewChunk({ blocks }: { blocks: PreviewBlock[] }) {
    return (
      <div className="chunk">
        {blocks.map((block) => (
          <div key={block.id} className="block" data-line={block.line} dangerouslySetInnerHTML={{ __html: block.html }} />
        ))}
      </div>
    )
  },
  (before, after) => sameBlocks(before.blocks, after.blocks)
)

/** Blocks put into the page per frame while a long post's preview first appears. */
const slice = 150

/**
 * How many blocks to show: all of them, except while a long post's first render goes into
 * the page, a slice a frame. Inserting 6,000 blocks at once held the window for over a
 * second; a slice at a time, keys and scrolling get through between frames.
 */
function useSlices(count: number): number {
  const [shown, setShown] = useState(slice)
  const more = shown < count
  useEffect(() => {
    if (!more) return
    const frame = requestAnimationFrame(() => startTransition(() => setShown((n) => n + slice)))
    return () => cancelAnimationFrame(frame)
  }, [more, shown])
  return shown
}

/**
 * The live preview: one element per top-level block, keyed by the block's id, which stays
 * while its HTML does, in chunks of about 64. React keeps the element of every unchanged
 * block, so an edit patches one block instead of replacing the page (and reloading its images).
 */
export const Preview = memo(function Preview({ text, blocks, thread, cut, partial, pending, error, containerRef, onLineClick }: PreviewProps) {
  const fm = useMemo(() => readFrontMatter(text), [text])
  const shown = useSlices(blocks.length)
  useImageLoading(containerRef, blocks, shown)
  return (
    <div
      className="preview"
      ref={containerRef}
      data-render-thread={thread}
      onClick={(event) => {
        const target = event.target as HTMLElement
        const anchor = target.closest('a')
        if (anchor) {
          event.preventDefault()
          const href = anchor.getAttribute('href') ?? ''
          if (href.startsWith('#')) containerRef.current?.querySelector(`[id="${CSS.escape(decodeFragment(href.slice(1)))}"]`)?.scrollIntoView()
          else if (isExternalLink(href)) void folio.openExternal(href)
          return
        }
        const block = target.closest<HTMLElement>('[data-line]')
        if (block) onLineClick(Number(block.dataset.line))
      }}
      // A middle-click would open the link in a new window: web links go to the browser as
      // on a click, and nothing else opens anywhere.
      onAuxClick={(event) => {
        const anchor = (event.target as HTMLElement).closest('a')
        if (!anchor || event.button !== 1) return
        event.preventDefault()
        const href = anchor.getAttribute('href') ?? ''
        if (isExternalLink(href)) void folio.openExternal(href)
      }}
    >
      <article className="markdown-body">
        <FrontMatterHeader data={fm.data} error={fm.error} />
        {pending && text.trim() && <p className="preview-pending">Rendering the preview…</p>}
        {error && (
          <p className="preview-error" role="alert">
            The preview could not be rendered: {error}. Your text is safe in the editor.
          </p>
        )}
        {chunksOf(shown < blocks.length ? blocks.slice(0, shown) : blocks).map((chunk) => chunk.blocks.length > 0 && <PreviewChunk key={chunk.key} blocks={chunk.blocks} />)}
        {partial && <p className="preview-pending">Rendering the rest of the post…</p>}
        {cut && (
          <p className="preview-cut" role="note">
            This post is very large: the preview shows only its beginning. All of it is in the editor.
          </p>
        )}
      </article>
    </div>
  )
})
