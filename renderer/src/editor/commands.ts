import { Prec, type Extension } from '@codemirror/state'
import { keymap, type Command, type KeyBinding } from '@codemirror/view'
import { openSearchPanel } from '@codemirror/search'
import { commandIds, commandSpec, isEditorCommand, type EditorCommandId } from '../../../common/commands'
import { changeHeadingLevel, insertLink, toggleBold, toggleDraftNote, toggleInlineCode, toggleItalic, toggleList } from './format'
import { insertOrUpdateToc, updateBackToTopLinks } from './toc-commands'

/** What the editor does for each command the table marks `editor` (common/commands.ts). */
export const editorCommands: Record<EditorCommandId, Command> = {
  find: openSearchPanel,
  bold: toggleBold,
  italic: toggleItalic,
  link: insertLink,
  code: toggleInlineCode,
  headingUp: changeHeadingLevel(-1),
  headingDown: changeHeadingLevel(1),
  bulletList: toggleList(false),
  orderedList: toggleList(true),
  toggleComment: toggleDraftNote,
  updateToc: insertOrUpdateToc,
  updateBackToTop: updateBackToTopLinks
}

/** The key bindings of the editor's commands, from the table's shortcuts. */
export function editorKeyBindings(): KeyBinding[] {
  return commandIds.filter(isEditorCommand).flatMap((id) => {
    const { key } = commandSpec(id)
    return key ? [{ key, run: editorCommands[id] }] : []
  })
}

/**
 * The editor's keymap for the command table. High precedence: CodeMirror's default keymap
 * binds Mod-i and Mod-/ to other commands. The app's own shortcuts (save, export, ...) are
 * not here: one window listener takes them (renderer/src/commands.ts), wherever the focus is.
 */
export const commandKeymap = (): Extension => Prec.high(keymap.of(editorKeyBindings()))
