import { memo, useMemo, type RefObject } from 'react'
import type { RenderedBlock } from '../../common/markdown/pipeline'
import { readFrontMatter, tagsOf, textOf } from '../../common/frontmatter'
import { isExternalLink } from '../../common/links'
import { folio } from './folio'

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
  blocks: RenderedBlock[]
  /** The blocks are only the beginning of a very large post. */
  cut?: boolean
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

/**
 * The live preview: one element per top-level block. React keeps the element of every
 * block whose HTML did not change, so an edit patches one block instead of replacing the
 * page (and reloading its images).
 */
export const Preview = memo(function Preview({ text, blocks, cut, containerRef, onLineClick }: PreviewProps) {
  const fm = useMemo(() => readFrontMatter(text), [text])
  const seen = new Map<string, number>()
  return (
    <div
      className="preview"
      ref={containerRef}
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
        {blocks.map((block) => {
          if (!block.html) return null
          const n = seen.get(block.html) ?? 0
          seen.set(block.html, n + 1)
          return <div key={`${n}:${block.html}`} className="block" data-line={block.line} dangerouslySetInnerHTML={{ __html: block.html }} />
        })}
        {cut && (
          <p className="preview-cut" role="note">
            This post is very large: the preview shows only its beginning. All of it is in the editor.
          </p>
        )}
      </article>
    </div>
  )
})
