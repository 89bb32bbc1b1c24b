import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { autoSaveLabels, autoSaveModes, type AutoSaveMode } from '../../../common/settings'

interface AutoSaveControlProps {
  mode: AutoSaveMode
  onChange(mode: AutoSaveMode): void
}

/**
 * The status bar's autosave switch, as VS Code's status bar items work: the button names the
 * mode, and opens a small menu of the three (the same choice as File → Auto Save).
 */
export const AutoSaveControl = memo(function AutoSaveControl({ mode, onChange }: AutoSaveControlProps) {
  const [open, setOpen] = useState(false)
  const root = useRef<HTMLSpanElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  /** Where the focus was when the menu opened (the editor, usually): it goes back there. */
  const returnTo = useRef<HTMLElement | null>(null)

  // A click or focus anywhere else closes the menu, as a native one does.
  useEffect(() => {
    if (!open) return
    const outside = (event: Event) => root.current?.contains(event.target as Node) || setOpen(false)
    document.addEventListener('mousedown', outside)
    document.addEventListener('focusin', outside)
    root.current?.querySelector<HTMLElement>('[aria-checked="true"]')?.focus()
    return () => {
      document.removeEventListener('mousedown', outside)
      document.removeEventListener('focusin', outside)
    }
  }, [open])

  const close = () => {
    setOpen(false)
    ;(returnTo.current?.isConnected ? returnTo.current : button.current)?.focus()
  }
  const choose = (next: AutoSaveMode) => {
    close()
    if (next !== mode) onChange(next)
  }
  const onMenuKey = (event: KeyboardEvent) => {
    const items = [...(root.current?.querySelectorAll<HTMLElement>('[role="menuitemradio"]') ?? [])]
    const at = items.indexOf(document.activeElement as HTMLElement)
    if (event.key === 'Escape') close()
    else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') items[(at + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus()
    else if (event.key === 'Home' || event.key === 'End') items[event.key === 'Home' ? 0 : items.length - 1]?.focus()
    else if (event.key !== 'Tab') return
    else setOpen(false)
    if (event.key !== 'Tab') event.preventDefault()
  }

  return (
    <span className="autosave" ref={root}>
      <button
        ref={button}
        className={`statusbar-button${mode === 'off' ? '' : ' on'}`}
        aria-haspopup="menu"
        aria-expanded={open}
        title="When Folio saves by itself (also in File → Auto Save)"
        // A click leaves the focus where it was (the editor), as VS Code's status bar does.
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => {
          if (!open) returnTo.current = document.activeElement as HTMLElement | null
          setOpen(!open)
        }}
      >
        {autoSaveLabels[mode].status}
      </button>
      {open && (
        <div className="autosave-menu" role="menu" aria-label="Autosave" onKeyDown={onMenuKey}>
          {autoSaveModes.map((m) => (
            <button key={m} role="menuitemradio" aria-checked={m === mode} tabIndex={m === mode ? 0 : -1} onClick={() => choose(m)}>
              <span className="check" aria-hidden="true">
                {m === mode ? '✓' : ''}
              </span>
              {autoSaveLabels[m].menu}
            </button>
          ))}
        </div>
      )}
    </span>
  )
})
