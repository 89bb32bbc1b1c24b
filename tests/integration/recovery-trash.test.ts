import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { dispatchCall } from '../../electron/services/dispatch'
import { createFolioService, type FolioService } from '../../electron/services/handlers'
import { discardRecovery, forgetRecovery, listRecoveries, recoveryFolder, restoreDiscarded, writeRecovery } from '../../electron/services/recovery'
import { listDiscarded, recoveryTrashFolder, trashKeepMs } from '../../electron/services/recovery-trash'
import { tempFolder } from './fs-helpers'

/** A discarded recovery copy is kept two weeks in the data folder's recovery trash, and can be put back. */
let root: string
let dataDir: string
let cleanups: (() => Promise<void>)[] = []
const day = 24 * 60 * 60 * 1000
const t0 = Date.UTC(2026, 4, 1, 9, 30)

beforeEach(async () => {
  const a = await tempFolder('folio-trash-blog-')
  const b = await tempFolder('folio-trash-data-')
  root = a.dir
  dataDir = b.dir
  cleanups = [a.cleanup, b.cleanup]
  await writeFile(join(root, 'post.md'), '# Post\n\nSaved text.\n')
})
afterEach(() => Promise.all(cleanups.map((c) => c())))

const trashFiles = () => readdir(recoveryTrashFolder(dataDir)).catch(() => [] as string[])

describe('discarding a recovery copy', () => {
  test('moves it to the trash with the time it was discarded; it is no longer offered', async () => {
    await writeRecovery(dataDir, root, 'post.md', 'unsaved words', { savedAt: t0 })
    await discardRecovery(dataDir, root, 'post.md', t0 + 5000)
    expect(await listRecoveries(dataDir, root)).toEqual([])
    expect(await readdir(recoveryFolder(dataDir))).toEqual([])
    const [found] = await listDiscarded(dataDir, root, t0 + 6000)
    expect(found).toMatchObject({ relPath: 'post.md', text: 'unsaved words', savedAt: t0, discardedAt: t0 + 5000, reason: 'discarded', diskText: '# Post\n\nSaved text.\n' })
    expect(found!.id).toMatch(/^[0-9a-f]{32}-\d+-[0-9a-f]{8}$/)
  })

  test('the trash is private to the user and holds whole JSON files', async () => {
    await writeRecovery(dataDir, root, 'post.md', 'unsaved')
    await discardRecovery(dataDir, root, 'post.md', t0)
    if (process.platform !== 'win32') expect((await stat(recoveryTrashFolder(dataDir))).mode & 0o077).toBe(0)
    const [name] = await trashFiles()
    expect(JSON.parse(await readFile(join(recoveryTrashFolder(dataDir), name!), 'utf8'))).toMatchObject({ version: 1, root, relPath: 'post.md', text: 'unsaved', discardedAt: t0 })
  })

  test('discarding a post without a copy, or twice, puts nothing in the trash', async () => {
    await discardRecovery(dataDir, root, 'post.md', t0)
    await writeRecovery(dataDir, root, 'post.md', 'once')
    await discardRecovery(dataDir, root, 'post.md', t0)
    await discardRecovery(dataDir, root, 'post.md', t0)
    expect(await trashFiles()).toHaveLength(1)
  })

  test('each discard is kept: a post discarded twice has two copies, latest first', async () => {
    await writeRecovery(dataDir, root, 'post.md', 'first draft')
    await discardRecovery(dataDir, root, 'post.md', t0)
    await writeRecovery(dataDir, root, 'post.md', 'second draft')
    await discardRecovery(dataDir, root, 'post.md', t0 + 1000)
    expect((await listDiscarded(dataDir, root, t0 + 2000)).map((d) => d.text)).toEqual(['second draft', 'first draft'])
  })

  test('a copy forgotten because its text was saved does not go to the trash', async () => {
    await writeRecovery(dataDir, root, 'post.md', 'now on disk')
    await forgetRecovery(dataDir, root, 'post.md')
    expect(await trashFiles()).toEqual([])
  })

  test('another folder’s discarded copies are not listed', async () => {
    await writeRecovery(dataDir, '/some/other/blog', 'post.md', 'theirs')
    await discardRecovery(dataDir, '/some/other/blog', 'post.md', t0)
    expect(await listDiscarded(dataDir, root, t0)).toEqual([])
  })
})

describe('restoring a discarded copy', () => {
  test('puts it back among the unsaved copies, with its own time, and out of the trash', async () => {
    await writeRecovery(dataDir, root, 'post.md', 'wanted after all', { savedAt: t0 })
    await discardRecovery(dataDir, root, 'post.md', t0 + day)
    const [found] = await listDiscarded(dataDir, root, t0 + day)
    const restored = await restoreDiscarded(dataDir, root, found!.id, { now: t0 + 2 * day })
    expect(restored).toMatchObject({ relPath: 'post.md', text: 'wanted after all', savedAt: t0, diskText: '# Post\n\nSaved text.\n' })
    expect(await listRecoveries(dataDir, root)).toMatchObject([{ relPath: 'post.md', text: 'wanted after all', savedAt: t0 }])
    expect(await listDiscarded(dataDir, root, t0 + 2 * day)).toEqual([])
    expect(await trashFiles()).toEqual([])
  })

  test('a live copy of the same post with other text swaps into the trash instead of being overwritten', async () => {
    await writeRecovery(dataDir, root, 'post.md', 'older words', { savedAt: t0 })
    await discardRecovery(dataDir, root, 'post.md', t0 + 1)
    await writeRecovery(dataDir, root, 'post.md', 'newer words', { savedAt: t0 + 2 })
    const [older] = await listDiscarded(dataDir, root, t0 + 3)
    await restoreDiscarded(dataDir, root, older!.id, { now: t0 + 4 })
    expect((await listRecoveries(dataDir, root)).map((r) => r.text)).toEqual(['older words'])
    expect(await listDiscarded(dataDir, root, t0 + 5)).toMatchObject([{ text: 'newer words', reason: 'replaced', discardedAt: t0 + 4 }])
  })

  test('an unknown id, or one of another folder, is refused in plain words and changes nothing', async () => {
    await writeRecovery(dataDir, '/some/other/blog', 'post.md', 'theirs')
    await discardRecovery(dataDir, '/some/other/blog', 'post.md', t0)
    const [theirs] = await trashFiles()
    const id = theirs!.replace(/\.json$/, '')
    await expect(restoreDiscarded(dataDir, root, id)).rejects.toThrow(/no longer kept/)
    await expect(restoreDiscarded(dataDir, root, '0'.repeat(32) + '-1-00000000')).rejects.toThrow(/no longer kept/)
    expect(await trashFiles()).toEqual([theirs])
    expect(await listRecoveries(dataDir, root)).toEqual([])
  })
})

describe('pruning the trash after 14 days', () => {
  test('a copy is kept for 14 days and deleted after, on listing, for every folder', async () => {
    await writeRecovery(dataDir, root, 'post.md', 'mine')
    await discardRecovery(dataDir, root, 'post.md', t0)
    await writeRecovery(dataDir, '/some/other/blog', 'post.md', 'theirs')
    await discardRecovery(dataDir, '/some/other/blog', 'post.md', t0)
    await writeRecovery(dataDir, root, 'post.md', 'recent')
    await discardRecovery(dataDir, root, 'post.md', t0 + 10 * day)

    expect((await listDiscarded(dataDir, root, t0 + trashKeepMs)).map((d) => d.text)).toEqual(['recent', 'mine'])
    expect(await trashFiles()).toHaveLength(3)
    expect((await listDiscarded(dataDir, root, t0 + trashKeepMs + 1)).map((d) => d.text)).toEqual(['recent'])
    expect(await trashFiles()).toHaveLength(1)
    expect(await listDiscarded(dataDir, root, t0 + 10 * day + trashKeepMs + 1)).toEqual([])
    expect(await trashFiles()).toEqual([])
  })

  test('damaged files are skipped while recent and deleted once 14 days old by their file time', async () => {
    await writeRecovery(dataDir, root, 'post.md', 'good')
    const now = Date.now()
    await discardRecovery(dataDir, root, 'post.md', now)
    const folder = recoveryTrashFolder(dataDir)
    const recent = join(folder, `${'a'.repeat(32)}-1-00000000.json`)
    const old = join(folder, `${'b'.repeat(32)}-1-00000000.json`)
    const tempLeft = join(folder, `${'c'.repeat(32)}-1-00000000.json.123456`)
    const wrongShape = join(folder, `${'d'.repeat(32)}-1-00000000.json`)
    await writeFile(recent, '{"version":1,"root":')
    await writeFile(old, 'not json')
    await writeFile(tempLeft, 'partial')
    await writeFile(wrongShape, JSON.stringify({ version: 1, root, relPath: '../../etc/passwd', text: 'x', savedAt: 1, discardedAt: now, reason: 'discarded' }))
    const longAgo = (now - trashKeepMs - day) / 1000
    await utimes(old, longAgo, longAgo)
    await utimes(tempLeft, longAgo, longAgo)

    expect((await listDiscarded(dataDir, root, now)).map((d) => d.text)).toEqual(['good'])
    const left = await readdir(folder)
    expect(left).toContain(`${'a'.repeat(32)}-1-00000000.json`)
    expect(left).not.toContain(`${'b'.repeat(32)}-1-00000000.json`)
    expect(left).not.toContain(`${'c'.repeat(32)}-1-00000000.json.123456`)
  })

  test('no trash folder lists nothing', async () => {
    expect(await listDiscarded(join(dataDir, 'missing'), root, t0)).toEqual([])
  })
})

describe('edits made without deciding on an earlier run’s copy', () => {
  test('the earlier copy goes to the trash instead of being overwritten; later writes of this run replace their own', async () => {
    await writeRecovery(dataDir, root, 'post.md', 'left by a crash', { savedAt: t0, run: 'run-1' })
    await writeRecovery(dataDir, root, 'post.md', 'new edits', { savedAt: t0 + day, run: 'run-2', keepEarlierRun: true })
    await writeRecovery(dataDir, root, 'post.md', 'newer edits', { savedAt: t0 + day + 1, run: 'run-2', keepEarlierRun: true })
    expect((await listRecoveries(dataDir, root)).map((r) => r.text)).toEqual(['newer edits'])
    expect(await listDiscarded(dataDir, root, t0 + day + 2)).toMatchObject([{ text: 'left by a crash', reason: 'replaced', discardedAt: t0 + day }])
  })

  test('the same text again is not kept twice', async () => {
    await writeRecovery(dataDir, root, 'post.md', 'same', { run: 'run-1' })
    await writeRecovery(dataDir, root, 'post.md', 'same', { run: 'run-2', keepEarlierRun: true })
    expect(await trashFiles()).toEqual([])
  })
})

describe('the recovery trash through the handler table', () => {
  let service: FolioService
  let clock = t0
  const start = (withData = true) =>
    createFolioService({
      pickFolder: async () => null,
      pickImages: async () => [],
      pickExportPath: async () => null,
      trash: async (path: string) => rm(path, { recursive: true }),
      openExternal: async () => undefined,
      emit: () => undefined,
      now: () => clock,
      ...(withData ? { dataDir } : {})
    })
  beforeEach(() => {
    clock = t0
  })
  afterEach(() => service.dispose())

  test('discard, list, restore, with the injected clock; a save forgets without trashing', async () => {
    service = start()
    await service.open(root)
    await service.handlers.storeRecovery('post.md', 'unsaved')
    clock = t0 + day
    await service.handlers.discardRecovery('post.md')
    expect(await service.handlers.listRecoveries()).toEqual([])
    const [found] = await service.handlers.listDiscardedRecoveries()
    expect(found).toMatchObject({ relPath: 'post.md', text: 'unsaved', savedAt: t0, discardedAt: t0 + day, reason: 'discarded' })

    const restored = await service.handlers.restoreDiscardedRecovery(found!.id)
    expect(restored).toMatchObject({ relPath: 'post.md', text: 'unsaved', diskText: '# Post\n\nSaved text.\n' })
    expect(await service.handlers.listDiscardedRecoveries()).toEqual([])
    // Restored by this run: its next edits replace it without trashing it again.
    await service.handlers.storeRecovery('post.md', 'unsaved, then edited')
    expect(await service.handlers.listDiscardedRecoveries()).toEqual([])

    await service.handlers.savePost('post.md', { text: 'unsaved, then edited', expectedMtimeMs: null })
    expect(await service.handlers.listRecoveries()).toEqual([])
    expect(await service.handlers.listDiscardedRecoveries()).toEqual([])

    clock = t0 + day + trashKeepMs + 1
    expect(await service.handlers.listDiscardedRecoveries()).toEqual([])
  })

  test('a new run’s first edits keep the earlier run’s undecided copy in the trash', async () => {
    service = start()
    await service.open(root)
    await service.handlers.storeRecovery('post.md', 'from the run that crashed')
    await service.dispose()

    service = start()
    await service.open(root)
    clock = t0 + 60_000
    await service.handlers.storeRecovery('post.md', 'typed without looking at the offer')
    await service.handlers.storeRecovery('post.md', 'typed without looking at the offer, more')
    expect((await service.handlers.listRecoveries()).map((r) => r.text)).toEqual(['typed without looking at the offer, more'])
    expect(await service.handlers.listDiscardedRecoveries()).toMatchObject([{ text: 'from the run that crashed', reason: 'replaced', discardedAt: t0 + 60_000 }])
  })

  test('deleting a post keeps its unsaved text in the recovery trash', async () => {
    service = start()
    await service.open(root)
    await service.handlers.storeRecovery('post.md', 'unsaved edits of a post then deleted')
    await service.handlers.deletePost('post.md')
    expect(await service.handlers.listRecoveries()).toEqual([])
    expect(await service.handlers.listDiscardedRecoveries()).toMatchObject([{ relPath: 'post.md', text: 'unsaved edits of a post then deleted' }])
  })

  test('the contract refuses ids that are not a discarded copy’s', async () => {
    service = start()
    await service.open(root)
    for (const id of ['../recovery/x', 'a'.repeat(32), '', 5]) {
      expect(await dispatchCall(service.handlers, 'restoreDiscardedRecovery', [id])).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/invalid arguments/) } })
    }
  })

  test('without a data folder: nothing listed, and restoring says why', async () => {
    service = start(false)
    await service.open(root)
    expect(await service.handlers.listDiscardedRecoveries()).toEqual([])
    await expect(service.handlers.restoreDiscardedRecovery('0'.repeat(32) + '-1-00000000')).rejects.toThrow(/off/)
  })
})
