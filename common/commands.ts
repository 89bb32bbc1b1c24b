import { ariaShortcut, matchesShortcut, shortcutLabel, type KeyPress } from './shortcuts'

/**
 * Every command of the app, once: its label, where the menu shows it, its default shortcut
 * (CodeMirror's spelling; common/shortcuts.ts derives the accelerator and labels) and when it
 * can run. The Electron menu (electron/menu.ts), the editor's keymap (renderer/src/editor/
 * keymap.ts), the window's shortcuts and the toolbar's tooltips are all built from this table.
 */

/** When a command can run: always, or only while a post is open in the editor. */
export type CommandCondition = 'always' | 'post-open'

/** The menu a command is in. */
export type MenuSection = 'file' | 'edit' | 'view'

export interface CommandSpec {
  /** As the menu shows it (title case; '…' when it asks for more before acting). */
  label: string
  section: MenuSection
  /** Commands of one group stand together in their menu, between separators. */
  group: string
  /** The default shortcut, in CodeMirror's spelling ('Mod-b'). */
  key?: string
  when: CommandCondition
  /** The editor runs it (renderer/src/editor/commands.ts), and its key is in the editor's keymap. */
  editor?: true
}

export const commands = {
  newPost: { label: 'New Post…', section: 'file', group: 'open', key: 'Mod-n', when: 'always' },
  openFolder: { label: 'Open Folder…', section: 'file', group: 'open', key: 'Mod-o', when: 'always' },
  save: { label: 'Save', section: 'file', group: 'save', key: 'Mod-s', when: 'post-open' },
  insertImage: { label: 'Insert Image…', section: 'file', group: 'save', key: 'Mod-Shift-i', when: 'post-open' },
  exportHtml: { label: 'Export HTML…', section: 'file', group: 'save', key: 'Mod-e', when: 'post-open' },
  recoverUnsaved: { label: 'Recover Unsaved Changes…', section: 'file', group: 'recover', when: 'always' },
  find: { label: 'Find and Replace', section: 'edit', group: 'find', key: 'Mod-f', when: 'post-open', editor: true },
  bold: { label: 'Bold', section: 'edit', group: 'format', key: 'Mod-b', when: 'post-open', editor: true },
  italic: { label: 'Italic', section: 'edit', group: 'format', key: 'Mod-i', when: 'post-open', editor: true },
  link: { label: 'Link', section: 'edit', group: 'format', key: 'Mod-k', when: 'post-open', editor: true },
  code: { label: 'Inline Code', section: 'edit', group: 'format', key: 'Mod-Shift-c', when: 'post-open', editor: true },
  headingUp: { label: 'Heading Level Up', section: 'edit', group: 'format', key: 'Mod-Alt-ArrowUp', when: 'post-open', editor: true },
  headingDown: { label: 'Heading Level Down', section: 'edit', group: 'format', key: 'Mod-Alt-ArrowDown', when: 'post-open', editor: true },
  bulletList: { label: 'Bulleted List', section: 'edit', group: 'format', key: 'Mod-Shift-8', when: 'post-open', editor: true },
  orderedList: { label: 'Numbered List', section: 'edit', group: 'format', key: 'Mod-Shift-7', when: 'post-open', editor: true },
  toggleComment: { label: 'Toggle Drafting Note', section: 'edit', group: 'format', key: 'Mod-/', when: 'post-open', editor: true },
  updateToc: { label: 'Insert/Update Table of Contents', section: 'edit', group: 'check', when: 'post-open', editor: true },
  updateBackToTop: { label: 'Insert/Update Back-to-Top Links', section: 'edit', group: 'check', when: 'post-open', editor: true },
  fixAll: { label: 'Fix All Problems', section: 'edit', group: 'check', when: 'post-open' },
  toggleOutline: { label: 'Toggle Outline', section: 'view', group: 'panes', key: 'Mod-Shift-o', when: 'always' },
  // Not Mod-Shift-p: the command palette (a later issue) takes that, as in VS Code.
  togglePreview: { label: 'Toggle Preview', section: 'view', group: 'panes', key: 'Mod-Alt-p', when: 'always' },
  toggleLineNumbers: { label: 'Toggle Line Numbers', section: 'view', group: 'panes', when: 'always' }
} as const satisfies Record<string, CommandSpec>

export type CommandId = keyof typeof commands

/** Every command id, in menu order. */
export const commandIds = Object.keys(commands) as CommandId[]

/** The commands the editor runs itself (see {@link CommandSpec.editor}). */
export type EditorCommandId = { [K in CommandId]: (typeof commands)[K] extends { editor: true } ? K : never }[CommandId]

/** A command's spec, seen through the common shape (the table's literal types are narrower). */
export const commandSpec = (id: CommandId): CommandSpec => commands[id]

export const isEditorCommand = (id: CommandId): id is EditorCommandId => commandSpec(id).editor === true

/** What a command's condition asks of the app's state. */
export interface CommandContext {
  postOpen: boolean
}

export function commandEnabled(id: CommandId, context: CommandContext): boolean {
  return commandSpec(id).when === 'always' || context.postOpen
}

/** A label for buttons and tooltips: the menu's, without the '…' that only a menu needs. */
export const plainLabel = (id: CommandId): string => commandSpec(id).label.replace(/…$/, '')

/**
 * A button's tooltip and aria-keyshortcuts for a command: `Bold (Ctrl+B)` and `Control+B`
 * (`Bold (⌘B)` and `Meta+B` on macOS). A command without a shortcut gets its label alone.
 */
export function commandHint(id: CommandId, mac: boolean): { title: string; 'aria-keyshortcuts'?: string } {
  const { key } = commandSpec(id)
  if (!key) return { title: plainLabel(id) }
  return { title: `${plainLabel(id)} (${shortcutLabel(key, mac)})`, 'aria-keyshortcuts': ariaShortcut(key, mac) }
}

/** The command whose shortcut a key press is, or null. */
export function commandForKey(press: KeyPress, mac: boolean): CommandId | null {
  return commandIds.find((id) => {
    const { key } = commandSpec(id)
    return key !== undefined && matchesShortcut(key, press, mac)
  }) ?? null
}
