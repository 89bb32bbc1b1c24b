import { isolateHistory } from '@codemirror/commands'
import type { EditorState, TransactionSpec } from '@codemirror/state'
import type { TextEdit } from '../../../common/api'

/**
 * A transaction applying edits of the state's current text as one undo step of its own
 * (isolated, so typing right after it is undone separately). With `select`, the changed text
 * ends up selected and scrolled into view, so the user sees what the fix did.
 */
export function editTransaction(state: EditorState, edits: readonly TextEdit[], userEvent: string, select = false): TransactionSpec {
  const changes = state.changes(edits.map(({ from, to, insert }) => ({ from, to, insert })))
  const first = edits.reduce((min, e) => Math.min(min, e.from), Infinity)
  const last = edits.reduce((max, e) => Math.max(max, e.to), -Infinity)
  return {
    changes,
    userEvent,
    annotations: isolateHistory.of('full'),
    ...(select && edits.length ? { selection: { anchor: changes.mapPos(first, -1), head: changes.mapPos(last, 1) }, scrollIntoView: true } : {})
  }
}
