import { useEffect } from 'react'
import { commandForKey, commandHint, isEditorCommand, type CommandId } from '../../common/commands'

type Listener = () => void
const listeners = new Map<CommandId, Set<Listener>>()

/** Whether shortcuts are spelt the macOS way (Cmd for Mod), as CodeMirror decides it. */
export const mac = /Mac|iPhone|iPad/.test(navigator.platform)

/**
 * Menu and toolbar commands that panels handle themselves (insert image, export, check):
 * the app dispatches them here; the panel that owns one subscribes with useCommand.
 * Returns whether any panel handled it.
 */
export function dispatchCommand(command: CommandId): boolean {
  const set = listeners.get(command)
  set?.forEach((listener) => listener())
  return Boolean(set?.size)
}

/** Runs `listener` whenever `command` is dispatched, while the component is mounted. */
export function useCommand(command: CommandId, listener: Listener): void {
  useEffect(() => {
    const set = listeners.get(command) ?? new Set()
    listeners.set(command, set)
    set.add(listener)
    return () => void set.delete(listener)
  }, [command, listener])
}

/** Tooltip and aria-keyshortcuts of a button that runs `command`, from the command table. */
export const hintFor = (command: CommandId) => commandHint(command, mac)

/** A field other than the post's text, where a key edits that field, not the post. */
const inOtherField = (target: EventTarget | null) =>
  target instanceof HTMLElement && !target.closest('.cm-content') && (target.isContentEditable || target.matches('input, textarea, select'))

/**
 * The one window keydown listener for the command table's shortcuts. The editor's keymap
 * takes its own commands first when it has the focus (and prevents the default, so they are
 * not run twice); in Electron, a key handled here never reaches the menu's accelerator either.
 * An editor command's key pressed in another field (a front matter input) is left to that field.
 */
export function useCommandKeys(run: (command: CommandId) => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return
      const command = commandForKey(event, mac)
      if (!command || (isEditorCommand(command) && inOtherField(event.target))) return
      event.preventDefault()
      run(command)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [run])
}
