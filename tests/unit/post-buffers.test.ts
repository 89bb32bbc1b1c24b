import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { chmod, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { encodeCallError } from '../../common/api'
import { PostBuffers } from '../../renderer/src/posts/post-buffers'
import { externalWrite, FakeClock, noticeBar, openBlog, TextEditor, type Blog } from './post-buffers-helpers'

/**
 * The post buffers (renderer/src/posts/post-buffers.ts) without React or a DOM: the real
 * handler table on a temp folder, a plain text editor in CodeMirror's place, a fake clock.
 */

const trip = '---\ntitle: Harbour Trip\n---\n\n# Harbour Trip\n\nDay one.\n'
const dunes = '# Dunes\n\nSand.\n'

let blog: Blog
let clock: FakeClock
let bar: ReturnType<typeof noticeBar>
let failures: unknown[]
let refreshes: number
let buffers: PostBuffers

beforeEach(async () => {
  blog = await openBlog({ 'trip.md': trip, 'dunes.md': dunes })
  clock = new FakeClock()
  bar = noticeBar()
  failures = []
  refreshes = 0
  buffers = new PostBuffers({ folio: blog.calls, timers: clock, setNotice: bar.set, fail: (e) => void failures.push(e), refreshPosts: () => void refreshes++ })
})
afterEach(async () => {
  buffers.dispose()
  await blog.close()
})

const file = (relPath: string) => join(blog.root, relPath)
const onDisk = (relPath: string) => readFile(file(relPath), 'utf8')
const state = () => buffers.getSnapshot()

/** What React does after a switch: it creates an editor from the seed and attaches it. */
function show(): TextEditor {
  const editor = new TextEditor(state().seed!.text, buffers)
  buffers.attach(editor)
  return editor
}

async function openAndShow(relPath: string): Promise<TextEditor> {
  await buffers.open(relPath)
  return show()
}

describe('open and edit', () => {
  test('opening reads the post and seeds the editor with it', async () => {
    await buffers.open('trip.md')
    expect(state()).toMatchObject({ current: 'trip.md', seed: { relPath: 'trip.md', text: trip, encoding: 'utf8' }, text: trip })
    expect(state().dirty.size).toBe(0)
    expect(bar.shown).toBeNull()
  })

  test('an edit marks the post unsaved at once; the preview text follows after a pause; typing back clears the mark', async () => {
    const editor = await openAndShow('trip.md')
    editor.type('Day two.\n')
    expect(state().dirty).toEqual(new Set(['trip.md']))
    expect(blog.dirtyReports.at(-1)).toEqual([true, 'trip.md'])
    clock.advance(179)
    expect(state().text).toBe(trip)
    clock.advance(1)
    expect(state().text).toBe(`${trip}Day two.\n`)
    editor.edit([{ from: trip.length, to: editor.doc.length, insert: '' }], 'delete')
    clock.advance(180)
    expect(state().dirty.size).toBe(0)
  })

  test('switching posts keeps each one’s text and editor state; the last post asked for wins', async () => {
    const editor = await openAndShow('trip.md')
    editor.type('Unsaved.\n')
    await buffers.open('dunes.md')
    show()
    await buffers.open('trip.md')
    expect(state().seed).toEqual({ relPath: 'trip.md', text: `${trip}Unsaved.\n`, snapshot: { doc: `${trip}Unsaved.\n`, undo: ['input.type'] }, encoding: 'utf8' })
    expect(state().dirty).toEqual(new Set(['trip.md']))

    await Promise.all([buffers.open('dunes.md'), buffers.open('trip.md')])
    expect(state().current).toBe('trip.md')
  })

  test('a front matter field is set in the editor, as one change', async () => {
    const editor = await openAndShow('trip.md')
    buffers.setFrontMatter('title', 'Harbour Days')
    expect(editor.doc).toBe(trip.replace('title: Harbour Trip', 'title: Harbour Days'))
    expect(editor.changes).toEqual(['input.frontmatter'])
    expect(state().text).toBe(editor.doc)
  })
})

describe('save', () => {
  test('writes the editor’s text to the file, after the TOC sync; the mark and the window’s unsaved report clear', async () => {
    const editor = await openAndShow('trip.md')
    editor.type('Day two.\n')
    bar.set({ kind: 'info', text: 'Opened.' })
    expect(await buffers.save()).toBe(true)
    expect(await onDisk('trip.md')).toBe(`${trip}Day two.\n`)
    expect(editor.beforeSaves).toBe(1)
    expect(state().dirty.size).toBe(0)
    expect(blog.dirtyReports.at(-1)).toEqual([false, null])
    expect(bar.shown).toBeNull()
  })

  test('a file changed on disk since it was opened is a conflict: theirs stays; Keep mine (force) writes mine', async () => {
    const editor = await openAndShow('trip.md')
    await externalWrite(file('trip.md'), '# Theirs\n')
    editor.type('Mine.\n')
    expect(await buffers.save()).toBe(false)
    expect(bar.shown).toMatchObject({ kind: 'conflict', relPath: 'trip.md' })
    expect(await onDisk('trip.md')).toBe('# Theirs\n')
    expect(state().dirty).toEqual(new Set(['trip.md']))

    expect(await buffers.save(true, 'trip.md')).toBe(true)
    expect(await onDisk('trip.md')).toBe(`${trip}Mine.\n`)
    expect(bar.shown).toBeNull()
  })

  test('the kind of notice follows the error’s code, never its words', async () => {
    // A failed write whose message happens to read like a conflict must not offer "Reload from disk".
    const words = 'trip.md was changed on disk by another program since you opened it.'
    const failing = new PostBuffers({
      folio: { ...blog.calls, savePost: () => Promise.reject(new Error(encodeCallError({ code: 'disk-full', message: words }))) },
      timers: clock,
      setNotice: bar.set,
      fail: () => undefined,
      refreshPosts: () => undefined
    })
    await failing.open('trip.md')
    expect(await failing.save()).toBe(false)
    expect(bar.shown).toEqual({ kind: 'error', text: words, relPath: 'trip.md' })
  })

  test('a read-only post is refused with a read-only notice, its text kept; Save as a new post writes it beside', async () => {
    await chmod(file('trip.md'), 0o444)
    const editor = await openAndShow('trip.md')
    editor.type('Kept.\n')
    expect(await buffers.save()).toBe(false)
    expect(bar.shown).toMatchObject({ kind: 'read-only', relPath: 'trip.md' })
    expect(await onDisk('trip.md')).toBe(trip)
    expect(state().dirty).toEqual(new Set(['trip.md']))

    const created = await buffers.saveAsNew('trip.md', 'trip-copy')
    expect(created?.relPath).toBe('trip-copy.md')
    expect(await onDisk('trip-copy.md')).toBe(`${trip}Kept.\n`)
    expect(state()).toMatchObject({ current: null, dirty: new Set() })
  })

  test('saves of one post run in the order asked for, each after the last, so neither meets the other as a conflict', async () => {
    const asked: { text: string; expectedMtimeMs: number | null }[] = []
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    let started!: () => void
    const firstStarted = new Promise<void>((resolve) => (started = resolve))
    const queued = new PostBuffers({
      folio: {
        ...blog.calls,
        savePost: async (relPath, options) => {
          asked.push({ text: options.text, expectedMtimeMs: options.expectedMtimeMs })
          if (asked.length === 1) {
            started()
            await gate
          }
          return blog.calls.savePost(relPath, options)
        }
      },
      timers: clock,
      setNotice: bar.set,
      fail: () => undefined,
      refreshPosts: () => undefined
    })
    await queued.open('trip.md')
    const editor = new TextEditor(trip, queued)
    queued.attach(editor)
    editor.type('One.\n')
    const first = queued.save()
    await firstStarted
    editor.type('Two.\n')
    const second = queued.save()
    release()
    expect(await Promise.all([first, second])).toEqual([true, true])
    expect(asked.map((a) => a.text)).toEqual([`${trip}One.\n`, `${trip}One.\nTwo.\n`])
    // The second save expected the mtime the first one left.
    expect(asked[1]!.expectedMtimeMs).not.toBe(asked[0]!.expectedMtimeMs)
    expect(await onDisk('trip.md')).toBe(`${trip}One.\nTwo.\n`)
  })
})

describe('autosave', () => {
  test('after a delay: a second after the last change, not before; off writes nothing', async () => {
    const editor = await openAndShow('trip.md')
    editor.type('A')
    clock.advance(5000)
    await blog.idle()
    expect(await onDisk('trip.md')).toBe(trip)

    buffers.setAutoSave('afterDelay')
    editor.type('B')
    clock.advance(600)
    editor.type('C')
    clock.advance(999)
    await blog.idle()
    expect(await onDisk('trip.md')).toBe(trip)
    clock.advance(1)
    await buffers.saved('trip.md')
    expect(await onDisk('trip.md')).toBe(`${trip}ABC`)
    // The editor is not touched (no TOC sync), and the post is saved.
    expect(editor.beforeSaves).toBe(0)
    expect(state().dirty.size).toBe(0)
  })

  test('on focus change: switching away saves the post left, losing focus saves the open one', async () => {
    buffers.setAutoSave('onFocusChange')
    const editor = await openAndShow('trip.md')
    editor.type('Left.\n')
    clock.advance(5000)
    await blog.idle()
    expect(await onDisk('trip.md')).toBe(trip)
    await buffers.open('dunes.md')
    await buffers.saved('trip.md')
    expect(await onDisk('trip.md')).toBe(`${trip}Left.\n`)

    show().type('Blurred.\n')
    buffers.focusLost()
    await buffers.saved('dunes.md')
    expect(await onDisk('dunes.md')).toBe(`${dunes}Blurred.\n`)
  })
})

describe('changes on disk', () => {
  test('a post without edits changed by another program reloads silently, and saves after it without a conflict', async () => {
    const editor = await openAndShow('trip.md')
    const mtimeMs = await externalWrite(file('trip.md'), '# Theirs\n')
    await buffers.changedOnDisk({ relPath: 'trip.md', deleted: false, mtimeMs })
    expect(editor.doc).toBe('# Theirs\n')
    expect(editor.changes).toEqual(['reload'])
    expect(state().text).toBe('# Theirs\n')
    expect(state().dirty.size).toBe(0)
    expect(bar.shown).toBeNull()

    editor.type('Mine after.\n')
    expect(await buffers.save()).toBe(true)
    expect(await onDisk('trip.md')).toBe('# Theirs\nMine after.\n')
  })

  test('an edited post changed by another program asks, keeps the edits, and is not autosaved; Reload takes theirs', async () => {
    buffers.setAutoSave('afterDelay')
    const editor = await openAndShow('trip.md')
    editor.type('Mine.\n')
    const mtimeMs = await externalWrite(file('trip.md'), '# Theirs\n')
    await buffers.changedOnDisk({ relPath: 'trip.md', deleted: false, mtimeMs })
    expect(bar.shown).toMatchObject({ kind: 'conflict', relPath: 'trip.md' })
    expect(editor.doc).toBe(`${trip}Mine.\n`)
    clock.advance(1000)
    await buffers.saved('trip.md')
    expect(blog.log).not.toContain('savePost')
    expect(await onDisk('trip.md')).toBe('# Theirs\n')

    await buffers.reloadFromDisk('trip.md')
    expect(editor.doc).toBe('# Theirs\n')
    expect(state().dirty.size).toBe(0)
  })

  test('an event for the mtime the buffer already has (its own save) changes nothing', async () => {
    const editor = await openAndShow('trip.md')
    editor.type('Saved.\n')
    await buffers.save()
    const { mtimeMs } = await blog.calls.readPost('trip.md')
    editor.type('Unsaved.\n')
    await buffers.changedOnDisk({ relPath: 'trip.md', deleted: false, mtimeMs })
    expect(bar.shown).toBeNull()
    expect(editor.doc).toBe(`${trip}Saved.\nUnsaved.\n`)
  })

  test('an edited post deleted on disk keeps its text, is marked and copied for recovery, is not autosaved; a save writes it again', async () => {
    buffers.setAutoSave('afterDelay')
    const editor = await openAndShow('trip.md')
    editor.type('Only here.\n')
    await rm(file('trip.md'))
    await buffers.changedOnDisk({ relPath: 'trip.md', deleted: true, mtimeMs: null })
    expect(state().deleted.get('trip.md')).toMatchObject({ relPath: 'trip.md', title: 'Harbour Trip' })
    expect(state().dirty).toEqual(new Set(['trip.md']))
    expect(bar.shown).toMatchObject({ kind: 'deleted', relPath: 'trip.md' })
    expect(editor.doc).toBe(`${trip}Only here.\n`)
    await blog.idle()
    expect((await blog.service.handlers.listRecoveries()).map((r) => [r.relPath, r.text])).toEqual([['trip.md', `${trip}Only here.\n`]])

    editor.type('More.\n')
    clock.advance(1000)
    await buffers.saved('trip.md')
    await expect(onDisk('trip.md')).rejects.toThrow(/ENOENT/)

    expect(await buffers.save()).toBe(true)
    expect(await onDisk('trip.md')).toBe(`${trip}Only here.\nMore.\n`)
    expect(state().deleted.size).toBe(0)
    expect(state().dirty.size).toBe(0)
    expect(refreshes).toBe(1)
  })

  test('a post without edits deleted on disk closes with a notice', async () => {
    await openAndShow('trip.md')
    await rm(file('trip.md'))
    await buffers.changedOnDisk({ relPath: 'trip.md', deleted: true, mtimeMs: null })
    expect(state()).toMatchObject({ current: null, dirty: new Set(), deleted: new Map() })
    expect(bar.shown).toMatchObject({ kind: 'info', relPath: 'trip.md' })
  })

  test('a delete-and-rename save by another program is a change, not a deletion', async () => {
    const editor = await openAndShow('trip.md')
    const mtimeMs = await externalWrite(file('trip.md'), '# Theirs\n')
    await buffers.changedOnDisk({ relPath: 'trip.md', deleted: true, mtimeMs })
    expect(state().deleted.size).toBe(0)
    expect(editor.doc).toBe('# Theirs\n')
  })
})

describe('recovery', () => {
  test('a restored copy is unsaved text in the editor, and nothing is written until a save', async () => {
    await blog.service.handlers.storeRecovery('dunes.md', `${dunes}Recovered.\n`)
    const [copy] = await blog.service.handlers.listRecoveries()
    await buffers.open('trip.md')
    show().type('Being edited.\n')
    await buffers.restore([copy!])
    expect(state()).toMatchObject({ current: 'dunes.md', seed: { text: `${dunes}Recovered.\n` }, dirty: new Set(['trip.md', 'dunes.md']) })
    expect(await onDisk('dunes.md')).toBe(dunes)

    show()
    expect(await buffers.save()).toBe(true)
    expect(await onDisk('dunes.md')).toBe(`${dunes}Recovered.\n`)
    // A saved post needs no recovery copy.
    expect((await blog.service.handlers.listRecoveries()).map((r) => r.relPath)).toEqual([])
    // The post being edited kept its unsaved text.
    await buffers.open('trip.md')
    expect(state().seed?.text).toBe(`${trip}Being edited.\n`)
  })

  test('restoring the copy of the post being shown: its editor takes the text, and a save writes it', async () => {
    const editor = await openAndShow('trip.md')
    await buffers.restore([{ relPath: 'trip.md', text: `${trip}Recovered.\n`, savedAt: 1 }])
    expect(state()).toMatchObject({ current: 'trip.md', seed: { text: `${trip}Recovered.\n` }, dirty: new Set(['trip.md']) })
    // The editor of the same post stays (React keeps it, keyed by the post) and takes the new seed's text.
    editor.edit([{ from: 0, to: editor.doc.length, insert: state().seed!.text }], 'external')
    expect(await buffers.save()).toBe(true)
    expect(await onDisk('trip.md')).toBe(`${trip}Recovered.\n`)
  })

  test('a copy of a post whose file is gone is listed as deleted on disk; Discard forgets it and its copy', async () => {
    await buffers.restore([{ relPath: 'tides.md', text: '# Tides\n\nLow water.\n', savedAt: 1 }])
    expect(state().deleted.get('tides.md')).toMatchObject({ title: 'Tides' })
    expect(state().dirty).toEqual(new Set(['tides.md']))
    expect(await buffers.discard('tides.md')).toBe(true)
    expect(state()).toMatchObject({ current: null, dirty: new Set(), deleted: new Map() })
  })
})
