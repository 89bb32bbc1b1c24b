/**
 * Keyboard shortcuts, written once in CodeMirror's spelling ('Mod-b', 'Mod-Alt-ArrowUp',
 * 'Mod-Shift-8': modifiers then the key, joined by '-'; Mod is Cmd on macOS and Ctrl elsewhere),
 * and every other form derived from it: Electron's accelerator, the label a tooltip shows, the
 * value of aria-keyshortcuts, and whether a key event is that shortcut.
 */

/** A shortcut taken apart. `key` is a single character (lowercase) or a key name ('ArrowUp'). */
export interface Shortcut {
  mod: boolean
  alt: boolean
  shift: boolean
  key: string
}

const modifierNames = new Set(['Mod', 'Alt', 'Shift'])

/** Parses a spelling such as 'Mod-Shift-c'; throws on a modifier it does not know or a missing key. */
export function parseShortcut(spelling: string): Shortcut {
  // The key itself may be '-' ('Mod--'), so it is everything after the last modifier.
  const parts = spelling.split('-')
  const modifiers: string[] = []
  while (parts.length > 1 && modifierNames.has(parts[0]!)) modifiers.push(parts.shift()!)
  const key = parts.join('-')
  if (!key || (key.length > 1 && !/^[A-Z][A-Za-z0-9]+$/.test(key))) throw new Error(`not a shortcut: ${spelling}`)
  return { mod: modifiers.includes('Mod'), alt: modifiers.includes('Alt'), shift: modifiers.includes('Shift'), key: key.length === 1 ? key.toLowerCase() : key }
}

/** The one spelling of a shortcut, modifiers in a fixed order (Mod, Alt, Shift), for comparing two. */
export function canonicalShortcut(spelling: string): string {
  const s = parseShortcut(spelling)
  return [s.mod && 'Mod', s.alt && 'Alt', s.shift && 'Shift', s.key].filter(Boolean).join('-')
}

const arrows: Record<string, { accelerator: string; mac: string }> = {
  ArrowUp: { accelerator: 'Up', mac: '↑' },
  ArrowDown: { accelerator: 'Down', mac: '↓' },
  ArrowLeft: { accelerator: 'Left', mac: '←' },
  ArrowRight: { accelerator: 'Right', mac: '→' }
}

const keyLabel = (key: string) => (key.length === 1 ? key.toUpperCase() : (arrows[key]?.accelerator ?? key))

/** Electron's accelerator for a shortcut: 'Mod-Alt-ArrowUp' → 'CmdOrCtrl+Alt+Up'. */
export function accelerator(spelling: string): string {
  const s = parseShortcut(spelling)
  return [s.mod && 'CmdOrCtrl', s.alt && 'Alt', s.shift && 'Shift', keyLabel(s.key)].filter(Boolean).join('+')
}

/** What a tooltip shows: 'Ctrl+Shift+C' on Windows and Linux, '⇧⌘C' on macOS (its menus' order: ⌥ ⇧ ⌘). */
export function shortcutLabel(spelling: string, mac: boolean): string {
  const s = parseShortcut(spelling)
  if (mac) return `${s.alt ? '⌥' : ''}${s.shift ? '⇧' : ''}${s.mod ? '⌘' : ''}${arrows[s.key]?.mac ?? keyLabel(s.key)}`
  return [s.mod && 'Ctrl', s.alt && 'Alt', s.shift && 'Shift', keyLabel(s.key)].filter(Boolean).join('+')
}

/** The value of aria-keyshortcuts (modifier and key names of the UI Events spec): 'Control+Shift+C', 'Meta+ArrowUp'. */
export function ariaShortcut(spelling: string, mac: boolean): string {
  const s = parseShortcut(spelling)
  return [s.mod && (mac ? 'Meta' : 'Control'), s.alt && 'Alt', s.shift && 'Shift', s.key.length === 1 ? s.key.toUpperCase() : s.key].filter(Boolean).join('+')
}

/** The parts of a DOM KeyboardEvent a shortcut is matched against (so this file needs no DOM types). */
export interface KeyPress {
  key: string
  code: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  shiftKey: boolean
}

/**
 * Whether a key press is the shortcut. Shift and Alt change the character a key types ('*'
 * for Shift+8, 'π' for Option+P on a Mac), so the physical key (`code`) counts too for letters
 * and digits, as CodeMirror does; not for Ctrl+Alt on Windows and Linux, where that is AltGr.
 */
export function matchesShortcut(spelling: string, press: KeyPress, mac: boolean): boolean {
  const s = parseShortcut(spelling)
  const mod = mac ? press.metaKey : press.ctrlKey
  const other = mac ? press.ctrlKey : press.metaKey
  if (mod !== s.mod || other || press.altKey !== s.alt || press.shiftKey !== s.shift) return false
  const typed = press.key.length === 1 ? press.key.toLowerCase() : press.key
  if (typed === s.key) return true
  const altGr = !mac && press.ctrlKey && press.altKey
  const physical = /^(?:Key([A-Z])|Digit(\d))$/.exec(press.code)
  return (press.shiftKey || press.altKey) && !altGr && physical !== null && (physical[1] ?? physical[2])!.toLowerCase() === s.key
}
