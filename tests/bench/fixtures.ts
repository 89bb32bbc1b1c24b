import { existsSync } from 'node:fs'
import { copyFile, link, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import sharp, { type Sharp } from 'sharp'
import { benchOut, progress } from './stats'

/**
 * Generated images for the benchmarks, made once and kept in out/bench/fixtures (a folder
 * is remade when its recipe changes). Photo-like: smooth shapes under fine grain, so the
 * JPEGs are the size a camera's are, not a flat colour's.
 */

const fixturesDir = join(benchOut, 'fixtures')

/** A tile of grey film grain, laid over the generated pictures. */
let grainTile: Promise<Buffer> | null = null
const grain = () =>
  (grainTile ??= sharp({ create: { width: 509, height: 383, channels: 3, background: '#000000', noise: { type: 'gaussian', mean: 128, sigma: 28 } } })
    .png()
    .toBuffer())

/** A photo-like JPEG of `width` x `height`; `seed` varies the picture. */
async function photo(width: number, height: number, seed: number, quality: number): Promise<Sharp> {
  // Coarse random colour blobs, scaled up smoothly, under a layer of fine grain.
  const coarse = await sharp({ create: { width: 14 + (seed % 7), height: 10 + (seed % 5), channels: 3, background: '#000000', noise: { type: 'gaussian', mean: 120 + (seed % 40), sigma: 70 } } })
    .png()
    .toBuffer()
  const smooth = await sharp(coarse).resize(width, height, { kernel: 'cubic' }).png({ compressionLevel: 0 }).toBuffer()
  return sharp(smooth).composite([{ input: await grain(), tile: true, blend: 'overlay' }]).removeAlpha().jpeg({ quality })
}

/** Makes `dir` with `make(dir)` unless it already holds what `recipe` describes. */
async function cached(name: string, recipe: string, make: (dir: string) => Promise<void>): Promise<string> {
  const dir = join(fixturesDir, name)
  const stamp = join(dir, '.recipe')
  if (existsSync(stamp) && (await readFile(stamp, 'utf8')) === recipe) return dir
  progress(`fixtures: generating ${name} (once; kept in out/bench/fixtures)`)
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  await make(dir)
  await writeFile(stamp, recipe)
  return dir
}

/**
 * `count` 12-megapixel (4000 x 3000) camera JPEGs with EXIF (make, model, date, exposure,
 * GPS) and an orientation tag; every fourth is taken in portrait (orientation 6).
 */
export async function cameraPhotos(count = 20): Promise<string[]> {
  const names = Array.from({ length: count }, (_, i) => `IMG_${String(4100 + i).padStart(4, '0')}.JPG`)
  const dir = await cached('camera', `v1 ${count} 4000x3000 q90 exif`, async (dir) => {
    for (const [i, name] of names.entries()) {
      const image = await photo(4000, 3000, i, 90)
      await image
        .withExif({
          IFD0: { Make: 'Fujifilm', Model: 'X-T5', DateTime: `2025:09:${String(8 + (i % 5)).padStart(2, '0')} 10:${String(i % 60).padStart(2, '0')}:00`, Software: 'Bench' },
          IFD2: { ExposureTime: '1/250', FNumber: '56/10', ISOSpeedRatings: '400' },
          IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '38/1 42/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '9/1 8/1 0/1' }
        })
        .withMetadata({ orientation: i % 4 === 3 ? 6 : 1 })
        .toFile(join(dir, name))
    }
  })
  return names.map((name) => join(dir, name))
}

/** `count` JPEGs as Folio's import writes them (2400 x 1600, quality 82), for the export benchmark. */
export async function postPhotos(names: readonly string[]): Promise<string> {
  return cached('post-photos', `v1 ${names.join(',')} 2400x1600 q82`, async (dir) => {
    for (const [i, name] of names.entries()) {
      const target = join(dir, name)
      await mkdir(dirname(target), { recursive: true })
      await (await photo(2400, 1600, 100 + i, 82)).toFile(target)
    }
  })
}

/** Eight small photos for the preview (1200 x 800), which `linkPhotos` lends out under many names. */
export async function previewPhotos(): Promise<string[]> {
  const dir = await cached('preview-photos', 'v1 8 1200x800 q80', async (dir) => {
    for (let i = 0; i < 8; i++) await (await photo(1200, 800, 200 + i, 80)).toFile(join(dir, `photo-${i}.jpg`))
  })
  return Array.from({ length: 8 }, (_, i) => join(dir, `photo-${i}.jpg`))
}

/** Puts a file at each of `paths` (relative to `root`), hard-linked to one of `photos` (copied when linking fails). */
export async function linkPhotos(root: string, paths: readonly string[], photos: readonly string[]): Promise<void> {
  for (const [i, path] of paths.entries()) {
    const target = join(root, path)
    await mkdir(dirname(target), { recursive: true })
    const source = photos[i % photos.length]!
    await link(source, target).catch(() => copyFile(source, target))
  }
}
