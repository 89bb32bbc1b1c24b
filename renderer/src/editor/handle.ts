import { EditorView } from '@codemirror/view'
import type { TextEdit } from '../../../common/api'
import type { EditorCommandId } from '../../../common/commands'
import type { Heading } from '../../../common/outline'
import { editorCommands } from './commands'
import { editTransaction } from './edit-transaction'
import { editorHeadings } from './headings'
import { forgetInsertPoint, insertAtPoint, insertImageBlock, trackInsertPoint } from './insert-points'
import type { EditorText } from './text'

/**
 * What React may do with the post's editor (DESIGN.md rule 6: React holds no CodeMirror
 * internals). Hooks and components take an EditorHandle; everything that builds transactions
 * lives here and in the other files of renderer/src/editor/.
 */

/** Where images of an import will go, kept in place through the edits made meanwhile. */
export interface PendingInsert {
  /** Inserts `markdown` there as its own paragraph; false when the place is gone (the editor was closed). */
  insert(markdown: string): boolean
  /** Gives the place up (the import failed). */
  cancel(): void
}

export interface EditorHandle {
  /** The text now; compare two with === to tell whether the text changed in between. */
  doc(): EditorText
  /** Where the cursor is (the head of the main selection). */
  cursor(): number
  /** False once the editor is gone (another post was opened). */
  alive(): boolean
  focus(): void
  /** Selects from..to (the cursor alone when `to` is left out) and scrolls it into view: to the middle with 'center'. */
  select(from: number, to?: number, scroll?: 'nearest' | 'center'): void
  /** Puts the cursor at the start of `line` (clamped to the text) and scrolls it to the top; the jump of outline, preview and gallery. */
  goToLine(line: number): void
  /** Applies edits of the current text as one undo step of its own; with `select`, what changed is selected and shown. */
  edit(edits: readonly TextEdit[], options: { userEvent: string; select?: boolean }): void
  /** Runs an editor command of the command table; false when it did nothing. Focus stays where it is. */
  run(command: EditorCommandId): boolean
  /** Inserts `markdown` at `pos` as a paragraph of its own, the cursor after it. */
  insertBlock(pos: number, markdown: string): void
  /** Marks `pos` as the place for images still being imported (an "Importing images…" row shows there). */
  reserve(pos: number): PendingInsert
  /** The headings above `pos`, from the editor's syntax tree (for when the preview's are not in yet). */
  headingsBefore(pos: number): Heading[]
  /** Scroll sync: calls `listener` on every scroll of the editor; returns how to stop. */
  onScroll(listener: () => void): () => void
  /** How far the editor is scrolled, in pixels. */
  scrollTop(): number
  /** The source line at the top of the editor, with the fraction of it scrolled past (12.5: half of line 12). */
  topLine(): number
  /** Scrolls so that `line` (fractional, as topLine gives) is at the top; returns the new scrollTop, or null when it did not move. */
  scrollToLine(line: number): number | null
}

const handles = new WeakMap<EditorView, EditorHandle>()

/** The handle of a view; the same object every time, so a hook can tell whether its editor is still the one shown. */
export function editorHandle(view: EditorView): EditorHandle {
  let handle = handles.get(view)
  if (!handle) handles.set(view, (handle = createHandle(view)))
  return handle
}

/** Moves a scrolling element to `top`; returns where it ended up, or null when it was already there. */
export function scrollElementTo(element: { scrollTop: number }, top: number): number | null {
  const before = element.scrollTop
  element.scrollTop = top
  return Math.abs(element.scrollTop - before) >= 1 ? element.scrollTop : null
}

function createHandle(view: EditorView): EditorHandle {
  const clampLine = (line: number) => Math.min(view.state.doc.lines, Math.max(1, Math.floor(line)))
  const alive = () => view.dom.isConnected
  return {
    doc: () => view.state.doc,
    cursor: () => view.state.selection.main.head,
    alive,
    focus: () => view.focus(),
    select(from, to = from, scroll = 'nearest') {
      view.dispatch({ selection: { anchor: from, head: to }, effects: EditorView.scrollIntoView(from, { y: scroll }) })
    },
    goToLine(line) {
      const pos = view.state.doc.line(clampLine(line)).from
      view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'start', yMargin: 24 }) })
      view.focus()
    },
    edit(edits, { userEvent, select = false }) {
      view.dispatch(editTransaction(view.state, edits, userEvent, select))
    },
    run: (command) => editorCommands[command](view),
    insertBlock: (pos, markdown) => insertImageBlock(view, pos, markdown),
    reserve(pos) {
      const id = trackInsertPoint(view, pos)
      return {
        insert(markdown) {
          const spec = alive() ? insertAtPoint(view.state, id, markdown) : null
          if (spec) view.dispatch(spec)
          return spec !== null
        },
        cancel: () => void (alive() && forgetInsertPoint(view, id))
      }
    },
    headingsBefore: (pos) => editorHeadings(view.state, pos),
    onScroll(listener) {
      view.scrollDOM.addEventListener('scroll', listener)
      return () => view.scrollDOM.removeEventListener('scroll', listener)
    },
    scrollTop: () => view.scrollDOM.scrollTop,
    topLine() {
      const top = view.scrollDOM.scrollTop
      const block = view.lineBlockAtHeight(top)
      return view.state.doc.lineAt(block.from).number + (block.height ? (top - block.top) / block.height : 0)
    },
    scrollToLine(line) {
      const whole = clampLine(line)
      const block = view.lineBlockAt(view.state.doc.line(whole).from)
      return scrollElementTo(view.scrollDOM, block.top + (line - whole) * block.height)
    }
  }
}
