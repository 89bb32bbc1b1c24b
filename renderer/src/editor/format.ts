import { EditorSelection, type EditorState, type StateCommand, type TransactionSpec } from '@codemirror/state'

/**
 * Markdown formatting commands. They only need an EditorState, so they are tested in
 * vitest without a DOM and bound to keys and menu entries by the editor.
 */

/** Wraps each selection in `mark` (e.g. `**`), or unwraps it when already wrapped. */
export const toggleWrap =
  (mark: string): StateCommand =>
  ({ state, dispatch }) => {
    const changes = state.changeByRange((range) => {
      const before = state.sliceDoc(range.from - mark.length, range.from)
      const after = state.sliceDoc(range.to, range.to + mark.length)
      if (before === mark && after === mark) {
        return {
          changes: [
            { from: range.from - mark.length, to: range.from },
            { from: range.to, to: range.to + mark.length }
          ],
          range: EditorSelection.range(range.from - mark.length, range.to - mark.length)
        }
      }
      const text = state.sliceDoc(range.from, range.to)
      if (text.length >= mark.length * 2 && text.startsWith(mark) && text.endsWith(mark)) {
        return {
          changes: { from: range.from, to: range.to, insert: text.slice(mark.length, -mark.length) },
          range: EditorSelection.range(range.from, range.to - mark.length * 2)
        }
      }
      return {
        changes: [
          { from: range.from, insert: mark },
          { from: range.to, insert: mark }
        ],
        range: EditorSelection.range(range.from + mark.length, range.to + mark.length)
      }
    })
    dispatch(state.update(changes, { scrollIntoView: true, userEvent: 'input.format' }))
    return true
  }

export const toggleBold = toggleWrap('**')
export const toggleItalic = toggleWrap('*')
export const toggleInlineCode = toggleWrap('`')

/** Turns the selection into `[text](url)` with the URL selected, ready to type or paste. */
export const insertLink: StateCommand = ({ state, dispatch }) => {
  const changes = state.changeByRange((range) => {
    const text = state.sliceDoc(range.from, range.to)
    const isUrl = /^https?:\/\/\S+$/i.test(text)
    const insert = isUrl ? `[](${text})` : `[${text}](url)`
    const urlFrom = range.from + text.length + 3
    return {
      changes: { from: range.from, to: range.to, insert },
      range: isUrl ? EditorSelection.cursor(range.from + 1) : EditorSelection.range(urlFrom, urlFrom + 3)
    }
  })
  dispatch(state.update(changes, { scrollIntoView: true, userEvent: 'input.format' }))
  return true
}

/** The distinct lines touched by the selection, in document order. */
function selectedLines(state: EditorState) {
  const seen = new Set<number>()
  const lines = []
  for (const range of state.selection.ranges) {
    for (let n = state.doc.lineAt(range.from).number; n <= state.doc.lineAt(range.to).number; n++) {
      if (!seen.has(n)) lines.push(state.doc.line(n))
      seen.add(n)
    }
  }
  return lines.sort((a, b) => a.number - b.number)
}

const dispatchLines = (state: EditorState, dispatch: (tr: ReturnType<EditorState['update']>) => void, spec: TransactionSpec) => {
  dispatch(state.update({ ...spec, scrollIntoView: true, userEvent: 'input.format' }))
  return true
}

/**
 * Changes the heading level of the selected lines by `delta` (+1 = one more `#`, a deeper
 * heading; -1 = shallower). A paragraph becomes `#` going up a level, a `#` heading
 * becomes a paragraph going down.
 */
export const changeHeadingLevel =
  (delta: 1 | -1): StateCommand =>
  ({ state, dispatch }) => {
    const changes = selectedLines(state).map((line) => {
      const match = /^(#{1,6})\s+/.exec(line.text)
      const level = match ? match[1]!.length : 0
      const next = Math.min(6, Math.max(0, level + delta))
      const prefix = next === 0 ? '' : `${'#'.repeat(next)} `
      return { from: line.from, to: line.from + (match ? match[0].length : 0), insert: prefix }
    })
    return dispatchLines(state, dispatch, { changes })
  }

/** Adds or removes a list marker on every selected line (`- ` or `1. `, renumbered). */
export const toggleList =
  (ordered: boolean): StateCommand =>
  ({ state, dispatch }) => {
    const lines = selectedLines(state)
    const marker = ordered ? /^(\s*)\d+[.)]\s+/ : /^(\s*)[-*+]\s+/
    const all = lines.every((line) => marker.test(line.text))
    const changes = lines.map((line, index) => {
      const existing = /^(\s*)(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/.exec(line.text)
      const indent = existing?.[1] ?? /^\s*/.exec(line.text)![0]
      const to = line.from + (existing ? existing[0].length : indent.length)
      const insert = all ? indent : `${indent}${ordered ? `${index + 1}. ` : '- '}`
      return { from: line.from, to, insert }
    })
    return dispatchLines(state, dispatch, { changes })
  }

/**
 * Wraps the selection (or the current line) in an HTML comment, the way writers keep
 * drafting notes, or unwraps it when it already is one.
 */
export const toggleDraftNote: StateCommand = ({ state, dispatch }) => {
  const changes = state.changeByRange((range) => {
    let { from, to } = range
    if (from === to) {
      const line = state.doc.lineAt(from)
      from = line.from
      to = line.to
    }
    const text = state.sliceDoc(from, to)
    const wrapped = /^<!--\s?([\s\S]*?)\s?-->$/.exec(text)
    const insert = wrapped ? (wrapped[1] ?? '') : `<!-- ${text} -->`
    return { changes: { from, to, insert }, range: EditorSelection.range(from, from + insert.length) }
  })
  dispatch(state.update(changes, { scrollIntoView: true, userEvent: 'input.format' }))
  return true
}
