import { stat, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { encodeCallError, type CallName, type TextEdit } from '../../common/api'
import { dispatchCall } from '../../electron/services/dispatch'
import { applyEdits } from '../../common/edits'
import { createFolioService, type FolioService } from '../../electron/services/handlers'
import type { PostBuffers } from '../../renderer/src/posts/post-buffers'
import type { BufferCalls, BufferEditor, EditorSnapshot, Notice, NoticeUpdate, Timers } from '../../renderer/src/posts/buffer-ports'
import { tempFolder } from '../integration/fs-helpers'

/**
 * What the post buffers' tests run on: the real handler table on a temp folder (through
 * dispatchCall and the coded errors the preload throws), a fake clock, a plain text editor.
 */

/** A clock that moves only when told, running each timer that falls due in order. */
export class FakeClock implements Timers {
  private now = 0
  private nextId = 1
  private readonly due = new Map<number, { at: number; run: () => void }>()

  readonly start = (run: () => void, ms: number): number => {
    const id = this.nextId++
    this.due.set(id, { at: this.now + ms, run })
    return id
  }

  readonly cancel = (id: number | undefined): void => void (id !== undefined && this.due.delete(id))

  advance(ms: number): void {
    const end = this.now + ms
    for (;;) {
      const [id, timer] = [...this.due].filter(([, t]) => t.at <= end).sort(([a, t], [b, u]) => t.at - u.at || a - b)[0] ?? []
      if (id === undefined || !timer) break
      this.due.delete(id)
      this.now = timer.at
      timer.run()
    }
    this.now = end
  }
}

/** An editor of plain text: what CodeMirror is to the buffers, as the hook adapts it (each change reports back, as onUpdate does). */
export class TextEditor implements BufferEditor {
  /** The userEvent of every change, in order. */
  readonly changes: string[] = []
  beforeSaves = 0

  constructor(
    public doc: string,
    private readonly buffers: PostBuffers
  ) {}

  readonly text = (): string => this.doc
  readonly snapshot = (): EditorSnapshot => ({ doc: this.doc, undo: [...this.changes] })
  readonly beforeSave = (): void => void this.beforeSaves++

  readonly edit = (changes: readonly TextEdit[], userEvent: string): void => {
    this.doc = applyEdits(this.doc, changes)
    this.changes.push(userEvent)
    this.buffers.edited(this.doc.length)
  }

  /** The user types `text` at the end. */
  type(text: string): void {
    this.edit([{ from: this.doc.length, to: this.doc.length, insert: text }], 'input.type')
  }
}

const callNames = ['readPost', 'savePost', 'savePostAs', 'storeRecovery', 'discardRecovery', 'setDirty'] as const satisfies readonly CallName[]

/** A temp blog folder opened by the real handler table, and the window's side of it. */
export interface Blog {
  root: string
  service: FolioService
  calls: BufferCalls
  /** The name of every call the buffers made, in order. */
  log: string[]
  /** The window's unsaved reports (setDirty), in order. */
  dirtyReports: [boolean, string | null][]
  /** Resolves once every call made so far (and any they led to) has settled. */
  idle(): Promise<void>
  close(): Promise<void>
}

export async function openBlog(posts: Record<string, string>): Promise<Blog> {
  const blog = await tempFolder('folio-buffers-blog-')
  const data = await tempFolder('folio-buffers-data-')
  for (const [relPath, text] of Object.entries(posts)) await writeFile(join(blog.dir, relPath), text)
  const dirtyReports: Blog['dirtyReports'] = []
  const service = createFolioService({
    pickFolder: async () => null,
    pickImages: async () => [],
    pickExportPath: async () => null,
    trash: async () => undefined,
    openExternal: async () => undefined,
    // The tests pass the watcher's events to the buffers themselves, when they choose.
    emit: () => undefined,
    dataDir: data.dir,
    setDirty: (dirty, relPath) => void dirtyReports.push([dirty, relPath])
  })
  await service.open(blog.dir)
  const pending = new Set<Promise<unknown>>()
  const log: string[] = []
  const calls: Record<string, unknown> = {}
  for (const name of callNames) {
    calls[name] = (...args: unknown[]) => {
      log.push(name)
      // As the preload does: the page gets the code inside the error's message.
      const reply = dispatchCall(service.handlers, name, args).then((r) => {
        if (!r.ok) throw new Error(encodeCallError(r.error))
        return r.value
      })
      pending.add(reply)
      void reply.finally(() => pending.delete(reply)).catch(() => undefined)
      return reply
    }
  }
  return {
    root: (await service.handlers.getWorkspace())!.root,
    service,
    calls: calls as BufferCalls,
    log,
    dirtyReports,
    async idle() {
      while (pending.size) await Promise.allSettled([...pending])
    },
    async close() {
      await service.dispose()
      await blog.cleanup()
      await data.cleanup()
    }
  }
}

/** The notice bar: what the buffers last put there. */
export function noticeBar() {
  const bar = { shown: null as Notice | null, set: (update: NoticeUpdate) => void (bar.shown = typeof update === 'function' ? update(bar.shown) : update) }
  return bar
}

/** Another program writes the post: new content and a clearly later mtime. Returns that mtime. */
export async function externalWrite(path: string, text: string): Promise<number> {
  await writeFile(path, text)
  const later = new Date(Date.now() + 5000)
  await utimes(path, later, later)
  return (await stat(path)).mtimeMs
}
