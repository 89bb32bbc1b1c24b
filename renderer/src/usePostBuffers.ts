import { startTransition, useCallback, useEffect, useRef, useState, type Dispatch, type RefObject, type SetStateAction } from 'react'
import type { EditorView, ViewUpdate } from '@codemirror/view'
import type { PostFile, PostSummary, Recovery, RenamedImage } from '../../common/api'
import { frontMatterEdit } from '../../common/frontmatter'
import { summarizePost } from '../../common/posts'
import { autoSaveDelayMs, type AutoSaveMode } from '../../common/settings'
import { shouldAutoSave, type AutoSaveTrigger } from './posts/autosave'
import { serialQueue } from './posts/serial-queue'
import { useFocusLost } from './posts/useFocusLost'
import { codeOf, folio, messageOf } from './folio'
import { snapshotFields, type EditorSnapshot } from './PostEditor'
import { setCursorPosition } from './cursor-store'
import { beforeSave } from './problems/toc-on-save'
import { applyImageRename } from './images/rename'
import { longPost } from '../../common/large-post'

/** An open post: what is on disk, what was last saved, and the editor state while hidden. */
interface Buffer {
  file: PostFile
  savedText: string
  snapshot?: EditorSnapshot
  /** Unsaved text from a recovery copy, shown the next time the post opens. */
  restored?: string
}

/** What the editor of the open post starts from. */
export interface EditorSeed {
  relPath: string
  text: string
  snapshot?: EditorSnapshot
  encoding: PostFile['encoding']
}

/** The bar under the toolbar: errors, information, a save that met a change on disk, a post whose file is gone, and one that may not be written. */
export interface Notice {
  kind: 'error' | 'info' | 'conflict' | 'deleted' | 'read-only'
  text: string
  relPath?: string
}

/** What the bar says of an open post whose file was deleted while it held unsaved edits. */
const deletedNotice = (relPath: string): Notice => ({
  kind: 'deleted',
  text: `${relPath} was deleted or renamed on disk. Your text is kept here; save to write it again.`,
  relPath
})

/**
 * How long the preview waits after typing stops: long enough that it renders in the pauses
 * of a fast typist rather than between their keys (VS Code waits 300 ms), longer for long posts.
 */
const previewDelay = (length: number) => (length > 2_000_000 ? 800 : length > longPost ? 400 : 180)

interface PostBuffersOptions {
  viewRef: RefObject<EditorView | null>
  setNotice: Dispatch<SetStateAction<Notice | null>>
  fail(error: unknown): void
  /** When Folio saves by itself (the autoSave setting). */
  autoSave: AutoSaveMode
  /** A post deleted on disk was written again: the post list should be read again. */
  refreshPosts(): void
}

/**
 * The posts open in this window and the one being edited: reading, switching (each keeps
 * its text, selection and undo history), saving and autosaving, unsaved marks, recovery
 * copies, and changes made on disk by other programs (an edited post whose file is deleted
 * stays, in `deleted`, until it is saved again or discarded). `text` is what the preview and
 * panels show; it follows the editor after a pause in typing.
 */
export function usePostBuffers({ viewRef, setNotice, fail, autoSave, refreshPosts }: PostBuffersOptions) {
  const [current, setCurrent] = useState<string | null>(null)
  const [seed, setSeed] = useState<EditorSeed | null>(null)
  const [text, setText] = useState('')
  const [dirty, setDirty] = useState<ReadonlySet<string>>(new Set())
  const [deleted, setDeleted] = useState<ReadonlyMap<string, PostSummary>>(new Map())
  const deletedRef = useRef(new Map<string, PostSummary>())
  /** Posts whose last save failed or met a change on disk: no autosave until a save or reload settles it. */
  const saveProblems = useRef(new Set<string>())
  const [queueSave] = useState(serialQueue<string>)
  const autoSaveTimers = useRef(new Map<string, number>())
  const autoSaveMode = useRef(autoSave)
  const buffers = useRef(new Map<string, Buffer>())
  const currentRef = useRef<string | null>(null)
  /** The post the editor view in viewRef shows. */
  const viewPost = useRef<string | null>(null)
  const dirtyRef = useRef(new Set<string>())
  const opening = useRef<string | null>(null)
  const textTimer = useRef<number | undefined>(undefined)
  const recoveryTimer = useRef<number | undefined>(undefined)

  useEffect(() => {
    autoSaveMode.current = autoSave
  }, [autoSave])

  const markDirty = useCallback((relPath: string, isDirty: boolean) => {
    if (dirtyRef.current.has(relPath) === isDirty) return
    if (isDirty) dirtyRef.current.add(relPath)
    else dirtyRef.current.delete(relPath)
    setDirty(new Set(dirtyRef.current))
    // The main process asks before closing a window that still holds unsaved text.
    void folio.setDirty(dirtyRef.current.size > 0, dirtyRef.current.values().next().value ?? undefined).catch(() => {})
  }, [])

  /** Marks a post as deleted on disk (with the summary the list shows for it), or clears the mark. */
  const markDeleted = useCallback((relPath: string, summary: PostSummary | null) => {
    if (!summary && !deletedRef.current.has(relPath)) return
    if (summary) deletedRef.current.set(relPath, summary)
    else deletedRef.current.delete(relPath)
    setDeleted(new Map(deletedRef.current))
  }, [])

  /**
   * The editor showing `relPath`, or null. Right after a switch the view is still the last
   * post's until the new editor is created (bindView), so the post is checked, not assumed.
   */
  const viewOf = useCallback((relPath: string) => (relPath === currentRef.current && viewPost.current === relPath ? viewRef.current : null), [viewRef])

  /** The app created the editor of the open post. */
  const bindView = useCallback(() => {
    viewPost.current = currentRef.current
  }, [])

  /** The post's text now: the editor's for the open post, else the one kept when it was hidden. */
  const textOf = useCallback(
    (relPath: string, buffer: Buffer) => {
      const view = viewOf(relPath)
      if (view) return view.state.doc.toString()
      return buffer.snapshot ? String((buffer.snapshot as { doc: string }).doc) : (buffer.restored ?? buffer.file.text)
    },
    [viewOf]
  )

  /** Whether `text` of the post is not on disk: it differs from the saved text, or the file is gone. */
  const unsaved = useCallback((relPath: string, buffer: Buffer, text: string) => deletedRef.current.has(relPath) || text !== buffer.savedText, [])

  /** Keeps the hidden post's editor state (text, selection, undo history) for later. */
  const stashCurrent = useCallback(() => {
    const relPath = currentRef.current
    const view = viewRef.current
    const buffer = relPath ? buffers.current.get(relPath) : undefined
    if (buffer && view) buffer.snapshot = view.state.toJSON(snapshotFields) as EditorSnapshot
  }, [viewRef])

  /**
   * Saves a post's text as it is now (the open post's editor, or the text kept while hidden),
   * after any save of it still running. An autosave leaves the bar alone when it succeeds.
   */
  const write = useCallback(
    (relPath: string, { force = false, auto = false }: { force?: boolean; auto?: boolean }) => {
      const run = async (): Promise<boolean> => {
        const buffer = buffers.current.get(relPath)
        if (!buffer) return false
        const text = textOf(relPath, buffer)
        if (auto && !unsaved(relPath, buffer, text)) return true
        try {
          const { encoding, eol, mtimeMs } = buffer.file
          const result = await folio.savePost(relPath, { text, expectedMtimeMs: mtimeMs, force, encoding, eol })
          buffer.file = { ...buffer.file, mtimeMs: result.mtimeMs }
          buffer.savedText = text
          saveProblems.current.delete(relPath)
          const wasDeleted = deletedRef.current.has(relPath)
          markDeleted(relPath, null)
          if (wasDeleted) refreshPosts()
          markDirty(relPath, unsaved(relPath, buffer, textOf(relPath, buffer)))
          if (!auto) setNotice(null)
          return true
        } catch (error) {
          const code = codeOf(error)
          saveProblems.current.add(relPath)
          // Only a real conflict offers "Reload from disk"; a failed write ("Nothing was changed
          // on disk") must not, or one click would throw away the text the save could not write.
          // A read-only post offers "Save as a new post…" instead.
          setNotice({ kind: code === 'conflict' || code === 'read-only' ? code : 'error', text: messageOf(error), relPath })
          return false
        }
      }
      return queueSave(relPath, run)
    },
    [markDeleted, markDirty, queueSave, refreshPosts, setNotice, textOf, unsaved]
  )

  /**
   * An explicit save (Ctrl+S, the menu, the bar's buttons) of the open post or of `relPath`.
   * Only here does the TOC sync run (toc-on-save.ts), as one undoable edit in the editor.
   */
  const save = useCallback(
    async (force = false, relPath: string | undefined = currentRef.current ?? undefined) => {
      if (!relPath || !buffers.current.has(relPath)) return false
      const view = viewOf(relPath)
      if (view) beforeSave(view)
      return write(relPath, { force })
    },
    [viewOf, write]
  )

  /** Saves the post by itself when the autoSave setting, the trigger and the post's state all say so (posts/autosave.ts). */
  const autoSaveIf = useCallback(
    (relPath: string, trigger: AutoSaveTrigger) => {
      const buffer = buffers.current.get(relPath)
      if (!buffer) return
      const post = { unsaved: unsaved(relPath, buffer, textOf(relPath, buffer)), deletedOnDisk: deletedRef.current.has(relPath), saveProblem: saveProblems.current.has(relPath) }
      if (shouldAutoSave(autoSaveMode.current, trigger, post)) void write(relPath, { auto: true })
    },
    [textOf, unsaved, write]
  )

  const openPost = useCallback(
    async (relPath: string) => {
      // The last post asked for wins: a click during the first post's read is not undone
      // when that read finishes, even a click back on the post still showing.
      opening.current = relPath
      if (relPath === currentRef.current) return
      try {
        let buffer = buffers.current.get(relPath)
        if (!buffer) {
          const file = await folio.readPost(relPath)
          buffer = { file, savedText: file.text }
          buffers.current.set(relPath, buffer)
          if (opening.current !== relPath) return
          setNotice(file.warning ? { kind: 'info', text: file.warning } : null)
        } else setNotice(deletedRef.current.has(relPath) ? deletedNotice(relPath) : null)
        const leaving = currentRef.current
        stashCurrent()
        if (leaving) autoSaveIf(leaving, 'postSwitched')
        viewPost.current = null
        const text = buffer.snapshot ? String((buffer.snapshot as { doc: string }).doc) : (buffer.restored ?? buffer.file.text)
        if (buffer.restored !== undefined) {
          markDirty(relPath, unsaved(relPath, buffer, buffer.restored))
          buffer.restored = undefined
        }
        currentRef.current = relPath
        setCurrent(relPath)
        setSeed({ relPath, text, snapshot: buffer.snapshot, encoding: buffer.file.encoding })
        setText(text)
      } catch (error) {
        fail(error)
      }
    },
    [fail, setNotice, stashCurrent, markDirty, autoSaveIf, unsaved]
  )

  /** Forgets every open post (another folder was opened). */
  const reset = useCallback(() => {
    buffers.current.clear()
    currentRef.current = null
    setCurrent(null)
    dirtyRef.current.clear()
    setDirty(new Set())
    deletedRef.current.clear()
    setDeleted(new Map())
    saveProblems.current.clear()
  }, [])

  /** Forgets one post (renamed or deleted by Folio, or discarded); the editor closes if it showed it. */
  const forget = useCallback(
    (relPath: string) => {
      buffers.current.delete(relPath)
      markDirty(relPath, false)
      markDeleted(relPath, null)
      saveProblems.current.delete(relPath)
      window.clearTimeout(autoSaveTimers.current.get(relPath))
      if (currentRef.current !== relPath) return false
      currentRef.current = null
      setCurrent(null)
      return true
    },
    [markDirty, markDeleted]
  )

  /** Drops a post's unsaved text (the user chose Discard): its recovery copy goes too. True when the editor showed it. */
  const discard = useCallback(
    async (relPath: string) => {
      const wasOpen = forget(relPath)
      await folio.discardRecovery(relPath)
      return wasOpen
    },
    [forget]
  )

  /** Puts recovered text back into the posts' buffers, unsaved, and opens the first. */
  const restore = useCallback(
    async (recoveries: Recovery[]) => {
      // The post being edited keeps its unsaved text and history (a restore can come later, from the menu).
      stashCurrent()
      for (const r of recoveries) {
        const read = await folio.readPost(r.relPath).catch(() => null)
        const file = read ?? { relPath: r.relPath, text: '', mtimeMs: 0, encoding: 'utf8' as const, eol: 'lf' as const, warning: null }
        buffers.current.set(r.relPath, { file, savedText: file.text, restored: r.text })
        // A post whose file is gone is listed, marked, until it is saved or discarded.
        if (!read) markDeleted(r.relPath, summarizePost(r.relPath, r.text, 0))
        // Every restored post is marked, the one being edited too (it is switched away from below).
        markDirty(r.relPath, !read || r.text !== file.text)
      }
      currentRef.current = null
      if (recoveries[0]) await openPost(recoveries[0].relPath)
    },
    [markDeleted, markDirty, openPost, stashCurrent]
  )

  /**
   * Saves the open post's text as a new post beside it, named after `name` (its own file could
   * not be written): the new post then holds the edits, and the original is left as it is on disk.
   */
  const saveAsNew = useCallback(
    async (relPath: string, name: string) => {
      const buffer = buffers.current.get(relPath)
      if (!buffer) return null
      const { encoding, eol } = buffer.file
      const created = await folio.savePostAs(relPath, name, { text: textOf(relPath, buffer), encoding, eol })
      forget(relPath)
      return created
    },
    [forget, textOf]
  )

  const reloadFromDisk = useCallback(
    async (relPath: string) => {
      const file = await folio.readPost(relPath)
      const buffer = buffers.current.get(relPath)
      if (!buffer) return
      buffer.file = file
      buffer.savedText = file.text
      buffer.snapshot = undefined
      saveProblems.current.delete(relPath)
      markDeleted(relPath, null)
      const view = viewOf(relPath)
      if (view) {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: file.text }, userEvent: 'reload' })
        setText(file.text)
      }
      markDirty(relPath, false)
    },
    [markDeleted, markDirty, viewOf]
  )

  /**
   * The file of an open post is gone. With unsaved edits it stays open and listed, marked,
   * its text kept (and copied for recovery); without, it is forgotten and its editor closes.
   */
  const fileDeleted = useCallback(
    (relPath: string, buffer: Buffer) => {
      const text = textOf(relPath, buffer)
      if (!unsaved(relPath, buffer, text)) {
        const wasOpen = forget(relPath)
        if (wasOpen) setNotice({ kind: 'info', text: `${relPath} was deleted on disk. It had no unsaved changes, so it was closed.`, relPath })
        return
      }
      markDeleted(relPath, summarizePost(relPath, text, buffer.file.mtimeMs))
      markDirty(relPath, true)
      void folio.storeRecovery(relPath, text).catch(() => {})
      // A save of it that failed meanwhile says more (the watcher can report after it).
      setNotice((shown) => (shown?.kind === 'error' && shown.relPath === relPath ? shown : deletedNotice(relPath)))
    },
    [forget, markDeleted, markDirty, setNotice, textOf, unsaved]
  )

  // Changes made by other programs: an open post reloads when it has no edits, and
  // otherwise asks, so neither side's words are lost.
  useEffect(
    () =>
      folio.on('postChangedOnDisk', async ({ relPath, deleted, mtimeMs }) => {
        // A save of the post still running may be what the watcher saw: compare after it.
        await queueSave(relPath, async () => undefined)
        let buffer = buffers.current.get(relPath)
        if (!buffer || mtimeMs === buffer.file.mtimeMs) return
        // A deletion is checked: a program that saves by delete-and-rename can look like one.
        const onDisk = deleted ? await folio.readPost(relPath).catch(() => null) : null
        buffer = buffers.current.get(relPath)
        if (!buffer) return
        if (deleted && !onDisk) return fileDeleted(relPath, buffer)
        if (onDisk?.mtimeMs === buffer.file.mtimeMs) return
        markDeleted(relPath, null)
        const isDirty = unsaved(relPath, buffer, textOf(relPath, buffer))
        if (!isDirty) void reloadFromDisk(relPath).catch(fail)
        else {
          saveProblems.current.add(relPath)
          setNotice({ kind: 'conflict', text: `${relPath} was changed on disk by another program, and you have unsaved edits.`, relPath })
        }
      }),
    [fail, fileDeleted, markDeleted, queueSave, reloadFromDisk, setNotice, textOf, unsaved]
  )

  useFocusLost(useCallback(() => void (currentRef.current && autoSaveIf(currentRef.current, 'focusLost')), [autoSaveIf]))

  // Editor updates, kept cheap: the preview text refreshes after a pause in typing.
  const onUpdate = useCallback(
    (update: ViewUpdate) => {
      const relPath = currentRef.current
      if (update.docChanged && relPath) {
        const buffer = buffers.current.get(relPath)
        // Timers that fire after the post was forgotten (discarded, renamed) leave it alone.
        const kept = () => buffer !== undefined && buffers.current.get(relPath) === buffer
        if (buffer) markDirty(relPath, true)
        window.clearTimeout(textTimer.current)
        textTimer.current = window.setTimeout(() => {
          const doc = update.view.state.doc.toString()
          // A transition: React renders the preview in slices and yields to the next key.
          // The user may have switched posts since: that post's text is not this one.
          if (currentRef.current === relPath) startTransition(() => setText(doc))
          if (kept()) markDirty(relPath, unsaved(relPath, buffer!, doc))
        }, previewDelay(update.state.doc.length))
        // A recovery copy a second after typing stops: a crash or kill loses nothing.
        window.clearTimeout(recoveryTimer.current)
        recoveryTimer.current = window.setTimeout(() => {
          const doc = update.view.state.doc.toString()
          if (kept() && unsaved(relPath, buffer!, doc)) void folio.storeRecovery(relPath, doc).catch(() => {})
        }, 1000)
        // Autosave after a delay: a second after the last change to this post.
        window.clearTimeout(autoSaveTimers.current.get(relPath))
        if (autoSaveMode.current === 'afterDelay') autoSaveTimers.current.set(relPath, window.setTimeout(() => autoSaveIf(relPath, 'typingStopped'), autoSaveDelayMs))
      }
      if (update.selectionSet || update.docChanged) {
        const head = update.state.selection.main.head
        const line = update.state.doc.lineAt(head)
        setCursorPosition(line.number, head - line.from + 1)
      }
    },
    [markDirty, unsaved, autoSaveIf]
  )

  const setFrontMatter = useCallback(
    (key: string, value: unknown) => {
      const view = viewRef.current
      if (!view) return
      const edit = frontMatterEdit(view.state.doc.toString(), key, value)
      if (!edit) return
      view.dispatch({ changes: edit, userEvent: 'input.frontmatter' })
      setText(view.state.doc.toString())
    },
    [viewRef]
  )

  /** An image was renamed and the saved post rewritten: the editor follows, the buffer takes the new saved text and mtime. */
  const imageRenamed = useCallback(
    (relPath: string, renamed: RenamedImage) => {
      const buffer = buffers.current.get(relPath)
      const view = relPath === currentRef.current ? viewRef.current : null
      if (!buffer) return
      if (view) applyImageRename(view, renamed, view.state.doc.toString() === buffer.savedText)
      buffer.file = { ...buffer.file, text: renamed.text, mtimeMs: renamed.mtimeMs }
      buffer.savedText = renamed.text
      if (view) {
        setText(view.state.doc.toString())
        markDirty(relPath, view.state.doc.toString() !== renamed.text)
      }
    },
    [markDirty, viewRef]
  )

  const isDirty = useCallback((relPath: string) => dirtyRef.current.has(relPath), [])
  const currentPost = useCallback(() => currentRef.current, [])

  return { current, seed, text, dirty, deleted, bindView, openPost, reset, forget, discard, restore, save, saveAsNew, reloadFromDisk, onUpdate, setFrontMatter, imageRenamed, isDirty, currentPost }
}
