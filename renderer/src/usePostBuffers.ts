import { startTransition, useCallback, useEffect, useState, type RefObject } from 'react'
import type { EditorView, ViewUpdate } from '@codemirror/view'
import type { AutoSaveMode } from '../../common/settings'
import { PostBuffers } from './posts/post-buffers'
import type { BufferEditor, EditorSnapshot, NoticeUpdate, Timers } from './posts/buffer-ports'
import { useFocusLost } from './posts/useFocusLost'
import { folio } from './folio'
import { snapshotFields } from './PostEditor'
import { setCursorPosition } from './cursor-store'
import { beforeSave } from './problems/toc-on-save'

export type { EditorSeed, Notice } from './posts/buffer-ports'

interface PostBuffersOptions {
  viewRef: RefObject<EditorView | null>
  /** Shows, replaces or clears the notice bar. Keep it stable, as the three below: the buffers take them once. */
  setNotice(update: NoticeUpdate): void
  fail(error: unknown): void
  /** When Folio saves by itself (the autoSave setting). */
  autoSave: AutoSaveMode
  /** A post deleted on disk was written again: the post list should be read again. */
  refreshPosts(): void
}

const windowTimers: Timers = { start: (run, ms) => window.setTimeout(run, ms), cancel: (id) => window.clearTimeout(id) }

/** CodeMirror's view as the buffers see an editor. */
const bufferEditor = (view: EditorView): BufferEditor => ({
  text: () => view.state.doc.toString(),
  edit: (changes, userEvent) => view.dispatch({ changes, userEvent }),
  snapshot: () => view.state.toJSON(snapshotFields) as EditorSnapshot,
  beforeSave: () => beforeSave(view)
})

/**
 * The posts open in this window (posts/post-buffers.ts), for React: their state as React
 * state, their actions, and the window's part (its timers, focus, the watcher's events, the
 * CodeMirror view of the open post).
 */
export function usePostBuffers({ viewRef, setNotice, fail, autoSave, refreshPosts }: PostBuffersOptions) {
  const [buffers] = useState(() => new PostBuffers({ folio, timers: windowTimers, setNotice, fail, refreshPosts }))
  // React state rather than useSyncExternalStore: the preview text that follows typing is
  // rendered as a transition (in slices, yielding to the next key), which a store cannot do.
  const [state, setState] = useState(buffers.getSnapshot)
  useEffect(
    () =>
      buffers.subscribe((typing) => {
        const next = buffers.getSnapshot()
        if (typing) startTransition(() => setState(next))
        else setState(next)
      }),
    [buffers]
  )
  useEffect(() => buffers.setAutoSave(autoSave), [buffers, autoSave])
  // Changes made by other programs to open posts.
  useEffect(() => folio.on('postChangedOnDisk', (change) => void buffers.changedOnDisk(change)), [buffers])
  useEffect(() => buffers.dispose, [buffers])
  useFocusLost(buffers.focusLost)

  /** The app created the editor of the open post (its view is in viewRef). */
  const bindView = useCallback(() => {
    if (viewRef.current) buffers.attach(bufferEditor(viewRef.current))
  }, [buffers, viewRef])

  // Editor updates, kept cheap: the buffers restart their timers, the status bar follows the cursor.
  const onUpdate = useCallback(
    (update: ViewUpdate) => {
      if (update.docChanged) buffers.edited(update.state.doc.length)
      if (update.selectionSet || update.docChanged) {
        const head = update.state.selection.main.head
        const line = update.state.doc.lineAt(head)
        setCursorPosition(line.number, head - line.from + 1)
      }
    },
    [buffers]
  )

  const { current, seed, text, dirty, deleted } = state
  return {
    current,
    seed,
    text,
    dirty,
    deleted,
    bindView,
    openPost: buffers.open,
    reset: buffers.reset,
    forget: buffers.forget,
    discard: buffers.discard,
    restore: buffers.restore,
    save: buffers.save,
    saveAsNew: buffers.saveAsNew,
    reloadFromDisk: buffers.reloadFromDisk,
    onUpdate,
    setFrontMatter: buffers.setFrontMatter,
    imageRenamed: buffers.imageRenamed,
    isDirty: buffers.isDirty,
    currentPost: buffers.currentPost
  }
}
