import { copyFile, lstat, mkdir, mkdtemp, realpath, rename, rm, rmdir } from 'node:fs/promises'
import { constants } from 'node:fs'
import { dirname, extname, join } from 'node:path'
import sharp from 'sharp'
import type { ExportImage } from '../../common/export-body'
import { foldName } from '../../common/export-names'
import { imageDimensions, type ImageSize } from './gallery'
import { readRegularFile } from './regular-file'
import { isInside } from './workspace'

/**
 * The images of an export: the folder form's copies (made while the post renders, moved into
 * place once the page is ready), the single file's data URIs, and the clean-up of images an
 * earlier export of the page showed and the new one does not.
 */

/** An image the post uses, found inside the post's folder. */
export interface LocalImage {
  file: string
  type: string
  /** Path inside the exported images folder, `/`-separated. */
  outName: string
}

export type FoundImage = LocalImage | { remote: true } | { refused: string }

/** The value for `key`, made by `make` the first time it is asked for. */
export function once<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  if (!map.has(key)) map.set(key, make())
  return map.get(key)!
}

/**
 * The folder form's image copies, made in a hidden folder beside the page as soon as the
 * files are known and moved under their final names once the page is ready. Each copy and
 * sharp's header read are queued in libuv's thread pool the moment they start, so they run
 * while the CPU renders the post; copies the page does not use are never moved.
 */
export class ImageCopies {
  /** By source file: where its copy goes in the staging folder, and its size once copied. */
  private readonly started = new Map<string, { copy: string; size: Promise<ImageSize | null> }>()
  /** Folders this export made (its output folder, the images folder): removed if it fails. */
  private readonly made: string[] = []

  private constructor(private readonly staging: string) {}

  static async create(outDir: string, imagesDirName: string): Promise<ImageCopies> {
    const made = await mkdir(outDir, { recursive: true })
    const copies = new ImageCopies(await mkdtemp(join(outDir, `.${imagesDirName}-`)))
    if (made) copies.made.push(made)
    return copies
  }

  /**
   * Starts copying the local files among `lookups`, the image references found in the text,
   * before the render. A guess: references only in drafting notes (which the export drops)
   * are copied but never moved; images it misses are copied after the render. Null when no
   * reference is a local image.
   */
  static async ahead(lookups: Promise<FoundImage>[], outDir: string, imagesDirName: string): Promise<ImageCopies | null> {
    // A failed lookup is reported, if at all, when the rendered post turns out to use it.
    const found = await Promise.allSettled(lookups)
    const files = found.flatMap((result) => (result.status === 'fulfilled' && 'file' in result.value ? [result.value.file] : []))
    if (!files.length) return null
    const copies = await ImageCopies.create(outDir, imagesDirName)
    for (const file of files) void copies.start(file)
    return copies
  }

  /** Starts copying and measuring a file, once; resolves to its size (null when sharp cannot read it). */
  start(file: string): Promise<ImageSize | null> {
    return once(this.started, file, () => {
      const copy = join(this.staging, String(this.started.size))
      // A copy-on-write clone where the disk can (APFS, Btrfs, XFS), else a plain copy.
      const copied = copyFile(file, copy, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE)
      const size = Promise.all([copied, imageDimensions(file)]).then(([, size]) => size)
      size.catch(() => undefined) // an image the page turns out not to use may fail unseen
      return { copy, size }
    }).size
  }

  /** Waits for the images' copies and moves them into `imagesDir`; what each becomes, by file. */
  async finish(images: LocalImage[], imagesDir: string, imagesDirName: string, progress: (image: LocalImage) => void): Promise<Map<string, ExportImage>> {
    const sizes = await Promise.all(
      images.map(async (image) => {
        const size = await this.start(image.file)
        progress(image)
        return size
      })
    )
    const made = await mkdir(imagesDir, { recursive: true })
    if (made) this.made.push(made)
    const targets = images.map((image) => join(imagesDir, ...image.outName.split('/')))
    await Promise.all([...new Set(targets.map((target) => dirname(target)))].map((folder) => mkdir(folder, { recursive: true })))
    await Promise.all(images.map((image, i) => moveFile(this.started.get(image.file)!.copy, targets[i]!)))
    const url = (outName: string) => [imagesDirName, ...outName.split('/')].map(encodeURIComponent).join('/')
    return new Map(images.map((image, i) => [image.file, { url: url(image.outName), ...sizes[i] }]))
  }

  /**
   * Waits for every copy, then removes the staging folder, or after a failure all this export
   * made. Never throws: a hidden folder left over is no reason to fail an export, nor to hide
   * why it failed.
   */
  async dispose(succeeded: boolean): Promise<void> {
    await Promise.allSettled([...this.started.values()].map((started) => started.size))
    await Promise.allSettled([this.staging, ...(succeeded ? [] : this.made)].map((dir) => rm(dir, { recursive: true, force: true })))
  }
}

/**
 * Moves a file onto `to`, replacing a file or symlink there (never writing through it);
 * across devices (an images folder linked elsewhere) it copies instead.
 */
async function moveFile(from: string, to: string): Promise<void> {
  try {
    await rename(from, to)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error
    await rm(to, { force: true })
    await copyFile(from, to, constants.COPYFILE_EXCL)
  }
}

/**
 * Renames, in place, the images that would land on a file in `imagesDir` that is not the
 * export's to replace: one the page being replaced did not show (`previous`), put there by
 * hand or left by another page. Such a file is kept, and the image goes to a free name
 * (`dawn-2.jpg`); a file with the image's very bytes is reused, since replacing it loses nothing.
 */
export async function keepOthersImages(images: LocalImage[], imagesDir: string, previous: string[]): Promise<void> {
  const replaceable = new Set(previous.map(foldName))
  const taken = new Set(images.map((image) => foldName(image.outName)))
  const free = async (outName: string) => replaceable.has(foldName(outName)) || !(await lstat(join(imagesDir, ...outName.split('/'))).catch(() => null))
  for (const image of images) {
    if ((await free(image.outName)) || (await sameBytes(image.file, join(imagesDir, ...image.outName.split('/'))))) continue
    const ext = extname(image.outName)
    for (let n = 2; ; n++) {
      const candidate = `${image.outName.slice(0, image.outName.length - ext.length)}-${n}${ext}`
      if (taken.has(foldName(candidate)) || !(await free(candidate))) continue
      taken.add(foldName(candidate))
      image.outName = candidate
      break
    }
  }
}

/** Whether `other` is a regular file (not a link) holding exactly the bytes of `file`. */
async function sameBytes(file: string, other: string): Promise<boolean> {
  const [a, b] = await Promise.all([lstat(file), lstat(other).catch(() => null)])
  if (!b?.isFile() || a.size !== b.size) return false
  const [x, y] = await Promise.all([readRegularFile(file), readRegularFile(other)])
  return x.bytes.equals(y.bytes)
}

const sharpFormats: Record<string, 'jpeg' | 'png' | 'webp' | 'avif'> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/avif': 'avif'
}

/** Inlines images as data URIs, several at a time (sharp works in its own threads); what each becomes, by file. */
export async function inlineImages(images: LocalImage[], maxWidth: number | undefined, warnings: string[], progress: (image: LocalImage) => void): Promise<Map<string, ExportImage>> {
  const exported = new Map<string, ExportImage>()
  const queue = [...images]
  const worker = async () => {
    for (let image = queue.shift(); image; image = queue.shift()) {
      exported.set(image.file, await inlineImage(image, maxWidth, warnings))
      progress(image)
    }
  }
  await Promise.all(Array.from({ length: Math.min(8, queue.length) }, worker))
  return exported
}

/** Reads an image as a data URI, downscaled when asked and when that makes it smaller. */
async function inlineImage(image: LocalImage, maxWidth: number | undefined, warnings: string[]): Promise<ExportImage> {
  let bytes = (await readRegularFile(image.file, { label: image.outName })).bytes
  const format = sharpFormats[image.type]
  if (maxWidth && format) {
    try {
      const smaller = await sharp(bytes, { failOn: 'none' })
        .rotate()
        .resize({ width: maxWidth, withoutEnlargement: true })
        .toFormat(format, { quality: 82 })
        .toBuffer()
      if (smaller.length < bytes.length) bytes = smaller
    } catch (error) {
      warnings.push(`image ${image.outName} was inlined at full size: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  return { url: `data:${image.type};base64,${bytes.toString('base64')}`, ...(await imageDimensions(bytes)) }
}

/** Files and pages this large were not written by an export. */
const maxPreviousPage = 64 * 1024 * 1024

/**
 * The images folder's files that the page at `htmlPath` shows, when that page is an earlier
 * Folio export (its generator tag says so): what re-exporting over it may clean up. Anything
 * else in the folder, put there by hand, is not Folio's to remove.
 */
export async function previousImages(htmlPath: string, imagesDirName: string): Promise<string[]> {
  const info = await lstat(htmlPath).catch(() => null)
  if (!info?.isFile() || info.size > maxPreviousPage) return []
  const html = await readRegularFile(htmlPath).then((read) => read.bytes.toString('utf8'), () => '')
  if (!/<meta name="generator" content="Folio">/.test(html)) return []
  const names = new Set<string>()
  for (const [, src] of html.matchAll(/<img\b[^>]*?\ssrc="([^"]*)"/g)) {
    const parts = src!.split('/').map((part) => safeDecode(part))
    if (parts.length < 2 || parts[0] !== imagesDirName || parts.slice(1).some((part) => !part || part === '.' || part === '..' || /[\\/\0]/.test(part))) continue
    names.add(parts.slice(1).join('/'))
  }
  return [...names]
}

/** Removes an earlier export's images that the new page no longer shows (files and links only, never through a link). */
export async function removeStale(imagesDir: string, outNames: string[]): Promise<void> {
  if (!outNames.length) return
  const realDir = await realpath(imagesDir).catch(() => imagesDir)
  for (const outName of outNames) {
    const file = join(imagesDir, ...outName.split('/'))
    const real = await realpath(dirname(file)).catch(() => null)
    if (!real || !isInside(realDir, real)) continue
    const info = await lstat(file).catch(() => null)
    if (!info || info.isDirectory()) continue
    await rm(file, { force: true }).catch(() => undefined)
    // A sub-folder the export made, now empty (rmdir refuses one that is not).
    for (let dir = dirname(file); dir !== imagesDir && isInside(imagesDir, dir); dir = dirname(dir)) {
      if (!(await rmdir(dir).then(() => true, () => false))) break
    }
  }
}

const safeDecode = (part: string): string | null => {
  try {
    return decodeURIComponent(part)
  } catch {
    return null
  }
}
