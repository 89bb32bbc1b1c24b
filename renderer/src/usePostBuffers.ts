import { startTransition, useCallback, useEffect, useRef, useState, type Dispatch, type RefObject, type SetStateAction } from 'react'
import type { EditorView, ViewUpdate } from '@codemirror/view'
import type { PostFile, Recovery, RenamedImage } from '../../common/api'
import { frontMatterEdit } from '../../common/frontmatter'
import { folio, messageOf } from './folio'
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

/** The bar under the toolbar: errors, information, and a save that met a change on disk. */
export interface Notice {
  kind: 'error' | 'info' | 'conflict'
  text: string
  relPath?: string
}

/**
 * How long the preview waits after typing stops: long enough that it renders in the pauses
 * of a fast typist rather than between their keys (VS Code waits 300 ms), longer for long posts.
 */
const previewDelay = (length: number) => (length > 2_000_000 ? 800 : length > longPost ? 400 : 180)

/**
 * The posts open in this window and the one being edited: reading, switching (each keeps
 * its text, selection and undo history), saving, unsaved marks, recovery copies, and
 * changes made on disk by other programs. `text` is what the preview and panels show; it
 * follows the editor after a pause in typing.
 */
export function usePostBuffers({ viewRef, setNotice, fail }: { viewRef: RefObject<EditorView | null>; setNotice: Dispatch<SetStateAction<Notice | null>>; fail(error: unknown): void }) {
  const [current, setCurrent] = useState<string | null>(null)
  const [seed, setSeed] = useState<EditorSeed | null>(null)
  const [text, setText] = useState('')
  const [dirty, setDirty] = useState<ReadonlySet<string>>(new Set())
  const buffers = useRef(new Map<string, Buffer>())
  const currentRef = useRef<string | null>(null)
  const dirtyRef = useRef(new Set<string>())
  const opening = useRef<string | null>(null)
  const textTimer = useRef<number | undefined>(undefined)
  const recoveryTimer = useRef<number | undefined>(undefined)

  const markDirty = useCallback((relPath: string, isDirty: boolean) => {
    if (dirtyRef.current.has(relPath) === isDirty) return
    if (isDirty) dirtyRef.current.add(relPath)
    else dirtyRef.current.delete(relPath)
    setDirty(new Set(dirtyRef.current))
    // The main process asks before closing a window that still holds unsaved text.
    void folio.setDirty(dirtyRef.current.size > 0, dirtyRef.current.values().next().value ?? undefined).catch(() => {})
  }, [])

  /** Keeps the hidden post's editor state (text, selection, undo history) for later. */
  const stashCurrent = useCallback(() => {
    const relPath = currentRef.current
    const view = viewRef.current
    const buffer = relPath ? buffers.current.get(relPath) : undefined
    if (buffer && view) buffer.snapshot = view.state.toJSON(snapshotFields) as EditorSnapshot
  }, [viewRef])

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
        } else setNotice(null)
        stashCurrent()
        const text = buffer.snapshot ? String((buffer.snapshot as { doc: string }).doc) : (buffer.restored ?? buffer.file.text)
        if (buffer.restored !== undefined) {
          markDirty(relPath, buffer.restored !== buffer.savedText)
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
    [fail, setNotice, stashCurrent, markDirty]
  )

  /** Forgets every open post (another folder was opened). */
  const reset = useCallback(() => {
    buffers.current.clear()
    currentRef.current = null
    setCurrent(null)
    dirtyRef.current.clear()
    setDirty(new Set())
  }, [])

  /** Forgets one post (renamed or deleted on disk by Folio); the editor closes if it showed it. */
  const forget = useCallback(
    (relPath: string) => {
      buffers.current.delete(relPath)
      markDirty(relPath, false)
      if (currentRef.current !== relPath) return false
      currentRef.current = null
      setCurrent(null)
      return true
    },
    [markDirty]
  )

  /** Puts recovered text back into the posts' buffers, unsaved, and opens the first. */
  const restore = useCallback(
    async (recoveries: Recovery[]) => {
      // The post being edited keeps its unsaved text and history (a restore can come later, from the menu).
      stashCurrent()
      for (const r of recoveries) {
        const file = await folio.readPost(r.relPath).catch(() => ({ relPath: r.relPath, text: '', mtimeMs: 0, encoding: 'utf8' as const, eol: 'lf' as const, warning: null }))
        buffers.current.set(r.relPath, { file, savedText: file.text, restored: r.text })
        // Every restored post is marked, the one being edited too (it is switched away from below).
        markDirty(r.relPath, r.text !== file.text)
      }
      currentRef.current = null
      if (recoveries[0]) await openPost(recoveries[0].relPath)
    },
    [markDirty, openPost, stashCurrent]
  )

  const save = useCallback(
    async (force = false) => {
      const relPath = currentRef.current
      const view = viewRef.current
      const buffer = relPath ? buffers.current.get(relPath) : undefined
      if (!relPath || !view || !buffer) return false
      beforeSave(view)
      const saving = view.state.doc.toString()
      try {
        const { encoding, eol, mtimeMs } = buffer.file
        const result = await folio.savePost(relPath, { text: saving, expectedMtimeMs: mtimeMs, force, encoding, eol })
        buffer.file = { ...buffer.file, mtimeMs: result.mtimeMs }
        buffer.savedText = saving
        markDirty(relPath, view.state.doc.toString() !== saving)
        setNotice(null)
        return true
      } catch (error) {
        const text = messageOf(error)
        // Only a real conflict offers "Reload from disk"; a failed write ("Nothing was changed
        // on disk") must not, or one click would throw away the text the save could not write.
        setNotice({ kind: /was changed on disk by another program/.test(text) ? 'conflict' : 'error', text, relPath })
        return false
      }
    },
    [markDirty, setNotice, viewRef]
  )

  const reloadFromDisk = useCallback(
    async (relPath: string) => {
      const file = await folio.readPost(relPath)
      const buffer = buffers.current.get(relPath)
      if (!buffer) return
      buffer.file = file
      buffer.savedText = file.text
      buffer.snapshot = undefined
      const view = viewRef.current
      if (relPath === currentRef.current && view) {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: file.text }, userEvent: 'reload' })
        setText(file.text)
      }
      markDirty(relPath, false)
    },
    [markDirty, viewRef]
  )

  // Changes made by other programs: an open post reloads when it has no edits, and
  // otherwise asks, so neither side's words are lost.
  useEffect(
    () =>
      folio.on('postChangedOnDisk', ({ relPath, deleted, mtimeMs }) => {
        const buffer = buffers.current.get(relPath)
        if (!buffer || mtimeMs === buffer.file.mtimeMs) return
        const isDirty = relPath === currentRef.current ? viewRef.current?.state.doc.toString() !== buffer.savedText : dirtyRef.current.has(relPath)
        if (deleted) {
          markDirty(relPath, true)
          // A save of it that failed meanwhile says more (the watcher can report after it).
          const info: Notice = { kind: 'info', text: `${relPath} was deleted or renamed on disk. Your text is kept here; save to write it again.`, relPath }
          setNotice((shown) => (shown?.kind === 'error' && shown.relPath === relPath ? shown : info))
        } else if (!isDirty) void reloadFromDisk(relPath).catch(fail)
        else setNotice({ kind: 'conflict', text: `${relPath} was changed on disk by another program, and you have unsaved edits.`, relPath })
      }),
    [fail, markDirty, reloadFromDisk, setNotice, viewRef]
  )

  // Editor updates, kept cheap: the preview text refreshes after a pause in typing.
  const onUpdate = useCallback(
    (update: ViewUpdate) => {
      const relPath = currentRef.current
      if (update.docChanged && relPath) {
        const buffer = buffers.current.get(relPath)
        if (buffer) markDirty(relPath, true)
        window.clearTimeout(textTimer.current)
        textTimer.current = window.setTimeout(() => {
          const doc = update.view.state.doc.toString()
          // A transition: React renders the preview in slices and yields to the next key.
          // The user may have switched posts since: that post's text is not this one.
          if (currentRef.current === relPath) startTransition(() => setText(doc))
          if (buffer) markDirty(relPath, doc !== buffer.savedText)
        }, previewDelay(update.state.doc.length))
        // A recovery copy a second after typing stops: a crash or kill loses nothing.
        window.clearTimeout(recoveryTimer.current)
        recoveryTimer.current = window.setTimeout(() => {
          const doc = update.view.state.doc.toString()
          if (buffer && doc !== buffer.savedText) void folio.storeRecovery(relPath, doc).catch(() => {})
        }, 1000)
      }
      if (update.selectionSet || update.docChanged) {
        const head = update.state.selection.main.head
        const line = update.state.doc.lineAt(head)
        setCursorPosition(line.number, head - line.from + 1)
      }
    },
    [markDirty]
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

  return { current, seed, text, dirty, openPost, reset, forget, restore, save, reloadFromDisk, onUpdate, setFrontMatter, imageRenamed, isDirty, currentPost }
}
