import { useCallback, useEffect, useState } from 'react'

/** Which panes are shown and how big they are; remembered between runs. */
export interface Layout {
  outline: boolean
  preview: boolean
  frontMatter: boolean
  lineNumbers: boolean
  sidebarWidth: number
  outlineWidth: number
  /** The editor's share of the space it splits with the preview, 0.2–0.8. */
  editorShare: number
}

const key = 'folio.layout'
const defaults: Layout = { outline: true, preview: true, frontMatter: false, lineNumbers: false, sidebarWidth: 250, outlineWidth: 260, editorShare: 0.5 }
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value))

function load(): Layout {
  try {
    const stored = JSON.parse(localStorage.getItem(key) ?? '{}') as Partial<Layout>
    const layout = { ...defaults, ...stored }
    return { ...layout, sidebarWidth: clamp(layout.sidebarWidth, 160, 480), outlineWidth: clamp(layout.outlineWidth, 150, 420), editorShare: clamp(layout.editorShare, 0.2, 0.8) }
  } catch {
    return defaults
  }
}

/** The layout, a setter that also saves it, and whether the window is narrow. */
export function useLayout() {
  const [layout, setLayoutState] = useState<Layout>(load)
  const [narrow, setNarrow] = useState(() => window.matchMedia('(max-width: 1100px)').matches)
  useEffect(() => {
    const query = window.matchMedia('(max-width: 1100px)')
    const onChange = () => setNarrow(query.matches)
    query.addEventListener('change', onChange)
    return () => query.removeEventListener('change', onChange)
  }, [])
  const setLayout = useCallback((update: (layout: Layout) => Layout) => {
    setLayoutState((prev) => {
      const next = update(prev)
      localStorage.setItem(key, JSON.stringify(next))
      return next
    })
  }, [])
  return { layout, setLayout, narrow, clamp }
}

/** The grid columns for the panes that are shown, with a 5 px splitter between each. */
export function gridColumns(layout: Layout, narrow: boolean): string {
  const sidebar = narrow ? Math.min(layout.sidebarWidth, 210) : layout.sidebarWidth
  const cols = [`${sidebar}px`, '5px']
  if (layout.preview) cols.push(`minmax(240px, ${layout.editorShare}fr)`, '5px', `minmax(240px, ${1 - layout.editorShare}fr)`)
  else cols.push('minmax(300px, 1fr)')
  if (layout.outline && !narrow) cols.push('5px', `${layout.outlineWidth}px`)
  return cols.join(' ')
}
