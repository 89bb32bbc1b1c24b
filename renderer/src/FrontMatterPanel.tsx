import { memo, useMemo, useState } from 'react'
import { parse } from 'yaml'
import { readFrontMatter, tagsOf, textOf, type FrontMatter } from '../../common/frontmatter'

interface FrontMatterPanelProps {
  text: string
  open: boolean
  onToggle(): void
  /** Sets one key in the editor's current text (an empty value removes it). */
  onSet(key: string, value: unknown): void
}

const knownKeys = ['title', 'date', 'category', 'location', 'tags']

/** A text field that commits on Enter or when it loses focus, not on every keystroke. */
function Field({ label, value, placeholder, onCommit }: { label: string; value: string; placeholder?: string; onCommit(value: string): void }) {
  const [draft, setDraft] = useState<string | null>(null)
  const commit = () => {
    if (draft !== null && draft !== value) onCommit(draft.trim())
    setDraft(null)
  }
  return (
    <label className="fm-field">
      <span>{label}</span>
      <input
        value={draft ?? value}
        placeholder={placeholder}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit()
          if (e.key === 'Escape') setDraft(null)
        }}
      />
    </label>
  )
}

/** Tags as removable chips plus an input that adds on Enter or comma. */
function TagsField({ fm, onSet }: { fm: FrontMatter; onSet(key: string, value: unknown): void }) {
  const [draft, setDraft] = useState('')
  const tags = tagsOf(fm.data)
  // ABlog writes `tags: a, b`; Jekyll and Hugo a YAML list. Keep whichever the post uses.
  const asString = typeof fm.data.tags === 'string'
  const write = (next: string[]) => onSet('tags', asString ? next.join(', ') : next)
  const add = () => {
    const added = draft.split(',').map((t) => t.trim()).filter((t) => t && !tags.includes(t))
    if (added.length) write([...tags, ...added])
    setDraft('')
  }
  return (
    <div className="fm-field fm-tags-field">
      <span>Tags</span>
      <div className="chips">
        {tags.map((tag) => (
          <span className="chip" key={tag}>
            {tag}
            <button className="icon" aria-label={`Remove tag ${tag}`} onClick={() => write(tags.filter((t) => t !== tag))}>
              ×
            </button>
          </span>
        ))}
        <input
          aria-label="Add tag"
          placeholder="add tag"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={add}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ',') {
              e.preventDefault()
              add()
            } else if (e.key === 'Backspace' && !draft && tags.length) write(tags.slice(0, -1))
          }}
        />
      </div>
    </div>
  )
}

/**
 * The post's front matter as fields. Each change edits the YAML in the editor through the
 * yaml Document API (unknown keys, order and comments stay), so it is undoable and saved
 * like any other edit. Malformed YAML is shown with its error and left alone.
 */
export const FrontMatterPanel = memo(function FrontMatterPanel({ text, open, onToggle, onSet }: FrontMatterPanelProps) {
  const fm = useMemo(() => readFrontMatter(text), [text])
  const others = Object.keys(fm.data).filter((k) => !knownKeys.includes(k))
  return (
    <section className={`fm-panel${open ? ' open' : ''}`} aria-label="Front matter">
      <button className="fm-toggle" aria-expanded={open} onClick={onToggle}>
        {open ? '▾' : '▸'} Front matter
        {!open && (
          <span className="fm-summary">
            {' '}
            — {fm.error ? 'malformed' : [textOf(fm.data.date) || 'draft', textOf(fm.data.category), tagsOf(fm.data).map((t) => `#${t}`).join(' ')].filter(Boolean).join(' · ')}
          </span>
        )}
      </button>
      {open &&
        (fm.error ? (
          <p className="fm-error" role="alert">
            {fm.error}. Fix it in the text; the fields come back once it parses.
          </p>
        ) : (
          <div className="fm-grid">
            <Field label="Title" value={textOf(fm.data.title)} onCommit={(v) => onSet('title', v)} />
            <Field label="Date" value={textOf(fm.data.date)} placeholder="empty = draft (e.g. Jul 20, 2026)" onCommit={(v) => onSet('date', v)} />
            <Field label="Category" value={textOf(fm.data.category)} onCommit={(v) => onSet('category', v)} />
            <Field label="Location" value={textOf(fm.data.location)} onCommit={(v) => onSet('location', v)} />
            <TagsField fm={fm} onSet={onSet} />
            {others.map((key) =>
              fm.data[key] !== null && typeof fm.data[key] === 'object' ? (
                <label className="fm-field" key={key}>
                  <span>{key}</span>
                  <input readOnly value={JSON.stringify(fm.data[key])} title="Edit lists and maps in the text" />
                </label>
              ) : (
                // Other keys keep their YAML type: `true` stays a boolean, `3` a number.
                <Field key={key} label={key} value={textOf(fm.data[key])} onCommit={(v) => onSet(key, v === '' ? '' : (parse(v) as unknown))} />
              )
            )}
          </div>
        ))}
    </section>
  )
})
