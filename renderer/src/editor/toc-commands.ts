import type { EditorState, StateCommand, TransactionSpec } from '@codemirror/state'
import { backToTopChanges } from '../../../common/back-to-top'
import { diffEdit } from '../../../common/edits'
import { hasTocBlock, insertToc, mayHaveToc, tocEdit } from '../../../common/toc'
import { editTransaction } from './edit-transaction'

// Table-of-contents commands as CodeMirror StateCommands: undoable edits, testable without a DOM.

/**
 * Brings the post's table of contents up to date with its headings, keeping the author's
 * style (only lines of the list change), or adds one after the title when the post has none. False when the TOC
 * is already current or there are no headings to list.
 */
export const insertOrUpdateToc: StateCommand = ({ state, dispatch }) => {
  const text = state.doc.toString()
  const edit = hasTocBlock(text) ? tocEdit(text) : diffEdit(text, insertToc(text))
  if (!edit) return false
  dispatch(state.update(editTransaction(state, [edit], 'input.toc', true)))
  return true
}

/**
 * Ends every H2 section after the TOC with a "back to top" link and removes links standing
 * mid-section; links already in place are kept as written. False when all are in place.
 */
export const updateBackToTopLinks: StateCommand = ({ state, dispatch }) => {
  const edits = backToTopChanges(state.doc.toString()).map((change) => change.edit)
  if (edits.length === 0) return false
  dispatch(state.update(editTransaction(state, edits, 'input.toc')))
  return true
}

/** The edit that updates the TOC block of `state`'s text before a save (see toc-on-save.ts), or null when there is nothing to do. */
export function tocOnSaveTransaction(state: EditorState): TransactionSpec | null {
  const text = state.doc.toString()
  if (!mayHaveToc(text)) return null
  const edit = tocEdit(text)
  return edit ? editTransaction(state, [edit], 'input.toc') : null
}
