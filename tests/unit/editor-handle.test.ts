import { describe, expect, it } from 'vitest'
import { EditorSelection, EditorState, Transaction, type TransactionSpec } from '@codemirror/state'
import type { EditorView } from '@codemirror/view'
import { history, undo } from '@codemirror/commands'
import { markdown, markdownLanguage } from '@codemirror/lang-markdown'
import { editorHandle } from '../../renderer/src/editor/handle'
import { insertPoints } from '../../renderer/src/editor/insert-points'

/**
 * The handle on the parts of a view it uses without a DOM (state, dispatch, focus, whether it
 * is on the page), with a real EditorState and real transactions. Scrolling needs a laid-out
 * view: the e2e specs cover it (the outline jump, scroll sync).
 */
function fakeView(doc: string, cursor = 0) {
  const fake = {
    state: EditorState.create({ doc, selection: EditorSelection.cursor(cursor), extensions: [history(), markdown({ base: markdownLanguage }), insertPoints] }),
    dispatched: [] as Transaction[],
    focused: 0,
    dom: { isConnected: true },
    dispatch(spec: TransactionSpec | Transaction) {
      const tr = spec instanceof Transaction ? spec : fake.state.update(spec)
      fake.dispatched.push(tr)
      fake.state = tr.state
    },
    focus() {
      fake.focused++
    }
  }
  return { fake, editor: editorHandle(fake as unknown as EditorView) }
}

const scrolled = (tr: Transaction | undefined) => Boolean(tr?.effects.length) || Boolean(tr?.scrollIntoView)

describe('the editor handle', () => {
  it('is one object per view, so a hook can tell its editor is still the one shown', () => {
    const { fake, editor } = fakeView('Text')
    expect(editorHandle(fake as unknown as EditorView)).toBe(editor)
    expect(fakeView('Text').editor).not.toBe(editor)
  })

  it('hands out the text, a new one after each change, and the cursor', () => {
    const { fake, editor } = fakeView('One\nTwo\nThree', 5)
    const before = editor.doc()
    expect(before.lines).toBe(3)
    expect(before.line(2).text).toBe('Two')
    expect(editor.cursor()).toBe(5)
    expect(editor.doc()).toBe(before)
    fake.dispatch({ changes: { from: 0, insert: 'Zero\n' } })
    expect(editor.doc()).not.toBe(before)
    expect(editor.doc().toString()).toBe('Zero\nOne\nTwo\nThree')
  })

  it('selects a range and scrolls it into view, without taking the focus', () => {
    const { fake, editor } = fakeView('# Title\n\nSome words here.')
    editor.select(9, 13, 'center')
    expect(fake.state.sliceDoc(fake.state.selection.main.from, fake.state.selection.main.to)).toBe('Some')
    expect(scrolled(fake.dispatched.at(-1))).toBe(true)
    editor.select(3)
    expect(fake.state.selection.main.empty).toBe(true)
    expect(fake.state.selection.main.head).toBe(3)
    expect(fake.focused).toBe(0)
  })

  it('goes to the start of a line, clamped to the text, and focuses', () => {
    const { fake, editor } = fakeView('a\nbb\nccc')
    editor.goToLine(3)
    expect(fake.state.selection.main.head).toBe(5)
    editor.goToLine(99)
    expect(fake.state.selection.main.head).toBe(5)
    editor.goToLine(0)
    expect(fake.state.selection.main.head).toBe(0)
    expect(fake.focused).toBe(3)
    expect(scrolled(fake.dispatched.at(-1))).toBe(true)
  })

  it('applies edits as one undo step of its own, selecting what changed when asked', () => {
    const { fake, editor } = fakeView('![](a.jpg) and ![](b.jpg)')
    editor.edit(
      [
        { from: 2, to: 2, insert: 'A' },
        { from: 17, to: 17, insert: 'B' }
      ],
      { userEvent: 'input.fix', select: true }
    )
    expect(fake.state.doc.toString()).toBe('![A](a.jpg) and ![B](b.jpg)')
    expect(fake.state.sliceDoc(fake.state.selection.main.from, fake.state.selection.main.to)).toBe('A](a.jpg) and ![B')
    expect(fake.dispatched.at(-1)?.isUserEvent('input.fix')).toBe(true)
    undo(fake)
    expect(fake.state.doc.toString()).toBe('![](a.jpg) and ![](b.jpg)')
  })

  it('runs the command table’s editor commands, saying whether they did anything', () => {
    const { fake, editor } = fakeView('a word here', 2)
    fake.dispatch({ selection: { anchor: 2, head: 6 } })
    expect(editor.run('bold')).toBe(true)
    expect(fake.state.doc.toString()).toBe('a **word** here')
    expect(editor.run('updateBackToTop')).toBe(false)
    const post = fakeView('# Trip\n\nIntro.\n\n## Day One\n\ntext\n')
    expect(post.editor.run('updateToc')).toBe(true)
    expect(post.fake.state.doc.toString()).toContain('- [Day One](#day-one)')
    expect(post.editor.run('updateToc')).toBe(false)
  })

  it('inserts a block of markdown as its own paragraph, the cursor after it', () => {
    const { fake, editor } = fakeView('First paragraph.\n\nSecond.', 3)
    editor.insertBlock(3, '![A](p-images/a.jpg)')
    expect(fake.state.doc.toString()).toBe('First paragraph.\n\n![A](p-images/a.jpg)\n\nSecond.')
    expect(fake.state.selection.main.head).toBe(fake.state.doc.toString().indexOf('\n\nSecond'))
  })

  it('keeps a reserved place through edits made meanwhile, and fills or gives it up', () => {
    const { fake, editor } = fakeView('Intro\n\nOutro', 5)
    const place = editor.reserve(5)
    fake.dispatch({ changes: { from: 0, insert: 'Hi\n' } })
    expect(place.insert('![A](p-images/a.jpg)')).toBe(true)
    expect(fake.state.doc.toString()).toBe('Hi\nIntro\n\n![A](p-images/a.jpg)\n\nOutro')
    expect(place.insert('again')).toBe(false)

    const gone = fakeView('Text', 4)
    const cancelled = gone.editor.reserve(4)
    cancelled.cancel()
    expect(cancelled.insert('![B](p-images/b.jpg)')).toBe(false)
    const closed = gone.editor.reserve(4)
    gone.fake.dom.isConnected = false
    expect(gone.editor.alive()).toBe(false)
    expect(closed.insert('![B](p-images/b.jpg)')).toBe(false)
    expect(gone.fake.state.doc.toString()).toBe('Text')
  })

  it('reads the headings above a place from the syntax tree', () => {
    const text = '# Trip\n\n## Morning\n\ntext\n\n## Lunch\n'
    const { editor } = fakeView(text)
    expect(editor.headingsBefore(text.indexOf('text')).map((h) => [h.depth, h.text])).toEqual([
      [1, 'Trip'],
      [2, 'Morning']
    ])
  })
})
