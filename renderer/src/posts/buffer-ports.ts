import type { FolioApi, PostFile, PostSummary, TextEdit } from '../../../common/api'

/**
 * What the post buffers (post-buffers.ts) meet the world through: the editor, the calls of
 * the contract, the clock, the notice bar, and the state the window shows. The app passes CodeMirror, `window.folio` and
 * the window's timers; tests pass a plain text editor, the real handler table on a temp
 * folder and a fake clock.
 */

/** The serialised editor state of a post (text, selection, undo history), so nothing is lost by switching posts. */
export type EditorSnapshot = Record<string, unknown>

/** What the buffers need of the editor showing the open post; the hook adapts CodeMirror's view to it. */
export interface BufferEditor {
  /** The editor's text now. */
  text(): string
  /** Applies `changes` (offsets in the text before them) as one undoable change, tagged with `userEvent`. */
  edit(changes: readonly TextEdit[], userEvent: string): void
  /** The editor's state, given back (in the seed) when the post is shown again. */
  snapshot(): EditorSnapshot
  /** Runs just before an explicit save: the TOC sync (problems/toc-on-save.ts), as one undoable edit. */
  beforeSave(): void
}

/** The calls of the contract the buffers make: `window.folio` in the app, the real handler table on a temp folder in tests. */
export type BufferCalls = Pick<FolioApi, 'readPost' | 'savePost' | 'savePostAs' | 'storeRecovery' | 'discardRecovery' | 'setDirty'>

/** The clock the buffers' delays run on: the window's timers in the app, a fake one in tests. */
export interface Timers {
  start(run: () => void, ms: number): number
  cancel(id: number | undefined): void
}

/** The bar under the toolbar: errors, information, a save that met a change on disk, a post whose file is gone, and one that may not be written. */
export interface Notice {
  kind: 'error' | 'info' | 'conflict' | 'deleted' | 'read-only'
  text: string
  relPath?: string
}

/** A new notice, none, or one decided from the notice shown now. */
export type NoticeUpdate = Notice | null | ((shown: Notice | null) => Notice | null)

export interface PostBuffersDeps {
  folio: BufferCalls
  timers: Timers
  setNotice(update: NoticeUpdate): void
  /** Shows a failed call (opening, reloading) to the user. */
  fail(error: unknown): void
  /** A post deleted on disk was written again: the post list should be read again. */
  refreshPosts(): void
}

/** What the editor of the open post starts from. */
export interface EditorSeed {
  relPath: string
  text: string
  snapshot?: EditorSnapshot
  encoding: PostFile['encoding']
}

/** What the window shows of the buffers; replaced as a whole on every change, so it can be compared by identity. */
export interface PostBuffersState {
  /** The post being edited. */
  current: string | null
  seed: EditorSeed | null
  /** The open post's text for the preview and panels: follows the editor after a pause in typing. */
  text: string
  /** Posts with unsaved text. */
  dirty: ReadonlySet<string>
  /** Posts deleted on disk that hold unsaved text, with the summary the post list shows for each. */
  deleted: ReadonlyMap<string, PostSummary>
}
