import { useSyncExternalStore } from 'react'

/**
 * The editor's cursor position, kept outside React state: it changes on every keystroke,
 * and only the status bar and the outline's highlight depend on it, so only they re-render.
 */
let position = { line: 1, column: 1 }
const listeners = new Set<() => void>()

export function setCursorPosition(line: number, column: number): void {
  if (position.line === line && position.column === column) return
  position = { line, column }
  listeners.forEach((listener) => listener())
}

const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => void listeners.delete(listener)
}

/** The cursor position; the component re-renders when it moves. */
export const useCursor = () => useSyncExternalStore(subscribe, () => position)

/**
 * What `select` makes of the cursor's line; the component re-renders only when that changes
 * (the outline's current section, not every line the cursor passes).
 */
export const useCursorLineSelect = <T,>(select: (line: number) => T): T => useSyncExternalStore(subscribe, () => select(position.line))
