import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createFolioService, type FolioService } from '../../electron/services/handlers'
import { discardRecovery, listRecoveries, recoveryFolder, writeRecovery } from '../../electron/services/recovery'
import { tempFolder } from './fs-helpers'

/** Unsaved text survives a crash: kept in the data folder, offered back, forgotten once saved. */
let root: string
let dataDir: string
let cleanups: (() => Promise<void>)[] = []

beforeEach(async () => {
  const a = await tempFolder('folio-recovery-blog-')
  const b = await tempFolder('folio-recovery-data-')
  root = a.dir
  dataDir = b.dir
  cleanups = [a.cleanup, b.cleanup]
  await writeFile(join(root, 'post.md'), '# Post\n\nSaved text.\n')
})
afterEach(() => Promise.all(cleanups.map((c) => c())))

describe('recovery store', () => {
  test('keeps unsaved text with what is on disk now', async () => {
    await writeRecovery(dataDir, root, 'post.md', '# Post\n\nUnsaved text.\n', { savedAt: 1000 })
    expect(await listRecoveries(dataDir, root)).toEqual([{ relPath: 'post.md', text: '# Post\n\nUnsaved text.\n', savedAt: 1000, diskText: '# Post\n\nSaved text.\n', diskMtimeMs: (await stat(join(root, 'post.md'))).mtimeMs }])
  })

  test('the newest text for a post replaces the older one', async () => {
    await writeRecovery(dataDir, root, 'post.md', 'first', { savedAt: 1 })
    await writeRecovery(dataDir, root, 'post.md', 'second', { savedAt: 2 })
    expect((await listRecoveries(dataDir, root)).map((r) => r.text)).toEqual(['second'])
  })

  test('a post gone from disk is offered without diskText', async () => {
    await writeRecovery(dataDir, root, 'gone.md', 'only copy', { savedAt: 5 })
    expect(await listRecoveries(dataDir, root)).toEqual([{ relPath: 'gone.md', text: 'only copy', savedAt: 5 }])
  })

  test('text already on disk is not offered, and its entry is removed', async () => {
    await writeRecovery(dataDir, root, 'post.md', '# Post\n\nSaved text.\n')
    expect(await listRecoveries(dataDir, root)).toEqual([])
    expect(await readdir(recoveryFolder(dataDir))).toEqual([])
  })

  test('entries are per folder: another folder’s drafts are not listed', async () => {
    await writeRecovery(dataDir, '/some/other/blog', 'post.md', 'other')
    await writeRecovery(dataDir, root, 'post.md', 'mine', { savedAt: 2 })
    expect((await listRecoveries(dataDir, root)).map((r) => r.text)).toEqual(['mine'])
  })

  test('newest first', async () => {
    await writeRecovery(dataDir, root, 'a.md', 'a', { savedAt: 1 })
    await writeRecovery(dataDir, root, 'b.md', 'b', { savedAt: 3 })
    await writeRecovery(dataDir, root, 'c.md', 'c', { savedAt: 2 })
    expect((await listRecoveries(dataDir, root)).map((r) => r.relPath)).toEqual(['b.md', 'c.md', 'a.md'])
  })

  test('damaged entries, temp files and entries with escaping paths are skipped', async () => {
    await writeRecovery(dataDir, root, 'post.md', 'good', { savedAt: 1 })
    const folder = recoveryFolder(dataDir)
    await writeFile(join(folder, 'damaged.json'), '{"version":1,"root":')
    await writeFile(join(folder, 'left-by-a-kill.json.123456'), 'partial')
    await writeFile(join(folder, 'evil.json'), JSON.stringify({ version: 1, root, relPath: '../../etc/passwd', text: 'x', savedAt: 9 }))
    expect((await listRecoveries(dataDir, root)).map((r) => r.text)).toEqual(['good'])
  })

  test('discard forgets it; discarding twice is fine', async () => {
    await writeRecovery(dataDir, root, 'post.md', 'unsaved')
    await discardRecovery(dataDir, root, 'post.md')
    await discardRecovery(dataDir, root, 'post.md')
    expect(await listRecoveries(dataDir, root)).toEqual([])
  })

  test('an empty or missing data folder lists nothing', async () => {
    expect(await listRecoveries(join(dataDir, 'missing'), root)).toEqual([])
  })

  test('the recovery folder is private to the user', async () => {
    await writeRecovery(dataDir, root, 'post.md', 'unsaved')
    if (process.platform !== 'win32') expect((await stat(recoveryFolder(dataDir))).mode & 0o077).toBe(0)
    const [name] = await readdir(recoveryFolder(dataDir))
    expect(JSON.parse(await readFile(join(recoveryFolder(dataDir), name!), 'utf8'))).toMatchObject({ version: 1, root, relPath: 'post.md', text: 'unsaved' })
  })
})

describe('recovery through the handler table', () => {
  let service: FolioService
  const deps = (withData: boolean) => ({
    pickFolder: async () => null,
    pickImages: async () => [],
    pickExportPath: async () => null,
    trash: async (path: string) => rm(path, { recursive: true }),
    openExternal: async () => undefined,
    emit: () => undefined,
    ...(withData ? { dataDir } : {})
  })
  afterEach(() => service.dispose())

  test('store, list after a "restart", save forgets it', async () => {
    service = createFolioService(deps(true))
    await service.open(root)
    await service.handlers.storeRecovery('post.md', '# Post\n\nUnsaved.\n')
    await service.dispose()

    // A new run of the app, same data folder.
    service = createFolioService(deps(true))
    await service.open(root)
    const [found] = await service.handlers.listRecoveries()
    expect(found).toMatchObject({ relPath: 'post.md', text: '# Post\n\nUnsaved.\n', diskText: '# Post\n\nSaved text.\n' })
    await service.handlers.savePost('post.md', { text: found!.text, expectedMtimeMs: null })
    expect(await service.handlers.listRecoveries()).toEqual([])
  })

  test('discardRecovery from the renderer', async () => {
    service = createFolioService(deps(true))
    await service.open(root)
    await service.handlers.storeRecovery('post.md', 'unsaved')
    await service.handlers.discardRecovery('post.md')
    expect(await service.handlers.listRecoveries()).toEqual([])
  })

  test('renaming a post moves its unsaved text along; deleting forgets it', async () => {
    service = createFolioService(deps(true))
    await service.open(root)
    await service.handlers.storeRecovery('post.md', 'unsaved')
    const renamed = await service.handlers.renamePost('post.md', 'New name')
    expect((await service.handlers.listRecoveries()).map((r) => r.relPath)).toEqual([renamed.relPath])
    await service.handlers.deletePost(renamed.relPath)
    expect(await service.handlers.listRecoveries()).toEqual([])
  })

  test('without a data folder recovery is off: nothing stored, nothing listed', async () => {
    service = createFolioService(deps(false))
    await service.open(root)
    await service.handlers.storeRecovery('post.md', 'unsaved')
    expect(await service.handlers.listRecoveries()).toEqual([])
  })

  test('setDirty reaches the host', async () => {
    const seen: [boolean, string | null][] = []
    service = createFolioService({ ...deps(true), setDirty: (dirty: boolean, relPath: string | null) => seen.push([dirty, relPath]) })
    await service.handlers.setDirty(true, 'post.md')
    await service.handlers.setDirty(false)
    expect(seen).toEqual([
      [true, 'post.md'],
      [false, null]
    ])
  })
})
