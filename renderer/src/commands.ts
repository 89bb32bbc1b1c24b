import { useEffect } from 'react'
import type { MenuCommand } from '../../common/api'

type Listener = () => void
const listeners = new Map<MenuCommand, Set<Listener>>()

/**
 * Menu and toolbar commands that panels handle themselves (insert image, export, check):
 * the app dispatches them here; the panel that owns one subscribes with useCommand.
 * Returns whether any panel handled it.
 */
export function dispatchCommand(command: MenuCommand): boolean {
  const set = listeners.get(command)
  set?.forEach((listener) => listener())
  return Boolean(set?.size)
}

/** Runs `listener` whenever `command` is dispatched, while the component is mounted. */
export function useCommand(command: MenuCommand, listener: Listener): void {
  useEffect(() => {
    const set = listeners.get(command) ?? new Set()
    listeners.set(command, set)
    set.add(listener)
    return () => void set.delete(listener)
  }, [command, listener])
}
