import { createHash } from 'node:crypto'
import { constants, copyFile, link, mkdir, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import sharp from 'sharp'
import type { GalleryImage, ImageGallery, RenamedImage } from '../../common/api'
import { imageReferences, referenceLines, rewriteImageReferences } from '../../common/image-refs'
import { encodeLink, extensionOf, isImageName, kebabCase, stemOf } from '../../common/images'
import { imageFolderOf } from '../../common/posts'
import { shortenPath } from '../../common/errors'
import { readRegularFile } from './regular-file'
import { encodeText, readText, UserError, writeAtomic } from './text-file'
import { resolveInside } from './workspace'

/**
 * The image gallery of a post: what is in `<slug>-images/`, which lines use each file,
 * broken references, thumbnails, renaming (with the post's references) and deleting orphans.
 */

/** Long edge of gallery thumbnails, in pixels. */
export const thumbnailEdge = 320

/** A post, its image folder and the text whose references count. */
interface PostImages {
  relPath: string
  /** The image folder's name, which is also its path relative to the post's folder. */
  folder: string
  folderDir: string
  text: string
}

async function postImages(root: string, relPath: string, text?: string): Promise<PostImages> {
  const post = await resolveInside(root, relPath)
  const saved = text ?? (await readText(post, relPath).then((decoded) => decoded.text, () => ''))
  const folder = imageFolderOf(relPath)
  return { relPath, folder, folderDir: await resolveInside(root, join(dirname(relPath), folder)), text: saved }
}

/** The absolute path of a file of the image folder; refuses names with a folder part. */
async function imageFile(root: string, images: PostImages, name: string): Promise<string> {
  if (!name || /[\\/\0]/.test(name) || name === '.' || name === '..') throw new UserError(`${shortenPath(name)} is not a file name.`, 'invalid')
  const file = await resolveInside(root, join(dirname(images.relPath), images.folder, name))
  const info = await stat(file).catch(() => null)
  if (!info) throw new UserError(`${shortenPath(name)} is not in ${shortenPath(images.folder)}.`, 'not-found')
  if (!info.isFile()) throw new UserError(`${shortenPath(`${images.folder}/${name}`)} is not a regular file (a folder, pipe or device), so Folio will not read it.`, 'special-file')
  return file
}

/** An image's display size in pixels. */
export interface ImageSize {
  width: number
  height: number
}

/** JPEG and PNG keep their size (and JPEG its EXIF orientation) in the first bytes: those are read alone. */
const headerBytes = 512 * 1024
const sizeInHeader = (bytes: Buffer): boolean =>
  (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) || bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))

/**
 * Display size of an image file or its bytes: EXIF orientation applied and, for an
 * animation, one frame (sharp opens the first page only unless asked for more). A file is
 * read through readRegularFile (never a FIFO that would block the read forever), and of a
 * JPEG or PNG only the header; other formats are read whole. Null when sharp cannot read it
 * or it is not a regular file. The gallery, the preview's sizes and the export all measure
 * with this one function.
 */
export async function imageDimensions(input: string | Buffer): Promise<ImageSize | null> {
  try {
    if (typeof input !== 'string') return await measure(input)
    const head = await readRegularFile(input, { maxBytes: headerBytes })
    const whole = head.bytes.length >= head.info.size
    const size = whole || sizeInHeader(head.bytes) ? await measure(head.bytes) : null
    return size ?? (whole ? null : await measure((await readRegularFile(input)).bytes))
  } catch {
    return null
  }
}

async function measure(bytes: Buffer): Promise<ImageSize | null> {
  try {
    const { width, height } = (await sharp(bytes).metadata()).autoOrient
    return width && height ? { width, height } : null
  } catch {
    return null
  }
}

const nfc = (path: string): string => path.normalize('NFC')

/** The image files of the folder, sorted the way people number photos (2 before 10). */
async function folderImages(folderDir: string): Promise<string[]> {
  const entries = await readdir(folderDir, { withFileTypes: true }).catch(() => [])
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.') && isImageName(entry.name))
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
}

/** The gallery: every image of the post's folder, with size, dimensions and the lines that use it, and the broken references. */
export async function listImages(root: string, relPath: string, text?: string): Promise<ImageGallery> {
  const images = await postImages(root, relPath, text)
  const lines = referenceLines(imageReferences(images.text))
  const usedLines = new Map([...lines].map(([path, list]) => [nfc(path), list]))
  const names = await folderImages(images.folderDir)
  const gallery: GalleryImage[] = await Promise.all(
    names.map(async (name) => {
      const file = join(images.folderDir, name)
      const [info, size] = await Promise.all([stat(file), imageDimensions(file)])
      const path = `${images.folder}/${name}`
      return { name, link: encodeLink(path), size: info.size, mtimeMs: info.mtimeMs, width: size?.width ?? null, height: size?.height ?? null, lines: usedLines.get(nfc(path)) ?? [] }
    })
  )
  const present = new Set(names.map((name) => nfc(`${images.folder}/${name}`)))
  const broken: ImageGallery['broken'] = []
  for (const [path, refLines] of lines) {
    if (present.has(nfc(path))) continue
    const exists = await resolveInside(root, join(dirname(relPath), path)).then((file) => stat(file).then((s) => s.isFile()), () => false).catch(() => false)
    if (!exists) broken.push({ link: encodeLink(path), lines: refLines })
  }
  return { folder: images.folder, images: gallery, broken }
}

/** Display sizes of the folder's images and of every existing image the text references, keyed by canonical path. */
export async function imageSizes(root: string, relPath: string, text?: string): Promise<Record<string, ImageSize>> {
  const images = await postImages(root, relPath, text)
  const paths = new Set([...(await folderImages(images.folderDir)).map((name) => `${images.folder}/${name}`), ...imageReferences(images.text).flatMap((ref) => (ref.path ? [ref.path] : []))])
  const sizes: Record<string, ImageSize> = {}
  await Promise.all(
    [...paths].map(async (path) => {
      const file = await resolveInside(root, join(dirname(relPath), path)).catch(() => null)
      const size = file && (await imageDimensions(file))
      if (size) sizes[path] = size
    })
  )
  return sizes
}

/**
 * A WebP thumbnail of a file of the image folder as a data: URL. Thumbnails are cached in
 * `cacheDir` under a hash of the file's path, mtime and size, so an edited file gets a new one.
 */
export async function imageThumbnail(root: string, relPath: string, name: string, cacheDir: string): Promise<string> {
  const file = await imageFile(root, await postImages(root, relPath, ''), name)
  const info = await stat(file)
  const key = createHash('sha256').update(`${file}\0${info.mtimeMs}\0${info.size}\0${thumbnailEdge}`).digest('hex').slice(0, 40)
  const cached = join(cacheDir, `${key}.webp`)
  let bytes = await readRegularFile(cached).then((read) => read.bytes, () => null)
  if (!bytes) {
    const { bytes: source } = await readRegularFile(file, { label: name })
    bytes = await sharp(source, { failOn: 'none' })
      .autoOrient()
      .resize(thumbnailEdge, thumbnailEdge, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 70 })
      .toBuffer()
      .catch(() => {
        throw new UserError(`${shortenPath(name)} cannot be shown: it is not an image Folio can read.`, 'invalid')
      })
    await storeThumbnail(cacheDir, cached, bytes).catch(() => undefined) // a cache that cannot be written only costs time
  }
  return `data:image/webp;base64,${bytes.toString('base64')}`
}

async function storeThumbnail(cacheDir: string, cached: string, bytes: Buffer): Promise<void> {
  await mkdir(cacheDir, { recursive: true })
  await writeFile(join(cacheDir, '.gitignore'), '*\n', { flag: 'wx' }).catch(() => undefined)
  const temp = `${cached}.${process.pid}.tmp`
  await writeFile(temp, bytes)
  await rename(temp, cached)
}

/**
 * Moves `from` to `to` without ever replacing a file: a hard link claims the new name
 * atomically; filesystems without links (FAT, some network shares) get an exclusive copy.
 * A case-only rename on a case-insensitive disk is a plain rename.
 */
async function moveNoReplace(from: string, to: string, taken: () => UserError): Promise<void> {
  try {
    await link(from, to)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') {
      const [a, b] = await Promise.all([stat(from), stat(to)])
      if (a.ino !== b.ino || a.dev !== b.dev) throw taken()
      await rename(from, to)
      return
    }
    if (!['EPERM', 'ENOTSUP', 'EXDEV', 'ENOSYS', 'EMLINK', 'EOPNOTSUPP'].includes(code ?? '')) throw error
    await copyFile(from, to, constants.COPYFILE_EXCL).catch((copyError: NodeJS.ErrnoException) => {
      throw copyError.code === 'EEXIST' ? taken() : copyError
    })
  }
  await unlink(from)
}

/**
 * Renames a file of the image folder to the kebab-case form of `newName` (its extension
 * kept), never over another file, and rewrites the saved post's references to it. The
 * result carries the post's new text and mtime; an editor with unsaved text applies
 * `rewriteImageReferences` (common/image-refs) to its own text instead.
 */
export async function renameImage(root: string, relPath: string, name: string, newName: string): Promise<RenamedImage> {
  const images = await postImages(root, relPath, '')
  const from = await imageFile(root, images, name)
  const base = kebabCase(isImageName(newName) ? stemOf(newName) : newName.trim())
  if (!base) throw new UserError('The new name needs letters or digits (a-z, 0-9).', 'invalid')
  const target = `${base}.${extensionOf(name)}`
  const to = join(dirname(from), target)
  const oldPath = `${images.folder}/${name}`
  const newPath = `${images.folder}/${target}`
  const post = await resolveInside(root, relPath)
  const decoded = await readText(post, relPath)
  if (target !== name) await moveNoReplace(from, to, () => new UserError(`${shortenPath(target)} already exists in ${shortenPath(images.folder)}; choose another name.`, 'exists'))
  const text = rewriteImageReferences(decoded.text, oldPath, newPath)
  let mtimeMs = decoded.mtimeMs
  if (text !== decoded.text) {
    try {
      mtimeMs = await writeAtomic(post, encodeText(text, decoded.encoding, decoded.eol), { label: relPath })
    } catch (error) {
      await moveNoReplace(to, from, () => new UserError(`${shortenPath(name)} could not be restored.`)).catch(() => undefined)
      throw error
    }
  }
  return { name: target, link: encodeLink(newPath), oldLink: encodeLink(oldPath), text, mtimeMs }
}

/**
 * Moves a file of the image folder to the trash. Refused while the saved post, or the editor
 * text when given, references it, so a delete never breaks the post.
 */
export async function deleteImage(root: string, relPath: string, name: string, trash: (path: string) => Promise<void>, text?: string): Promise<void> {
  const images = await postImages(root, relPath)
  const file = await imageFile(root, images, name)
  const path = nfc(`${images.folder}/${name}`)
  const lines = [images.text, text ?? ''].flatMap((t) => imageReferences(t).filter((ref) => ref.path && nfc(ref.path) === path).map((ref) => ref.line))
  if (lines.length) {
    const unique = [...new Set(lines)].sort((a, b) => a - b)
    throw new UserError(`${shortenPath(name)} is used in the post (line ${unique.join(', ')}); remove those references before deleting it.`, 'invalid')
  }
  await trash(file)
}
