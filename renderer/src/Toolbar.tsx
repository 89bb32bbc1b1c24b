import type { ReactNode } from 'react'
import { commandEnabled, plainLabel, type CommandId } from '../../common/commands'
import { hintFor } from './commands'
import { FolderIcon, ImageIcon, LinkIcon, NoteIcon } from './Icons'

/** The formatting buttons: each runs a command of the table, so its menu entry, key and tooltip agree. */
const formatButtons: { command: CommandId; icon: ReactNode }[] = [
  { command: 'bold', icon: <b>B</b> },
  { command: 'italic', icon: <i>I</i> },
  { command: 'link', icon: <LinkIcon /> },
  { command: 'headingDown', icon: 'H' },
  { command: 'toggleComment', icon: <NoteIcon /> },
  { command: 'insertImage', icon: <ImageIcon /> }
]

interface ToolbarProps {
  workspaceName: string
  layout: { outline: boolean; preview: boolean }
  /** A post is open: commands that need one are enabled. */
  postOpen: boolean
  runCommand(command: CommandId): void
  /** Controls placed before Save (export). */
  children?: ReactNode
}

/** The window's toolbar: folder, formatting, pane toggles, export and save. */
export function Toolbar({ workspaceName, layout, postOpen, runCommand, children }: ToolbarProps) {
  const disabled = (command: CommandId) => !commandEnabled(command, { postOpen })
  return (
    <header className="toolbar">
      <span className="brand">Folio</span>
      <button onClick={() => runCommand('openFolder')} {...hintFor('openFolder')}>
        <FolderIcon /> {workspaceName}
      </button>
      <span className="spacer" />
      <div className="format-buttons" role="toolbar" aria-label="Formatting">
        {formatButtons.map(({ command, icon }) => (
          <button key={command} onClick={() => runCommand(command)} disabled={disabled(command)} aria-label={plainLabel(command)} {...hintFor(command)}>
            {icon}
          </button>
        ))}
      </div>
      <span className="spacer" />
      <button onClick={() => runCommand('toggleOutline')} aria-pressed={layout.outline} {...hintFor('toggleOutline')}>
        Outline
      </button>
      <button onClick={() => runCommand('togglePreview')} aria-pressed={layout.preview} {...hintFor('togglePreview')}>
        Preview
      </button>
      {children}
      <button className="primary" onClick={() => runCommand('save')} disabled={disabled('save')} {...hintFor('save')}>
        Save
      </button>
    </header>
  )
}
