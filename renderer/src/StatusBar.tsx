import { memo } from 'react'
import type { Encoding } from '../../common/api'
import type { AutoSaveMode } from '../../common/settings'
import { AutoSaveControl } from './posts/AutoSaveControl'
import type { TextStats } from './stats'
import { useCursor } from './cursor-store'

interface StatusBarProps {
  /** Counted with the preview render, off the typing path; null until the first one is in. */
  stats: TextStats | null
  relPath: string | null
  dirty: boolean
  encoding: Encoding | undefined
  autoSave: AutoSaveMode
  /** Keep it stable: a new function repaints the bar. */
  onAutoSave(mode: AutoSaveMode): void
}

/** Words, characters, reading time, cursor position, whether the post is saved, and the autosave switch. */
export const StatusBar = memo(function StatusBar({ stats, relPath, dirty, encoding, autoSave, onAutoSave }: StatusBarProps) {
  const cursor = useCursor()
  return (
    <footer className="statusbar" aria-label="Status">
      <span className={dirty ? 'unsaved' : 'saved'} data-testid="save-state">
        {relPath ? (dirty ? '● Unsaved' : '✓ Saved') : ''}
      </span>
      <span>{relPath}</span>
      <span className="spacer" />
      {stats && (
        <>
          <span data-testid="word-count">{stats.words.toLocaleString()} words</span>
          <span>{stats.characters.toLocaleString()} characters</span>
          <span>{stats.readingMinutes} min read</span>
        </>
      )}
      <span data-testid="cursor">
        Ln {cursor.line}, Col {cursor.column}
      </span>
      {encoding && <span>{encoding === 'utf8' ? 'UTF-8' : encoding.toUpperCase()}</span>}
      <AutoSaveControl mode={autoSave} onChange={onAutoSave} />
    </footer>
  )
})
