import { memo, useEffect, useState } from 'react'
import type { Encoding } from '../../common/api'
import { textStats } from './stats'
import { useCursor } from './cursor-store'

interface StatusBarProps {
  text: string
  relPath: string | null
  dirty: boolean
  encoding: Encoding | undefined
}

/** Words, characters, reading time, cursor position and whether the post is saved. */
export const StatusBar = memo(function StatusBar({ text, relPath, dirty, encoding }: StatusBarProps) {
  const cursor = useCursor()
  // Counting words scans the whole post: do it when the browser is idle, not between keys.
  const [stats, setStats] = useState(() => textStats(text))
  useEffect(() => {
    const id = requestIdleCallback(() => setStats(textStats(text)), { timeout: 1000 })
    return () => cancelIdleCallback(id)
  }, [text])
  return (
    <footer className="statusbar" aria-label="Status">
      <span className={dirty ? 'unsaved' : 'saved'} data-testid="save-state">
        {relPath ? (dirty ? '● Unsaved' : '✓ Saved') : ''}
      </span>
      <span>{relPath}</span>
      <span className="spacer" />
      <span data-testid="word-count">{stats.words.toLocaleString()} words</span>
      <span>{stats.characters.toLocaleString()} characters</span>
      <span>{stats.readingMinutes} min read</span>
      <span data-testid="cursor">
        Ln {cursor.line}, Col {cursor.column}
      </span>
      {encoding && <span>{encoding === 'utf8' ? 'UTF-8' : encoding.toUpperCase()}</span>}
    </footer>
  )
})
