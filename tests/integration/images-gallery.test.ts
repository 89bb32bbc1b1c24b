import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { deleteImage, imageDimensions, imageSizes, imageThumbnail, listImages, renameImage } from '../../electron/services/gallery'
import { snapshot, tempFolder } from './fs-helpers'
import { cameraJpeg, testPicture } from './image-helpers'

/** The gallery: listing with usage and broken references, thumbnails, rename with references, delete of orphans. */
let root: string
let cleanup: () => Promise<void>
beforeEach(async () => {
  ;({ dir: root, cleanup } = await tempFolder('folio-gallery-'))
  await mkdir(join(root, 'trip-images'))
  await writeFile(join(root, 'trip-images', 'cake.jpg'), await testPicture(60, 40).jpeg().toBuffer())
  await writeFile(join(root, 'trip-images', 'my river.png'), await testPicture(30, 20).png().toBuffer())
  await writeFile(join(root, 'trip-images', 'portrait.jpg'), await cameraJpeg(80, 40, 6))
  await writeFile(join(root, 'trip-images', 'orphan.webp'), await testPicture(10, 10).webp().toBuffer())
  await writeFile(join(root, 'trip-images', 'notes.txt'), 'not listed')
  await writeFile(join(root, 'trip.md'), post)
})
afterEach(() => cleanup())

const post = [
  '# Trip', // 1
  '', // 2
  '![Cake](trip-images/cake.jpg)', // 3
  '![River](<trip-images/my river.png>)', // 4
  '<!-- maybe: ![](trip-images/portrait.jpg) -->', // 5
  '![Cake again](./trip-images/cake.jpg "second")', // 6
  '![Gone](trip-images/gone.jpg)', // 7
  ''
].join('\n')

const file = (name: string) => join(root, 'trip-images', name)

describe('listImages', () => {
  test('lists each image with size, display dimensions and the lines that use it; and broken references', async () => {
    const gallery = await listImages(root, 'trip.md')
    expect(gallery.folder).toBe('trip-images')
    expect(gallery.images.map(({ name, link, width, height, lines }) => ({ name, link, width, height, lines }))).toEqual([
      { name: 'cake.jpg', link: 'trip-images/cake.jpg', width: 60, height: 40, lines: [3, 6] },
      { name: 'my river.png', link: 'trip-images/my%20river.png', width: 30, height: 20, lines: [4] },
      { name: 'orphan.webp', link: 'trip-images/orphan.webp', width: 10, height: 10, lines: [] },
      // EXIF orientation 6: shown 40 wide, 80 high.
      { name: 'portrait.jpg', link: 'trip-images/portrait.jpg', width: 40, height: 80, lines: [5] }
    ])
    expect(gallery.images[0]!.size).toBe((await stat(file('cake.jpg'))).size)
    expect(gallery.broken).toEqual([{ link: 'trip-images/gone.jpg', lines: [7] }])
  })

  test('the editor’s unsaved text counts instead of the saved post when given', async () => {
    const gallery = await listImages(root, 'trip.md', '![](trip-images/orphan.webp)\n')
    expect(gallery.images.find((i) => i.name === 'orphan.webp')!.lines).toEqual([1])
    expect(gallery.images.find((i) => i.name === 'cake.jpg')!.lines).toEqual([])
    expect(gallery.broken).toEqual([])
  })

  test('a post without an image folder has an empty gallery', async () => {
    await writeFile(join(root, 'empty.md'), '# Empty\n')
    expect(await listImages(root, 'empty.md')).toEqual({ folder: 'empty-images', images: [], broken: [] })
  })
})

describe('imageSizes', () => {
  test('gives display sizes keyed by canonical path, for the folder and for references elsewhere', async () => {
    await writeFile(join(root, 'shared.png'), await testPicture(12, 8).png().toBuffer())
    const sizes = await imageSizes(root, 'trip.md', `${post}\n![](shared.png)\n`)
    expect(sizes).toEqual({
      'trip-images/cake.jpg': { width: 60, height: 40 },
      'trip-images/my river.png': { width: 30, height: 20 },
      'trip-images/orphan.webp': { width: 10, height: 10 },
      'trip-images/portrait.jpg': { width: 40, height: 80 },
      'shared.png': { width: 12, height: 8 }
    })
  })
})

describe('imageDimensions', () => {
  test('measures an animation by one frame, and a rotated photo as shown', async () => {
    const frames = await Promise.all([30, 60, 90].map((width) => testPicture(width, 20).resize(40, 30, { fit: 'fill' }).png().toBuffer()))
    const gif = await sharp(frames, { join: { animated: true } }).gif().toBuffer()
    const webp = await sharp(frames, { join: { animated: true } }).webp().toBuffer()
    expect((await sharp(gif, { pages: -1 }).metadata()).height).toBe(90) // three frames stacked
    expect(await imageDimensions(gif)).toEqual({ width: 40, height: 30 })
    expect(await imageDimensions(webp)).toEqual({ width: 40, height: 30 })
    await writeFile(file('spin.gif'), gif)
    expect(await imageDimensions(file('spin.gif'))).toEqual({ width: 40, height: 30 })
    expect(await imageDimensions(file('portrait.jpg'))).toEqual({ width: 40, height: 80 })
    expect(await imageDimensions(file('notes.txt'))).toBeNull()
    expect((await listImages(root, 'trip.md')).images.find((i) => i.name === 'spin.gif')).toMatchObject({ width: 40, height: 30 })
  })
})

describe('imageThumbnail', () => {
  test('returns a small WebP data URL, cached by path, mtime and size', async () => {
    const cache = join(root, '.folio', 'thumbs')
    const big = await testPicture(1200, 600).jpeg().toBuffer()
    await writeFile(file('big.jpg'), big)
    const url = await imageThumbnail(root, 'trip.md', 'big.jpg', cache)
    expect(url).toMatch(/^data:image\/webp;base64,/)
    const thumb = Buffer.from(url.split(',')[1]!, 'base64')
    expect(await sharp(thumb).metadata()).toMatchObject({ format: 'webp', width: 320, height: 160 })
    const cached = (await readdir(cache)).filter((n) => n.endsWith('.webp'))
    expect(cached).toHaveLength(1)
    expect(await readFile(join(cache, '.gitignore'), 'utf8')).toBe('*\n')

    // Served from the cache: a marker written into the cached file comes back.
    await writeFile(join(cache, cached[0]!), 'cached')
    expect(await imageThumbnail(root, 'trip.md', 'big.jpg', cache)).toBe(`data:image/webp;base64,${Buffer.from('cached').toString('base64')}`)
    // An edited file (new mtime) gets a new thumbnail.
    const later = new Date(Date.now() + 10_000)
    await utimes(file('big.jpg'), later, later)
    expect(await imageThumbnail(root, 'trip.md', 'big.jpg', cache)).not.toContain(Buffer.from('cached').toString('base64'))
  })

  test('names with a folder part and files that are not images are refused', async () => {
    const cache = join(root, '.folio', 'thumbs')
    await expect(imageThumbnail(root, 'trip.md', '../trip.md', cache)).rejects.toThrow(/not a file name/)
    await expect(imageThumbnail(root, 'trip.md', 'notes.txt', cache)).rejects.toThrow(/cannot be shown/)
    await expect(imageThumbnail(root, 'trip.md', 'nope.jpg', cache)).rejects.toThrow(/not in trip-images/)
  })
})

describe('renameImage', () => {
  test('renames to kebab-case, keeps the extension, and rewrites every reference in the post', async () => {
    const before = await readFile(file('my river.png'))
    const renamed = await renameImage(root, 'trip.md', 'my river.png', 'River at Dusk!')
    expect(renamed).toMatchObject({ name: 'river-at-dusk.png', link: 'trip-images/river-at-dusk.png', oldLink: 'trip-images/my%20river.png' })
    expect((await readFile(file('river-at-dusk.png'))).equals(before)).toBe(true)
    await expect(stat(file('my river.png'))).rejects.toThrow()
    const text = await readFile(join(root, 'trip.md'), 'utf8')
    expect(text).toBe(renamed.text)
    expect(text).toContain('![River](<trip-images/river-at-dusk.png>)')
    expect(renamed.mtimeMs).toBe((await stat(join(root, 'trip.md'))).mtimeMs)

    const cake = await renameImage(root, 'trip.md', 'cake.jpg', 'chocolate-cake.jpg')
    expect(cake.name).toBe('chocolate-cake.jpg')
    expect(cake.text.match(/chocolate-cake\.jpg/g)).toHaveLength(2)
    expect(cake.text).toContain('![Cake again](./trip-images/chocolate-cake.jpg "second")')
  })

  test('keeps the post’s line endings', async () => {
    await writeFile(join(root, 'trip.md'), post.replace(/\n/g, '\r\n'))
    await renameImage(root, 'trip.md', 'cake.jpg', 'torte')
    const bytes = await readFile(join(root, 'trip.md'), 'utf8')
    expect(bytes).toContain('![Cake](trip-images/torte.jpg)\r\n')
    expect(bytes.replace(/\r\n/g, '')).not.toContain('\n')
  })

  test('never renames over another file: both stay as they were', async () => {
    const cake = await snapshot(file('cake.jpg'))
    const orphan = await snapshot(file('orphan.webp'))
    await writeFile(file('orphan.jpg'), 'someone else')
    await expect(renameImage(root, 'trip.md', 'cake.jpg', 'orphan')).rejects.toThrow(/orphan\.jpg already exists/)
    expect(await snapshot(file('cake.jpg'))).toEqual(cake)
    expect(await snapshot(file('orphan.webp'))).toEqual(orphan)
    expect(await readFile(file('orphan.jpg'), 'utf8')).toBe('someone else')
    expect(await readFile(join(root, 'trip.md'), 'utf8')).toBe(post)
  })

  test('a name with nothing usable is refused', async () => {
    await expect(renameImage(root, 'trip.md', 'cake.jpg', '🎂')).rejects.toThrow(/letters or digits/)
  })
})

describe('deleteImage', () => {
  const trashed: string[] = []
  const trash = async (path: string) => void trashed.push(path)
  beforeEach(() => void trashed.splice(0))

  test('refuses an image the post uses, even only in a drafting note, naming the lines', async () => {
    await expect(deleteImage(root, 'trip.md', 'cake.jpg', trash)).rejects.toThrow(/line 3, 6/)
    await expect(deleteImage(root, 'trip.md', 'portrait.jpg', trash)).rejects.toThrow(/line 5/)
    expect(trashed).toEqual([])
  })

  test('refuses an image only the unsaved editor text uses', async () => {
    await expect(deleteImage(root, 'trip.md', 'orphan.webp', trash, 'x\n![](trip-images/orphan.webp)')).rejects.toThrow(/line 2/)
    expect(trashed).toEqual([])
  })

  test('moves an orphan to the trash', async () => {
    await deleteImage(root, 'trip.md', 'orphan.webp', trash)
    expect(trashed).toEqual([file('orphan.webp')])
  })
})
