import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import ExifReader from 'exifreader'
import sharp from 'sharp'
import type { ImportSource } from '../../common/api'
import { importImages, type ImportOptions } from '../../electron/services/images'
import { heicProfile, sharpDecodesHeic } from '../../electron/services/image-heic'
import { tempFolder } from './fs-helpers'
import { cameraJpeg, gpsLatitude, isBlue, isRed, noisy, pixel, testPicture, writePost } from './image-helpers'

/** What a conversion does to pixels and metadata: orientation, privacy, colour, size, formats, HEIC. */
let root: string
let cleanup: () => Promise<void>
let src: string
beforeEach(async () => {
  ;({ dir: root, cleanup } = await tempFolder('folio-convert-'))
  await writePost(root, 'trip.md')
  src = join(root, 'from-camera')
  await mkdir(src)
})
afterEach(() => cleanup())

const heicFixture = join(import.meta.dirname, '../fixtures/images/camera-gps.heic')

/** Writes a source file and imports it alone; returns the imported bytes and the summary. */
async function importOne(name: string, bytes: Buffer, options: Partial<ImportOptions> = {}) {
  await writeFile(join(src, name), bytes)
  return importFile(join(src, name), options)
}

async function importFile(path: string, options: Partial<ImportOptions> = {}) {
  const summary = await importImages(root, 'trip.md', [{ kind: 'path', path }], { heading: null, ...options })
  expect(summary.skipped).toEqual([])
  expect(summary.imported).toHaveLength(1)
  const link = summary.imported[0]!.link
  return { summary, link, bytes: await readFile(join(root, decodeURI(link))) }
}

describe('camera photo: orientation, privacy, colour profile', () => {
  test('EXIF orientation is applied to the pixels, GPS and EXIF are removed, the P3 profile stays', async () => {
    const original = await cameraJpeg(80, 40, 6)
    expect(gpsLatitude(original)).toMatch(/^41\.8/)
    expect((await sharp(original).metadata()).orientation).toBe(6)

    const { bytes, link } = await importOne('beach.jpg', original)
    expect(link).toBe('trip-images/beach.jpg')
    const meta = await sharp(bytes).metadata()
    expect([meta.width, meta.height]).toEqual([40, 80])
    expect(meta.orientation ?? 1).toBe(1)
    // Orientation 6 turns the picture 90° clockwise: the red top-left corner goes top-right.
    expect(isRed(await pixel(bytes, 38, 1))).toBe(true)
    expect(isBlue(await pixel(bytes, 1, 1))).toBe(true)
    expect(gpsLatitude(bytes)).toBeUndefined()
    expect(meta.exif).toBeUndefined()
    expect(meta.xmp).toBeUndefined()
    expect(meta.icc).toBeDefined()
    expect(String(ExifReader.load(bytes)['ICC Description']?.description)).toMatch(/P3/)
  })

  test('keepMetadata keeps GPS and EXIF, and the orientation is still applied exactly once', async () => {
    const { bytes } = await importOne('beach.jpg', await cameraJpeg(80, 40, 6), { keepMetadata: true })
    const meta = await sharp(bytes).metadata()
    expect([meta.width, meta.height]).toEqual([40, 80])
    expect(meta.orientation ?? 1).toBe(1)
    expect(gpsLatitude(bytes)).toMatch(/^41\.8/)
    expect(isRed(await pixel(bytes, 38, 1))).toBe(true)
  })

  test('keepOriginal copies a JPEG byte for byte', async () => {
    const original = await cameraJpeg(80, 40, 6)
    const { bytes } = await importOne('beach.jpg', original, { keepOriginal: true })
    expect(bytes.equals(original)).toBe(true)
  })
})

describe('size and quality', () => {
  test('photos larger than the long edge are scaled down, keeping the aspect ratio', async () => {
    const { bytes } = await importOne('wide.png', await testPicture(3000, 1000).png().toBuffer())
    const meta = await sharp(bytes).metadata()
    expect([meta.width, meta.height]).toEqual([2400, 800])
    const tall = await importOne('tall.jpg', await testPicture(300, 900).jpeg().toBuffer(), { maxEdge: 600 })
    expect(await sharp(tall.bytes).metadata()).toMatchObject({ width: 200, height: 600 })
  })

  test('small photos are never scaled up, and maxEdge 0 keeps every size', async () => {
    const small = await importOne('small.jpg', await testPicture(120, 60).jpeg().toBuffer())
    expect(await sharp(small.bytes).metadata()).toMatchObject({ width: 120, height: 60 })
    const big = await importOne('big.png', await testPicture(2600, 100).png().toBuffer(), { maxEdge: 0 })
    expect(await sharp(big.bytes).metadata()).toMatchObject({ width: 2600, height: 100 })
  })

  test('quality is configurable', async () => {
    const photo = await noisy(400, 300).jpeg({ quality: 100 }).toBuffer()
    const low = await importOne('low.jpg', photo, { quality: 30 })
    const high = await importOne('high.jpg', photo, { quality: 95 })
    expect(low.bytes.length).toBeLessThan(high.bytes.length * 0.6)
  })
})

describe('formats', () => {
  test('PNG stays PNG with its transparency, WebP stays WebP, AVIF stays AVIF', async () => {
    const png = await sharp({ create: { width: 20, height: 20, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer()
    const imported = await importOne('clear.png', png)
    expect(imported.link).toBe('trip-images/clear.png')
    expect(await sharp(imported.bytes).metadata()).toMatchObject({ format: 'png', hasAlpha: true })
    const webp = await importOne('leaf.webp', await testPicture(40, 40).webp().toBuffer())
    expect((await sharp(webp.bytes).metadata()).format).toBe('webp')
    const avif = await importOne('sky.avif', await testPicture(32, 32).avif().toBuffer())
    expect(avif.link).toBe('trip-images/sky.avif')
    expect(await sharp(avif.bytes).metadata()).toMatchObject({ format: 'heif', compression: 'av1' })
  })

  test('TIFF becomes JPEG, transparency on white', async () => {
    const clear = await sharp({ create: { width: 30, height: 20, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer()
    const tiff = await sharp(clear).tiff({ compression: 'lzw' }).toBuffer()
    expect((await sharp(tiff).metadata()).hasAlpha).toBe(true)
    const { link, bytes } = await importOne('scan.tif', tiff)
    expect(link).toBe('trip-images/scan.jpg')
    expect((await sharp(bytes).metadata()).format).toBe('jpeg')
    expect(await pixel(bytes, 5, 5)).toEqual([255, 255, 255])
  })

  test('the type comes from the content, not the extension', async () => {
    const { link, bytes } = await importOne('really-a-png.jpg', await testPicture(20, 20).png().toBuffer())
    expect(link).toBe('trip-images/really-a-png.png')
    expect((await sharp(bytes).metadata()).format).toBe('png')
  })

  test('an animated GIF that fits is copied untouched; a too-large one is scaled with every frame kept', async () => {
    // Three 40x30 frames, written as one animation.
    const frame = (background: string) => sharp({ create: { width: 40, height: 30, channels: 3, background } }).png().toBuffer()
    const frames = await Promise.all(['red', 'green', 'blue'].map(frame))
    const threeFrames = await sharp(frames, { join: { animated: true } }).gif({ delay: [100, 100, 100], loop: 0 }).toBuffer()
    expect((await sharp(threeFrames, { animated: true }).metadata()).pages).toBe(3)
    const small = await importOne('dance.gif', threeFrames)
    expect(small.bytes.equals(threeFrames)).toBe(true)
    const scaled = await importOne('dance-big.gif', threeFrames, { maxEdge: 20 })
    const meta = await sharp(scaled.bytes, { animated: true }).metadata()
    expect(meta).toMatchObject({ format: 'gif', pages: 3, width: 20, pageHeight: 15 })
  })
})

describe('HEIC', () => {
  test('sharp here cannot decode HEVC itself, which is why heic-convert’s decoder is used', () => {
    // Documents the premise; if a libvips with libde265 is ever installed, sharp decodes HEIC directly.
    expect(typeof sharpDecodesHeic()).toBe('boolean')
  })

  test('a HEIC photo becomes a JPEG: pixels intact, GPS gone, EXIF orientation not applied twice', async () => {
    const heic = await readFile(heicFixture)
    expect(gpsLatitude(heic)).toMatch(/^41\.8/)
    expect(ExifReader.load(heic).Orientation?.value).toBe(6)
    const { link, bytes } = await importFile(heicFixture, { heading: 'The Field Museum' })
    expect(link).toBe('trip-images/camera-gps.jpg')
    const meta = await sharp(bytes).metadata()
    expect(meta).toMatchObject({ format: 'jpeg', width: 64, height: 48 })
    // HEIF keeps rotation in the container (none here); its EXIF orientation must be ignored.
    expect(isRed(await pixel(bytes, 2, 2))).toBe(true)
    expect(isBlue(await pixel(bytes, 60, 44))).toBe(true)
    expect(gpsLatitude(bytes)).toBeUndefined()
  })

  test('a HEIC keeps its colour profile: the JPEG carries the same ICC profile, pixels untouched', async () => {
    const heic = await readFile(heicFixture)
    // The profile as the file stores it: a `colr` box of type `prof`, found here by its bytes.
    const at = heic.indexOf('colrprof', 0, 'latin1')
    expect(at).toBeGreaterThan(0)
    const stored = heic.subarray(at + 8, at - 4 + heic.readUInt32BE(at - 4))
    expect(stored.toString('latin1', 36, 40)).toBe('acsp') // an ICC profile's signature
    expect((await heicProfile(heic))?.equals(stored)).toBe(true)
    const { bytes } = await importFile(heicFixture)
    const meta = await sharp(bytes).metadata()
    expect(meta.icc?.equals(stored)).toBe(true)
    expect(isRed(await pixel(bytes, 2, 2))).toBe(true)
    expect(isBlue(await pixel(bytes, 60, 44))).toBe(true)

    // A HEIC whose colour box is an nclx description, not an ICC profile, imports with none.
    const plain = Buffer.from(heic)
    plain.write('nclx', at + 4, 'latin1')
    expect(await heicProfile(plain)).toBeNull()
    const bare = await importOne('plain.heic', plain)
    expect((await sharp(bare.bytes).metadata()).icc).toBeUndefined()
    expect(isRed(await pixel(bare.bytes, 2, 2))).toBe(true)
    // An nclx description with Display P3 primaries (12) and the sRGB curve (13), as some
    // Android phones write it, imports with a Display P3 profile: the pixels are P3 values.
    const p3 = Buffer.from(plain)
    p3.writeUInt16BE(12, at + 8)
    p3.writeUInt16BE(13, at + 10)
    const wide = await importOne('wide.heic', p3)
    const icc = (await sharp(wide.bytes).metadata()).icc!
    const description = icc.subarray(icc.indexOf('mluc', 128, 'latin1')).toString('latin1')
    expect(description).toContain('\0s\0P\x003\0C') // libvips's Display P3 profile, "sP3C"
    expect(isRed(await pixel(wide.bytes, 2, 2))).toBe(true)
    // Other primaries (BT.2020 here) are not guessed at: no profile, read as sRGB.
    p3.writeUInt16BE(9, at + 8)
    expect((await sharp((await importOne('hdr.heic', p3)).bytes).metadata()).icc).toBeUndefined()
    // Damaged boxes give no profile rather than an error.
    for (const length of [20, 300, 440, 900]) await expect(heicProfile(heic.subarray(0, length))).resolves.toSatisfy((profile) => profile === null || Buffer.isBuffer(profile))
  })

  test('keepOriginal still converts HEIC, which browsers cannot show', async () => {
    const { link } = await importFile(heicFixture, { keepOriginal: true })
    expect(link).toMatch(/\.jpg$/)
  })

  test('a damaged HEIC is skipped with a reason', async () => {
    const heic = await readFile(heicFixture)
    await writeFile(join(src, 'broken.heic'), heic.subarray(0, Math.floor(heic.length * 0.6)))
    const sources: ImportSource[] = [{ kind: 'path', path: join(src, 'broken.heic') }]
    const summary = await importImages(root, 'trip.md', sources, { heading: null })
    expect(summary.imported).toEqual([])
    expect(summary.skipped).toEqual([{ name: 'broken.heic', reason: expect.stringMatching(/damaged|cannot read|incomplete/) }])
    expect(await readdir(join(root, 'trip-images')).catch(() => [])).toEqual([])
  })
})
