import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { EventPayloads, ImportSummary } from '../../common/api'
import { dispatchCall } from '../../electron/services/dispatch'
import { createFolioService, type FolioService } from '../../electron/services/handlers'
import { tempFolder } from './fs-helpers'
import { testPicture, writePost } from './image-helpers'

/** The image calls as the renderer reaches them: through the contract's validation and the handler table. */
let root: string
let cleanup: () => Promise<void>
let service: FolioService
let progress: EventPayloads['importProgress'][]
let trashed: string[]
let onProgress: (p: EventPayloads['importProgress']) => void

beforeEach(async () => {
  ;({ dir: root, cleanup } = await tempFolder('folio-image-calls-'))
  await writePost(root, 'trip.md')
  progress = []
  trashed = []
  onProgress = () => undefined
  service = createFolioService({
    pickFolder: async () => null,
    pickImages: async () => [],
    pickExportPath: async () => null,
    trash: async (path) => void trashed.push(path),
    openExternal: async () => undefined,
    emit: (event, payload) => {
      if (event !== 'importProgress') return
      progress.push(payload as EventPayloads['importProgress'])
      onProgress(payload as EventPayloads['importProgress'])
    }
  })
  await service.open(root)
})
afterEach(async () => {
  await service.dispose()
  await cleanup()
})

const png = async () => new Uint8Array(await testPicture(40, 30).png().toBuffer())

describe('importImages through the contract', () => {
  test('pasted bytes import, with importProgress events in order', async () => {
    const reply = await dispatchCall(service.handlers, 'importImages', [
      'trip.md',
      [
        { kind: 'bytes', name: 'image.png', bytes: await png() },
        { kind: 'bytes', name: 'image.png', bytes: await png() }
      ],
      { heading: 'Lunch', maxEdge: 20, quality: 70 }
    ])
    expect(reply).toEqual({
      ok: true,
      value: { imported: [{ link: 'trip-images/lunch-1.png', alt: 'Lunch' }, { link: 'trip-images/lunch-2.png', alt: 'Lunch' }], skipped: [], cancelled: false }
    })
    expect(progress.map((p) => p.done)).toEqual([0, 1, 2])
  })

  test('bad arguments are refused before any handler runs', async () => {
    const reply = await dispatchCall(service.handlers, 'importImages', ['trip.md', [{ kind: 'bytes', name: 'x.png', bytes: [1, 2] }], { heading: null }])
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/invalid arguments for importImages/) } })
    const quality = await dispatchCall(service.handlers, 'importImages', ['trip.md', [{ kind: 'path', path: '/x.jpg' }], { heading: null, quality: 0 }])
    expect(quality.ok).toBe(false)
    expect((await dispatchCall(service.handlers, 'imageThumbnail', ['trip.md', '../trip.md'])).ok).toBe(false)
    expect((await dispatchCall(service.handlers, 'deleteImage', ['trip.md', 'a/b.jpg'])).ok).toBe(false)
  })

  test('cancelImport stops a running import; the call resolves with what was written', async () => {
    const sources = await Promise.all(Array.from({ length: 8 }, async (_, i) => ({ kind: 'bytes' as const, name: `photo ${i + 1}.png`, bytes: await png() })))
    onProgress = (p) => {
      if (p.done === 1) void service.handlers.cancelImport()
    }
    const summary: ImportSummary = await service.handlers.importImages('trip.md', sources, { heading: null })
    expect(summary.cancelled).toBe(true)
    expect(summary.imported.length).toBeGreaterThanOrEqual(1)
    expect(summary.imported.length).toBeLessThan(8)
    expect((await readdir(join(root, 'trip-images'))).length).toBe(summary.imported.length)
  })
})

describe('gallery calls', () => {
  test('list, thumbnail (cached in .folio/thumbs), rename, and delete of an orphan through the trash', async () => {
    await service.handlers.importImages('trip.md', [{ kind: 'bytes', name: 'Cake.png', bytes: await png() }], { heading: null })
    await writeFile(join(root, 'trip.md'), '# Trip\n\n![Cake](trip-images/cake.png)\n')
    await service.handlers.importImages('trip.md', [{ kind: 'bytes', name: 'spare.png', bytes: await png() }], { heading: null })

    const gallery = await service.handlers.listImages('trip.md')
    expect(gallery.images.map((i) => [i.name, i.lines])).toEqual([
      ['cake.png', [3]],
      ['spare.png', []]
    ])
    expect(await service.handlers.imageThumbnail('trip.md', 'cake.png')).toMatch(/^data:image\/webp;base64,/)
    expect((await readdir(join(root, '.folio', 'thumbs'))).some((n) => n.endsWith('.webp'))).toBe(true)
    expect(await service.handlers.imageSizes('trip.md')).toMatchObject({ 'trip-images/cake.png': { width: 40, height: 30 } })

    const renamed = await service.handlers.renameImage('trip.md', 'cake.png', 'Birthday Cake')
    expect(renamed.text).toBe('# Trip\n\n![Cake](trip-images/birthday-cake.png)\n')

    await expect(service.handlers.deleteImage('trip.md', 'birthday-cake.png')).rejects.toThrow(/used in the post/)
    await service.handlers.deleteImage('trip.md', 'spare.png')
    expect(trashed).toEqual([join(service.root()!, 'trip-images', 'spare.png')])
  })
})
