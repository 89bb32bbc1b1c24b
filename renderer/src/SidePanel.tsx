import { useState, type ReactNode } from 'react'

export interface SideTab {
  id: string
  label: string
  /** A count shown beside the label (problems, images), when there is one. */
  badge?: number | null
  content: ReactNode
}

/** The right-hand pane: the outline, the post's images and its problems, one tab at a time. */
export function SidePanel({ tabs, initial }: { tabs: SideTab[]; initial?: string }) {
  const [active, setActive] = useState(initial ?? tabs[0]?.id)
  const shown = tabs.find((t) => t.id === active) ?? tabs[0]
  return (
    <aside className="side-panel">
      <div className="side-tabs" role="tablist" aria-label="Side panel">
        {tabs.map((tab) => (
          <button key={tab.id} role="tab" id={`tab-${tab.id}`} aria-selected={tab.id === shown?.id} aria-controls={`panel-${tab.id}`} onClick={() => setActive(tab.id)}>
            {tab.label}
            {tab.badge ? <span className="tab-badge">{tab.badge}</span> : null}
          </button>
        ))}
      </div>
      {shown && (
        <div className="side-content" role="tabpanel" id={`panel-${shown.id}`} aria-labelledby={`tab-${shown.id}`}>
          {shown.content}
        </div>
      )}
    </aside>
  )
}
