import { describe, expect, it } from 'vitest'
import { EditorSelection, EditorState, type StateCommand } from '@codemirror/state'
import { changeHeadingLevel, insertLink, toggleBold, toggleDraftNote, toggleItalic, toggleList } from '../../renderer/src/editor/format'

/** Runs a command on `doc` where ‹ and › mark the selection; returns the text and selection. */
function run(command: StateCommand, marked: string) {
  const from = marked.indexOf('‹')
  const to = marked.indexOf('›') - 1
  let state = EditorState.create({ doc: marked.replace('‹', '').replace('›', ''), selection: EditorSelection.range(from, to), extensions: EditorState.allowMultipleSelections.of(true) })
  command({ state, dispatch: (tr) => (state = tr.state) })
  const { from: a, to: b } = state.selection.main
  const doc = state.doc.toString()
  return `${doc.slice(0, a)}‹${doc.slice(a, b)}›${doc.slice(b)}`
}

describe('formatting commands', () => {
  it('wraps and unwraps bold and italic', () => {
    expect(run(toggleBold, 'a ‹word› b')).toBe('a **‹word›** b')
    expect(run(toggleBold, 'a **‹word›** b')).toBe('a ‹word› b')
    expect(run(toggleBold, 'a ‹**word**› b')).toBe('a ‹word› b')
    expect(run(toggleItalic, '‹›')).toBe('*‹›*')
  })

  it('makes a link around the selection with the URL selected', () => {
    expect(run(insertLink, 'see ‹the docs› now')).toBe('see [the docs](‹url›) now')
    expect(run(insertLink, '‹https://example.org›')).toBe('[‹›](https://example.org)')
    expect(run(insertLink, '‹Https://example.org›')).toBe('[‹›](Https://example.org)')
  })

  it('changes heading levels up and down', () => {
    expect(run(changeHeadingLevel(1), '‹Title›')).toBe('# ‹Title›')
    expect(run(changeHeadingLevel(1), '## ‹Title›')).toBe('### ‹Title›')
    expect(run(changeHeadingLevel(-1), '# ‹Title›')).toBe('‹Title›')
    expect(run(changeHeadingLevel(1), '###### ‹Deep›')).toBe('###### ‹Deep›')
  })

  it('toggles bullet and numbered lists over the selected lines', () => {
    expect(run(toggleList(false), '‹one\ntwo›')).toBe('- ‹one\n- two›')
    expect(run(toggleList(false), '‹- one\n- two›')).toBe('‹one\ntwo›')
    expect(run(toggleList(true), '‹- one\n- two›')).toBe('‹1. one\n2. two›')
    expect(run(toggleList(false), '‹- [ ] task›')).toBe('‹task›')
  })

  it('wraps a drafting note in an HTML comment and unwraps it', () => {
    expect(run(toggleDraftNote, '‹check the ferry times›')).toBe('‹<!-- check the ferry times -->›')
    expect(run(toggleDraftNote, '‹<!-- check -->›')).toBe('‹check›')
  })
})
