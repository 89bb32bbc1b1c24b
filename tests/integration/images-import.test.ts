import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { imageMarkdown } from '../../common/images'
import type { ImportSource } from '../../common/api'
import { importImages, type ImportProgress } from '../../electron/services/images'
import { snapshot, tempFolder } from './fs-helpers'
import { testPicture, writePost } from './image-helpers'

/** Where imports go and what they are called: names, collisions, sources, skips, progress, cancel. */
let root: string
let cleanup: () => Promise<void>
let src: string
beforeEach(async () => {
  ;({ dir: root, cleanup } = await tempFolder('folio-import-'))
  await writePost(root, 'trip.md')
  src = join(root, '..', `${root.split(/[\\/]/).pop()}-src`)
  await mkdir(src)
})
afterEach(async () => {
  await cleanup()
  await rm(src, { recursive: true, force: true })
})

const jpeg = (width = 40, height = 30) => testPicture(width, height).jpeg().toBuffer()

/** Writes source files (name -> bytes) and returns them as path sources, in order. */
async function files(entries: Record<string, Buffer | string>): Promise<ImportSource[]> {
  const sources: ImportSource[] = []
  for (const [name, bytes] of Object.entries(entries)) {
    const path = join(src, name)
    await mkdir(join(path, '..'), { recursive: true })
    await writeFile(path, bytes)
    sources.push({ kind: 'path', path })
  }
  return sources
}

const imagesDir = () => join(root, 'trip-images')
const folderNames = async () => (await readdir(imagesDir())).sort()

describe('names', () => {
  test('camera files under a heading are numbered after it, continuing from what exists, in drop order', async () => {
    await mkdir(imagesDir())
    await writeFile(join(imagesDir(), 'field-museum-2.jpg'), await jpeg())
    const sources = await files({ 'IMG_1234.JPG': await jpeg(), 'PXL_20250712_123456789.jpg': await jpeg(), 'DSC01234.JPG': await jpeg(), 'Sue at the T. rex.jpg': await jpeg() })
    const summary = await importImages(root, 'trip.md', sources, { heading: 'The Field Museum', concurrency: 3 })
    expect(summary.imported).toEqual([
      { link: 'trip-images/the-field-museum-1.jpg', alt: 'The Field Museum' },
      { link: 'trip-images/the-field-museum-2.jpg', alt: 'The Field Museum' },
      { link: 'trip-images/the-field-museum-3.jpg', alt: 'The Field Museum' },
      { link: 'trip-images/sue-at-the-t-rex.jpg', alt: 'Sue at the T Rex' }
    ])
    const more = await importImages(root, 'trip.md', await files({ 'IMG_9.jpg': await jpeg() }), { heading: 'Field Museum' })
    expect(more.imported[0]!.link).toBe('trip-images/field-museum-3.jpg')
  })

  test('unicode, emoji, RTL and spaces give kebab-case names, never an empty one', async () => {
    const sources = await files({
      'Café Zoë – brûlée.jpg': await jpeg(),
      '🦖 dino 🦕.png': await testPicture(20, 20).png().toBuffer(),
      'שלום.jpg': await jpeg(),
      '🎉.jpg': await jpeg(),
      'folder with spaces/my photo (1).jpg': await jpeg()
    })
    const summary = await importImages(root, 'trip.md', sources, { heading: null })
    expect(summary.skipped).toEqual([])
    expect(summary.imported.map((i) => i.link)).toEqual([
      'trip-images/cafe-zoe-brulee.jpg',
      'trip-images/dino.png',
      'trip-images/image-1.jpg',
      'trip-images/image-2.jpg',
      'trip-images/my-photo-1.jpg'
    ])
    expect(summary.imported[0]!.alt).toBe('Café Zoë Brûlée')
  })

  test('a post whose name has spaces gets percent-encoded links, and the markdown to insert', async () => {
    await writePost(root, 'my trip.md')
    const summary = await importImages(root, 'my trip.md', await files({ 'Chicago River.jpg': await jpeg() }), { heading: null })
    expect(summary.imported).toEqual([{ link: 'my%20trip-images/chicago-river.jpg', alt: 'Chicago River' }])
    expect(await readdir(join(root, 'my trip-images'))).toEqual(['chicago-river.jpg'])
    expect(imageMarkdown(summary)).toBe('![Chicago River](my%20trip-images/chicago-river.jpg)')
  })
})

describe('never overwrites', () => {
  test('a name that exists gets -2, and the existing file is untouched byte for byte', async () => {
    await mkdir(imagesDir())
    await writeFile(join(imagesDir(), 'cake.jpg'), 'not even an image, but mine')
    const before = await snapshot(join(imagesDir(), 'cake.jpg'))
    const summary = await importImages(root, 'trip.md', await files({ 'cake.jpg': await jpeg(), 'Cake.JPG': await jpeg() }), { heading: null })
    expect(summary.imported.map((i) => i.link)).toEqual(['trip-images/cake-2.jpg', 'trip-images/cake-3.jpg'])
    expect(await snapshot(join(imagesDir(), 'cake.jpg'))).toEqual(before)
  })

  test('two imports of the same names at once both land, under different names', async () => {
    const a = await files({ 'one/cake.jpg': await jpeg(), 'one/IMG_1.jpg': await jpeg() })
    const b = await files({ 'two/cake.jpg': await jpeg(30, 30), 'two/IMG_2.jpg': await jpeg(30, 30) })
    const [first, second] = await Promise.all([
      importImages(root, 'trip.md', a, { heading: 'Lunch' }),
      importImages(root, 'trip.md', b, { heading: 'Lunch' })
    ])
    const links = [...first.imported, ...second.imported].map((i) => i.link)
    expect(new Set(links).size).toBe(4)
    expect(await folderNames()).toEqual(['cake-2.jpg', 'cake.jpg', 'lunch-1.jpg', 'lunch-2.jpg'])
  })

  test('a file dragged from the image folder itself is linked, not copied again', async () => {
    await mkdir(imagesDir())
    await writeFile(join(imagesDir(), 'river-walk.jpg'), await jpeg())
    const summary = await importImages(root, 'trip.md', [{ kind: 'path', path: join(imagesDir(), 'river-walk.jpg') }], { heading: null })
    expect(summary.imported).toEqual([{ link: 'trip-images/river-walk.jpg', alt: 'River Walk' }])
    expect(await folderNames()).toEqual(['river-walk.jpg'])
  })
})

describe('sources', () => {
  test('pasted bytes with a generic name are named after the heading', async () => {
    const bytes = new Uint8Array(await testPicture(30, 20).png().toBuffer())
    const summary = await importImages(root, 'trip.md', [{ kind: 'bytes', name: 'image.png', bytes }], { heading: 'Shaw’s Crab House' })
    expect(summary.imported).toEqual([{ link: 'trip-images/shaws-crab-house-1.png', alt: 'Shaw’s Crab House' }])
    expect((await sharp(join(imagesDir(), 'shaws-crab-house-1.png')).metadata()).format).toBe('png')
  })

  test('a folder imports every image inside, recursively and in natural order, ignoring other files', async () => {
    await files({
      'album/photo 10.jpg': await jpeg(),
      'album/photo 2.jpg': await jpeg(),
      'album/notes.txt': 'not an image',
      'album/.DS_Store': 'junk',
      'album/.hidden/secret.jpg': await jpeg(),
      'album/day 2/lake.png': await testPicture(10, 10).png().toBuffer()
    })
    const summary = await importImages(root, 'trip.md', [{ kind: 'path', path: join(src, 'album') }], { heading: null })
    expect(summary.skipped).toEqual([])
    expect(summary.imported.map((i) => i.link)).toEqual(['trip-images/lake.png', 'trip-images/photo-2.jpg', 'trip-images/photo-10.jpg'])
  })

  test('damaged, empty, missing and unsupported files are skipped with reasons while the rest import', async () => {
    const good = await jpeg()
    const sources = await files({
      'good.jpg': good,
      'truncated.jpg': good.subarray(0, Math.floor(good.length / 2)),
      'empty.jpg': Buffer.alloc(0),
      'notes.jpg': 'this is text, not a photo',
      'drawing.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
      'also-good.png': await testPicture(10, 10).png().toBuffer()
    })
    sources.push({ kind: 'path', path: join(src, 'gone.jpg') }, { kind: 'bytes', name: 'image.png', bytes: new Uint8Array() })
    const summary = await importImages(root, 'trip.md', sources, { heading: null })
    expect(summary.imported.map((i) => i.link)).toEqual(['trip-images/good.jpg', 'trip-images/also-good.png'])
    expect(summary.skipped).toEqual(
      expect.arrayContaining([
        { name: 'truncated.jpg', reason: 'the image is damaged or incomplete' },
        { name: 'empty.jpg', reason: 'the file is empty' },
        { name: 'notes.jpg', reason: 'not a supported image type' },
        { name: 'drawing.svg', reason: 'not a supported image type (svg)' },
        { name: 'gone.jpg', reason: 'file not found' },
        { name: 'image.png', reason: 'the file is empty' }
      ])
    )
    expect(summary.skipped).toHaveLength(6)
    expect(await folderNames()).toEqual(['also-good.png', 'good.jpg'])
  })

  test('nothing imported, no folder created', async () => {
    const summary = await importImages(root, 'trip.md', await files({ 'notes.jpg': 'text' }), { heading: null })
    expect(summary.imported).toEqual([])
    expect(await readdir(root)).toEqual(['trip.md'])
  })
})

describe('stays inside the opened folder', () => {
  test('a post path outside the folder is refused', async () => {
    await expect(importImages(root, '../trip.md', await files({ 'a.jpg': await jpeg() }), { heading: null })).rejects.toThrow(/outside the opened folder/)
  })

  test('an image folder that links out of the opened folder is refused', async () => {
    await symlink(src, imagesDir())
    await expect(importImages(root, 'trip.md', await files({ 'a.jpg': await jpeg() }), { heading: null })).rejects.toThrow(/outside the opened folder/)
  })

  test('only posts that exist take images', async () => {
    await expect(importImages(root, 'missing.md', await files({ 'a.jpg': await jpeg() }), { heading: null })).rejects.toThrow(/does not exist/)
    await expect(importImages(root, 'notes.txt', await files({ 'a.jpg': await jpeg() }), { heading: null })).rejects.toThrow(/not a post/)
  })
})

describe('progress and cancel', () => {
  test('progress starts at 0 of total and counts every file once, in order', async () => {
    const sources = await files({ 'a.jpg': await jpeg(), 'b.jpg': await jpeg(), 'bad.jpg': 'text', 'c.png': await testPicture(8, 8).png().toBuffer() })
    const events: ImportProgress[] = []
    await importImages(root, 'trip.md', sources, { heading: null, onProgress: (p) => events.push(p) })
    expect(events.map((e) => [e.done, e.total])).toEqual([[0, 4], [1, 4], [2, 4], [3, 4], [4, 4]])
    expect(events.slice(1).map((e) => e.current).sort()).toEqual(['a.jpg', 'b.jpg', 'bad.jpg', 'c.png'])
  })

  test('cancel stops the import: later files are not started, what was written is reported', async () => {
    const entries: Record<string, Buffer> = {}
    for (let i = 1; i <= 6; i++) entries[`photo-${i}.jpg`] = await jpeg()
    const sources = await files(entries)
    const controller = new AbortController()
    const summary = await importImages(root, 'trip.md', sources, {
      heading: null,
      concurrency: 1,
      signal: controller.signal,
      onProgress: (p) => p.done === 2 && controller.abort()
    })
    expect(summary.cancelled).toBe(true)
    expect(summary.imported.map((i) => i.link)).toEqual(['trip-images/photo-1.jpg', 'trip-images/photo-2.jpg'])
    expect(await folderNames()).toEqual(['photo-1.jpg', 'photo-2.jpg'])
    expect((await readFile(join(imagesDir(), 'photo-2.jpg'))).length).toBeGreaterThan(0)
  })

  test('a conversion still running when cancel comes is discarded, not written', async () => {
    const sources = await files({ 'tiny.png': await testPicture(8, 8).png().toBuffer(), 'huge.png': await testPicture(4000, 3000).png().toBuffer() })
    const controller = new AbortController()
    const summary = await importImages(root, 'trip.md', sources, {
      heading: null,
      concurrency: 2,
      signal: controller.signal,
      onProgress: (p) => p.done === 1 && controller.abort()
    })
    expect(summary.imported.map((i) => i.link)).toEqual(['trip-images/tiny.png'])
    expect(await folderNames()).toEqual(['tiny.png'])
  })

  test('an import that ran to the end is not cancelled', async () => {
    const summary = await importImages(root, 'trip.md', await files({ 'a.jpg': await jpeg() }), { heading: null })
    expect(summary.cancelled).toBe(false)
  })
})
