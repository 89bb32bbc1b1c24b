import type { EventPayloads, PostFile, PostSummary, Recovery, RenamedImage } from '../../../common/api'
import { frontMatterEdit } from '../../../common/frontmatter'
import { summarizePost } from '../../../common/posts'
import { longPost } from '../../../common/large-post'
import { autoSaveDelayMs, type AutoSaveMode } from '../../../common/settings'
import { codeOf, messageOf } from '../call-errors'
import { applyImageRename } from '../images/rename'
import { shouldAutoSave, type AutoSaveTrigger } from './autosave'
import { serialQueue } from './serial-queue'
import type { BufferEditor, EditorSnapshot, Notice, PostBuffersDeps, PostBuffersState } from './buffer-ports'

/** An open post: what is on disk, what was last saved, and the editor state while hidden. */
interface Buffer {
  file: PostFile
  savedText: string
  /** The editor's state and text when the post was last hidden. */
  hidden?: { snapshot: EditorSnapshot; text: string }
  /** Unsaved text from a recovery copy, shown the next time the post opens. */
  restored?: string
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

/** How long after typing stops a recovery copy is kept: a crash or kill then loses nothing. */
const recoveryDelay = 1000

/**
 * The posts open in a window and the one being edited: reading, switching (each keeps its
 * text, selection and undo history), saving (one post's saves in the order asked for) and
 * autosaving, unsaved marks, recovery copies, and changes made on disk by other programs
 * (an edited post whose file is deleted stays, in `deleted`, until it is saved or discarded).
 * Plain TypeScript: React subscribes to it (usePostBuffers), tests drive it on real files.
 */
export class PostBuffers {
  private state: PostBuffersState = { current: null, seed: null, text: '', dirty: new Set(), deleted: new Map() }
  private readonly listeners = new Set<(typing: boolean) => void>()
  private readonly buffers = new Map<string, Buffer>()
  /** Posts whose last save failed or met a change on disk: no autosave until a save or reload settles it. */
  private readonly saveProblems = new Set<string>()
  private readonly queueSave = serialQueue<string>()
  private readonly autoSaveTimers = new Map<string, number>()
  private autoSaveMode: AutoSaveMode = 'off'
  /** The post being edited; `state.current` follows it when the window should. */
  private current: string | null = null
  /** The editor and the post it shows (attach), which right after a switch is still the last post. */
  private editor: { relPath: string; editor: BufferEditor } | null = null
  /** The post asked for last: a slower read of an earlier one does not switch to it. */
  private opening: string | null = null
  private textTimer: number | undefined
  private recoveryTimer: number | undefined

  constructor(private readonly deps: PostBuffersDeps) {}

  /** What the window shows now. */
  readonly getSnapshot = (): PostBuffersState => this.state

  /** Calls `listener` after every change of the snapshot; `typing` when only the text followed the editor (React renders that as a transition). */
  readonly subscribe = (listener: (typing: boolean) => void): (() => void) => {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }

  /** When Folio saves by itself (the autoSave setting). */
  readonly setAutoSave = (mode: AutoSaveMode): void => {
    this.autoSaveMode = mode
  }

  /** The editor of the open post was created. */
  readonly attach = (editor: BufferEditor): void => {
    this.editor = this.current ? { relPath: this.current, editor } : null
  }

  readonly isDirty = (relPath: string): boolean => this.state.dirty.has(relPath)
  readonly currentPost = (): string | null => this.current

  /** Shows `relPath` in the editor, reading it the first time; the post being left keeps its editor state (and may autosave). */
  readonly open = async (relPath: string): Promise<void> => {
    // The last post asked for wins: a click during the first post's read is not undone
    // when that read finishes, even a click back on the post still showing.
    this.opening = relPath
    if (relPath === this.current) return
    try {
      let buffer = this.buffers.get(relPath)
      if (!buffer) {
        const file = await this.deps.folio.readPost(relPath)
        buffer = { file, savedText: file.text }
        this.buffers.set(relPath, buffer)
        if (this.opening !== relPath) return
        this.deps.setNotice(file.warning ? { kind: 'info', text: file.warning } : null)
      } else this.deps.setNotice(this.state.deleted.has(relPath) ? deletedNotice(relPath) : null)
      const leaving = this.current
      this.stashCurrent()
      if (leaving) this.autoSaveIf(leaving, 'postSwitched')
      // Another post gets a new editor; the post shown already (a restore of it) keeps its own, which takes the seed's text.
      if (this.editor?.relPath !== relPath) this.editor = null
      const text = buffer.hidden?.text ?? buffer.restored ?? buffer.file.text
      if (buffer.restored !== undefined) {
        this.markDirty(relPath, this.unsaved(relPath, buffer, buffer.restored))
        buffer.restored = undefined
      }
      this.current = relPath
      this.update({ current: relPath, seed: { relPath, text, snapshot: buffer.hidden?.snapshot, encoding: buffer.file.encoding }, text })
    } catch (error) {
      this.deps.fail(error)
    }
  }

  /**
   * An explicit save (Ctrl+S, the menu, the bar's buttons) of the open post or of `relPath`;
   * `force` writes over a change on disk. Only here does the TOC sync run, in the editor.
   */
  readonly save = async (force = false, relPath: string | undefined = this.current ?? undefined): Promise<boolean> => {
    if (!relPath || !this.buffers.has(relPath)) return false
    this.editorOf(relPath)?.beforeSave()
    return this.write(relPath, { force })
  }

  /** Resolves once the saves of `relPath` asked for so far have settled. */
  readonly saved = (relPath: string): Promise<void> => this.queueSave(relPath, async () => undefined)

  /** The editor changed the open post's text (`length` is its new length). */
  readonly edited = (length: number): void => {
    const relPath = this.current
    if (!relPath) return
    const buffer = this.buffers.get(relPath)
    // Timers that fire after the post was forgotten (discarded, renamed) leave it alone.
    const kept = () => buffer !== undefined && this.buffers.get(relPath) === buffer
    if (buffer) this.markDirty(relPath, true)
    const { timers } = this.deps
    timers.cancel(this.textTimer)
    this.textTimer = timers.start(() => {
      if (!kept()) return
      const text = this.textOf(relPath, buffer!)
      // The user may have switched posts since: that post's text is not this one.
      if (this.current === relPath) this.update({ text }, true)
      this.markDirty(relPath, this.unsaved(relPath, buffer!, text))
    }, previewDelay(length))
    timers.cancel(this.recoveryTimer)
    this.recoveryTimer = timers.start(() => {
      const text = kept() ? this.textOf(relPath, buffer!) : null
      if (text !== null && this.unsaved(relPath, buffer!, text)) void this.deps.folio.storeRecovery(relPath, text).catch(() => {})
    }, recoveryDelay)
    // Autosave after a delay: a second after the last change to this post.
    timers.cancel(this.autoSaveTimers.get(relPath))
    if (this.autoSaveMode === 'afterDelay') this.autoSaveTimers.set(relPath, timers.start(() => this.autoSaveIf(relPath, 'typingStopped'), autoSaveDelayMs))
  }

  /** The window lost focus: autosave's "focus change". */
  readonly focusLost = (): void => {
    if (this.current) this.autoSaveIf(this.current, 'focusLost')
  }

  /**
   * Another program changed, deleted or renamed a file (the watcher's postChangedOnDisk). An
   * open post reloads when it has no edits, and otherwise asks, so neither side's words are lost.
   */
  readonly changedOnDisk = async ({ relPath, deleted, mtimeMs }: EventPayloads['postChangedOnDisk']): Promise<void> => {
    // A save of the post still running may be what the watcher saw: compare after it.
    await this.saved(relPath)
    let buffer = this.buffers.get(relPath)
    if (!buffer || mtimeMs === buffer.file.mtimeMs) return
    // A deletion is checked: a program that saves by delete-and-rename can look like one.
    const onDisk = deleted ? await this.deps.folio.readPost(relPath).catch(() => null) : null
    buffer = this.buffers.get(relPath)
    if (!buffer) return
    if (deleted && !onDisk) return this.fileDeleted(relPath, buffer)
    if (onDisk?.mtimeMs === buffer.file.mtimeMs) return
    this.markDeleted(relPath, null)
    if (!this.unsaved(relPath, buffer, this.textOf(relPath, buffer))) {
      await this.reloadFromDisk(relPath).catch((error: unknown) => this.deps.fail(error))
      return
    }
    this.saveProblems.add(relPath)
    this.deps.setNotice({ kind: 'conflict', text: `${relPath} was changed on disk by another program, and you have unsaved edits.`, relPath })
  }

  /** Replaces the post's text with the file on disk (the user chose Reload, or it had no edits). */
  readonly reloadFromDisk = async (relPath: string): Promise<void> => {
    const file = await this.deps.folio.readPost(relPath)
    const buffer = this.buffers.get(relPath)
    if (!buffer) return
    buffer.file = file
    buffer.savedText = file.text
    buffer.hidden = undefined
    this.saveProblems.delete(relPath)
    this.markDeleted(relPath, null)
    const editor = this.editorOf(relPath)
    if (editor) {
      editor.edit([{ from: 0, to: editor.text().length, insert: file.text }], 'reload')
      this.update({ text: file.text })
    }
    this.markDirty(relPath, false)
  }

  /** Puts recovered text back into the posts' buffers, unsaved, and opens the first. */
  readonly restore = async (recoveries: Recovery[]): Promise<void> => {
    // The post being edited keeps its unsaved text and history (a restore can come later, from the menu).
    this.stashCurrent()
    for (const r of recoveries) {
      const read = await this.deps.folio.readPost(r.relPath).catch(() => null)
      const file = read ?? { relPath: r.relPath, text: '', mtimeMs: 0, encoding: 'utf8' as const, eol: 'lf' as const, warning: null }
      this.buffers.set(r.relPath, { file, savedText: file.text, restored: r.text })
      // A post whose file is gone is listed, marked, until it is saved or discarded.
      if (!read) this.markDeleted(r.relPath, summarizePost(r.relPath, r.text, 0))
      // Every restored post is marked, the one being edited too (it is switched away from below).
      this.markDirty(r.relPath, !read || r.text !== file.text)
    }
    this.current = null
    if (recoveries[0]) await this.open(recoveries[0].relPath)
  }

  /** Forgets every open post (another folder was opened). */
  readonly reset = (): void => {
    this.buffers.clear()
    this.saveProblems.clear()
    this.current = null
    this.editor = null
    this.update({ current: null, dirty: new Set(), deleted: new Map() })
  }

  /** Forgets one post (renamed or deleted by Folio, or discarded); true when the editor showed it, which then closes. */
  readonly forget = (relPath: string): boolean => {
    this.buffers.delete(relPath)
    this.markDirty(relPath, false)
    this.markDeleted(relPath, null)
    this.saveProblems.delete(relPath)
    this.deps.timers.cancel(this.autoSaveTimers.get(relPath))
    this.autoSaveTimers.delete(relPath)
    if (this.current !== relPath) return false
    this.current = null
    this.editor = null
    this.update({ current: null })
    return true
  }

  /** Drops a post's unsaved text (the user chose Discard): its recovery copy goes too. True when the editor showed it. */
  readonly discard = async (relPath: string): Promise<boolean> => {
    const wasOpen = this.forget(relPath)
    await this.deps.folio.discardRecovery(relPath)
    return wasOpen
  }

  /**
   * Saves the post's text as a new post beside it, named after `name` (its own file could
   * not be written): the new post then holds the edits, and the original is left as it is on disk.
   */
  readonly saveAsNew = async (relPath: string, name: string): Promise<PostSummary | null> => {
    const buffer = this.buffers.get(relPath)
    if (!buffer) return null
    const { encoding, eol } = buffer.file
    const created = await this.deps.folio.savePostAs(relPath, name, { text: this.textOf(relPath, buffer), encoding, eol })
    this.forget(relPath)
    return created
  }

  /** Sets a front matter field of the open post, in the editor (an undoable edit). */
  readonly setFrontMatter = (key: string, value: unknown): void => {
    const editor = this.current ? this.editorOf(this.current) : null
    const edit = editor && frontMatterEdit(editor.text(), key, value)
    if (!editor || !edit) return
    editor.edit([edit], 'input.frontmatter')
    this.update({ text: editor.text() })
  }

  /** An image was renamed and the saved post rewritten: the editor follows, the buffer takes the new saved text and mtime. */
  readonly imageRenamed = (relPath: string, renamed: RenamedImage): void => {
    const buffer = this.buffers.get(relPath)
    if (!buffer) return
    const editor = this.editorOf(relPath)
    if (editor) applyImageRename(editor, renamed, editor.text() === buffer.savedText)
    buffer.file = { ...buffer.file, text: renamed.text, mtimeMs: renamed.mtimeMs }
    buffer.savedText = renamed.text
    if (!editor) return
    this.update({ text: editor.text() })
    this.markDirty(relPath, editor.text() !== renamed.text)
  }

  /** Stops the timers (the window goes away). */
  readonly dispose = (): void => {
    const { timers } = this.deps
    timers.cancel(this.textTimer)
    timers.cancel(this.recoveryTimer)
    for (const id of this.autoSaveTimers.values()) timers.cancel(id)
    this.autoSaveTimers.clear()
  }

  private update(patch: Partial<PostBuffersState>, typing = false): void {
    this.state = { ...this.state, ...patch }
    for (const listener of this.listeners) listener(typing)
  }

  private markDirty(relPath: string, isDirty: boolean): void {
    if (this.state.dirty.has(relPath) === isDirty) return
    const dirty = new Set(this.state.dirty)
    if (isDirty) dirty.add(relPath)
    else dirty.delete(relPath)
    this.update({ dirty })
    // The main process asks before closing a window that still holds unsaved text.
    void this.deps.folio.setDirty(dirty.size > 0, dirty.values().next().value ?? undefined).catch(() => {})
  }

  /** Marks a post as deleted on disk (with the summary the list shows for it), or clears the mark. */
  private markDeleted(relPath: string, summary: PostSummary | null): void {
    if (!summary && !this.state.deleted.has(relPath)) return
    const deleted = new Map(this.state.deleted)
    if (summary) deleted.set(relPath, summary)
    else deleted.delete(relPath)
    this.update({ deleted })
  }

  /** The editor showing `relPath`, or null: right after a switch it still shows the last post until attach, so the post is checked. */
  private editorOf(relPath: string): BufferEditor | null {
    return relPath === this.current && this.editor?.relPath === relPath ? this.editor.editor : null
  }

  /** The post's text now: the editor's for the open post, else the one kept when it was hidden. */
  private textOf(relPath: string, buffer: Buffer): string {
    return this.editorOf(relPath)?.text() ?? buffer.hidden?.text ?? buffer.restored ?? buffer.file.text
  }

  /** Whether `text` of the post is not on disk: it differs from the saved text, or the file is gone. */
  private unsaved(relPath: string, buffer: Buffer, text: string): boolean {
    return this.state.deleted.has(relPath) || text !== buffer.savedText
  }

  /** Keeps the open post's editor state (text, selection, undo history) for when it is shown again. */
  private stashCurrent(): void {
    const relPath = this.current
    const buffer = relPath ? this.buffers.get(relPath) : undefined
    const editor = relPath ? this.editorOf(relPath) : null
    if (buffer && editor) buffer.hidden = { snapshot: editor.snapshot(), text: editor.text() }
  }

  /**
   * Saves a post's text as it is now (the open post's editor, or the text kept while hidden),
   * after any save of it still running. An autosave leaves the bar alone when it succeeds.
   */
  private write(relPath: string, { force = false, auto = false }: { force?: boolean; auto?: boolean }): Promise<boolean> {
    return this.queueSave(relPath, async () => {
      const buffer = this.buffers.get(relPath)
      if (!buffer) return false
      const text = this.textOf(relPath, buffer)
      if (auto && !this.unsaved(relPath, buffer, text)) return true
      try {
        const { encoding, eol, mtimeMs } = buffer.file
        const result = await this.deps.folio.savePost(relPath, { text, expectedMtimeMs: mtimeMs, force, encoding, eol })
        buffer.file = { ...buffer.file, mtimeMs: result.mtimeMs }
        buffer.savedText = text
        this.saveProblems.delete(relPath)
        const wasDeleted = this.state.deleted.has(relPath)
        this.markDeleted(relPath, null)
        if (wasDeleted) this.deps.refreshPosts()
        this.markDirty(relPath, this.unsaved(relPath, buffer, this.textOf(relPath, buffer)))
        if (!auto) this.deps.setNotice(null)
        return true
      } catch (error) {
        const code = codeOf(error)
        this.saveProblems.add(relPath)
        // Only a real conflict offers "Reload from disk"; a failed write ("Nothing was changed
        // on disk") must not, or one click would throw away the text the save could not write.
        // A read-only post offers "Save as a new post…" instead.
        this.deps.setNotice({ kind: code === 'conflict' || code === 'read-only' ? code : 'error', text: messageOf(error), relPath })
        return false
      }
    })
  }

  /** Saves the post by itself when the autoSave setting, the trigger and the post's state all say so (autosave.ts). */
  private autoSaveIf(relPath: string, trigger: AutoSaveTrigger): void {
    const buffer = this.buffers.get(relPath)
    if (!buffer) return
    const post = { unsaved: this.unsaved(relPath, buffer, this.textOf(relPath, buffer)), deletedOnDisk: this.state.deleted.has(relPath), saveProblem: this.saveProblems.has(relPath) }
    if (shouldAutoSave(this.autoSaveMode, trigger, post)) void this.write(relPath, { auto: true })
  }

  /**
   * The file of an open post is gone. With unsaved edits it stays open and listed, marked,
   * its text kept (and copied for recovery); without, it is forgotten and its editor closes.
   */
  private fileDeleted(relPath: string, buffer: Buffer): void {
    const text = this.textOf(relPath, buffer)
    if (!this.unsaved(relPath, buffer, text)) {
      if (this.forget(relPath)) this.deps.setNotice({ kind: 'info', text: `${relPath} was deleted on disk. It had no unsaved changes, so it was closed.`, relPath })
      return
    }
    this.markDeleted(relPath, summarizePost(relPath, text, buffer.file.mtimeMs))
    this.markDirty(relPath, true)
    void this.deps.folio.storeRecovery(relPath, text).catch(() => {})
    // A save of it that failed meanwhile says more (the watcher can report after it).
    this.deps.setNotice((shown) => (shown?.kind === 'error' && shown.relPath === relPath ? shown : deletedNotice(relPath)))
  }
}
