import { memo, useState } from 'react'
import { sectionAt, type Heading } from '../../common/outline'
import { useCursorLine } from './cursor-store'

interface OutlineProps {
  headings: Heading[]
  onJump(heading: { line: number; slug?: string }): void
}

/**
 * The table of contents of the open post as a collapsible tree, with drafting notes
 * listed under their section and the section under the cursor highlighted.
 */
export const Outline = memo(function Outline({ headings, onJump }: OutlineProps) {
  const cursorLine = useCursorLine()
  const [collapsed, setCollapsed] = useState<Set<number>>(new Set())
  const current = sectionAt(headings, cursorLine)
  let hiddenBelow = Infinity
  const rows = []
  for (const [index, heading] of headings.entries()) {
    if (heading.depth > hiddenBelow) continue
    hiddenBelow = collapsed.has(heading.line) ? heading.depth : Infinity
    const hasChildren = headings[index + 1] !== undefined && headings[index + 1]!.depth > heading.depth
    const isCollapsed = collapsed.has(heading.line)
    rows.push(
      <li key={heading.line} style={{ paddingLeft: `${(heading.depth - 1) * 12}px` }}>
        <div className={`outline-row${heading === current ? ' current' : ''}`}>
          {hasChildren ? (
            <button
              className="twisty"
              aria-label={isCollapsed ? `Expand ${heading.text}` : `Collapse ${heading.text}`}
              aria-expanded={!isCollapsed}
              onClick={() =>
                setCollapsed((prev) => {
                  const next = new Set(prev)
                  if (next.has(heading.line)) next.delete(heading.line)
                  else next.add(heading.line)
                  return next
                })
              }
            >
              {isCollapsed ? '▸' : '▾'}
            </button>
          ) : (
            <span className="twisty" />
          )}
          <button className="outline-link" aria-current={heading === current ? 'location' : undefined} onClick={() => onJump(heading)}>
            {heading.text || <em>(empty heading)</em>}
          </button>
        </div>
        {!isCollapsed &&
          heading.notes.map((note) => (
            <button key={`n${note.line}`} className="outline-note" title={note.text} onClick={() => onJump({ line: note.line })}>
              ✎ {note.text.split('\n')[0] || '(empty note)'}
            </button>
          ))}
      </li>
    )
  }
  return (
    <nav className="outline" aria-label="Outline">
      {headings.length === 0 ? <p className="empty">No headings yet.</p> : <ul>{rows}</ul>}
    </nav>
  )
})
