import { memo, useCallback, useState } from 'react'
import { sectionAt, type Heading } from '../../common/outline'
import { useCursorLineSelect } from './cursor-store'

interface OutlineProps {
  headings: Heading[]
  onJump(heading: { line: number; slug?: string }): void
}

/**
 * The table of contents of the open post as a collapsible tree, with drafting notes
 * listed under their section and the section under the cursor highlighted.
 */
export const Outline = memo(function Outline({ headings, onJump }: OutlineProps) {
  const current = useCursorLineSelect((line) => sectionAt(headings, line))
  const [collapsed, setCollapsed] = useState<Set<number>>(new Set())
  const toggle = useCallback(
    (line: number) =>
      setCollapsed((prev) => {
        const next = new Set(prev)
        if (next.has(line)) next.delete(line)
        else next.add(line)
        return next
      }),
    []
  )
  let hiddenBelow = Infinity
  const rows = []
  for (const [index, heading] of headings.entries()) {
    if (heading.depth > hiddenBelow) continue
    const isCollapsed = collapsed.has(heading.line)
    hiddenBelow = isCollapsed ? heading.depth : Infinity
    const hasChildren = headings[index + 1] !== undefined && headings[index + 1]!.depth > heading.depth
    rows.push(
      <OutlineRow key={heading.line} heading={heading} current={heading === current} hasChildren={hasChildren} collapsed={isCollapsed} onToggle={toggle} onJump={onJump} />
    )
  }
  return (
    <nav className="outline" aria-label="Outline">
      {headings.length === 0 ? <p className="empty">No headings yet.</p> : <ul>{rows}</ul>}
    </nav>
  )
})

interface OutlineRowProps {
  heading: Heading
  current: boolean
  hasChildren: boolean
  collapsed: boolean
  onToggle(line: number): void
  onJump(heading: { line: number; slug?: string }): void
}

/** A note's first line, cut short: the outline wraps its rows instead of clipping each one. */
const noteLabel = (text: string) => {
  const first = text.split('\n')[0] ?? ''
  return first.length > 80 ? `${first.slice(0, 79)}…` : first || '(empty note)'
}

/**
 * One heading of the outline. A row re-renders only when it changes, not on every move of
 * the cursor: a long post has thousands of them.
 */
const OutlineRow = memo(function OutlineRow({ heading, current, hasChildren, collapsed, onToggle, onJump }: OutlineRowProps) {
  return (
    <li style={{ paddingLeft: `${(heading.depth - 1) * 12}px` }}>
      <div className={`outline-row${current ? ' current' : ''}`}>
        {hasChildren ? (
          <button
            className="twisty"
            aria-label={collapsed ? `Expand ${heading.text}` : `Collapse ${heading.text}`}
            aria-expanded={!collapsed}
            onClick={() => onToggle(heading.line)}
          >
            {collapsed ? '▸' : '▾'}
          </button>
        ) : (
          <span className="twisty" />
        )}
        <button className="outline-link" aria-current={current ? 'location' : undefined} onClick={() => onJump(heading)}>
          {heading.text || <em>(empty heading)</em>}
        </button>
      </div>
      {!collapsed &&
        heading.notes.map((note) => (
          <button key={`n${note.line}`} className="outline-note" title={note.text} onClick={() => onJump({ line: note.line })}>
            ✎ {noteLabel(note.text)}
          </button>
        ))}
    </li>
  )
})
