import type { ReactNode } from 'react'
import type { MenuCommand } from '../../common/api'
import { FolderIcon, ImageIcon, LinkIcon, NoteIcon } from './Icons'

/** The formatting buttons: each sends the same command as its menu entry and key. */
const formatButtons: { command: MenuCommand; label: string; keys: string; icon: ReactNode }[] = [
  { command: 'bold', label: 'Bold', keys: 'Ctrl+B', icon: <b>B</b> },
  { command: 'italic', label: 'Italic', keys: 'Ctrl+I', icon: <i>I</i> },
  { command: 'link', label: 'Link', keys: 'Ctrl+K', icon: <LinkIcon /> },
  { command: 'headingDown', label: 'Heading', keys: 'Ctrl+Alt+Down', icon: 'H' },
  { command: 'toggleComment', label: 'Drafting note', keys: 'Ctrl+/', icon: <NoteIcon /> },
  { command: 'insertImage', label: 'Insert image', keys: 'Ctrl+Shift+I', icon: <ImageIcon /> }
]

interface ToolbarProps {
  workspaceName: string
  layout: { outline: boolean; preview: boolean }
  canSave: boolean
  runCommand(command: MenuCommand): void
  onSave(): void
  /** Controls placed before Save (export). */
  children?: ReactNode
}

/** The window's toolbar: folder, formatting, pane toggles, export and save. */
export function Toolbar({ workspaceName, layout, canSave, runCommand, onSave, children }: ToolbarProps) {
  return (
    <header className="toolbar">
      <span className="brand">Folio</span>
      <button onClick={() => runCommand('openFolder')} title="Open folder (Ctrl+O)">
        <FolderIcon /> {workspaceName}
      </button>
      <span className="spacer" />
      <div className="format-buttons" role="toolbar" aria-label="Formatting">
        {formatButtons.map(({ command, label, keys, icon }) => (
          <button key={command} onClick={() => runCommand(command)} title={`${label} (${keys})`} aria-label={label}>
            {icon}
          </button>
        ))}
      </div>
      <span className="spacer" />
      <button onClick={() => runCommand('toggleOutline')} aria-pressed={layout.outline}>
        Outline
      </button>
      <button onClick={() => runCommand('togglePreview')} aria-pressed={layout.preview}>
        Preview
      </button>
      {children}
      <button className="primary" onClick={onSave} disabled={!canSave} title="Save (Ctrl+S)">
        Save
      </button>
    </header>
  )
}
