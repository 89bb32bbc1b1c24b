import { copyFile, lstat, mkdir, readFile, realpath, rm, stat } from 'node:fs/promises'
import { constants } from 'node:fs'
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'
import type { ExportResult } from '../../common/api'
import { readFrontMatter } from '../../common/frontmatter'
import { baseName, imageFolderOf, postPattern } from '../../common/posts'
import { finishExportTree, imageSources, renderExportTree, type ExportImage } from '../../common/export-body'
import { buildPage, pageMetaOf } from '../../common/export-page'
import { imageTypes } from './files'
import { readText, UserError, writeAtomic } from './text-file'
import { isInside } from './workspace'

/** How far an export has got: images are the slow part of a photo-heavy post. */
export interface ExportProgress {
  done: number
  total: number
  current: string
}

/** Where and how {@link exportPost} writes a post. */
export interface ExportOptions {
  /** One self-contained `.html` with images inlined as data URIs, instead of page + images folder. */
  singleFile: boolean
  /** The folder the page is written to; created when missing. */
  outDir: string
  /** Base name of the page, `<name>.html` (its images go to `<name>-images/`); default the post's slug. */
  name?: string
  /** Replace an existing page (and images of the same name); without it an existing target is an error. */
  overwrite?: boolean
  /** A CSS file used instead of the bundled theme. */
  themeFile?: string
  /** Where `theme/export.css` lives; found next to the code when not given. */
  resourcesDir?: string
  /** Single file only: downscale inlined raster images wider than this (pixels). */
  maxImageWidth?: number
  onProgress?(progress: ExportProgress): void
}

/** The target already exists and the caller did not ask to overwrite it. */
export class ExportTargetExistsError extends UserError {
  override name = 'ExportTargetExistsError'
}

const themeFileName = join('theme', 'export.css')

/**
 * The resources folder: the given one, else the nearest `resources/` above this module
 * (the source tree's `electron/services`, or the bundle's `out/main` and `out/main/chunks`),
 * else the packaged app's `process.resourcesPath/resources`.
 */
export async function findResourcesDir(explicit?: string): Promise<string> {
  const here = dirname(fileURLToPath(import.meta.url))
  const packaged = (process as { resourcesPath?: string }).resourcesPath
  const above = [1, 2, 3, 4].map((up) => join(here, ...Array<string>(up).fill('..'), 'resources'))
  const candidates = explicit ? [explicit] : [...above, ...(packaged ? [join(packaged, 'resources')] : [])]
  for (const dir of candidates) {
    if (await stat(join(dir, themeFileName)).then((s) => s.isFile(), () => false)) return dir
  }
  throw new UserError(`The export theme (${themeFileName}) was not found in ${candidates.join(' or ')}.`)
}

/** The theme CSS: the caller's file, or the bundled `resources/theme/export.css`. */
export async function loadTheme(themeFile?: string, resourcesDir?: string): Promise<string> {
  const file = themeFile ?? join(await findResourcesDir(resourcesDir), themeFileName)
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UserError(`Could not read the theme ${file}: ${error.code ?? error.message}`)
  })
}

/** An image the post uses, found inside the post's folder. */
interface LocalImage {
  file: string
  type: string
  /** Path inside the exported images folder, `/`-separated. */
  outName: string
}

/**
 * Exports one post to HTML through the one markdown pipeline. Only files inside the post's
 * own folder are read; an image pointing elsewhere (`..`, an absolute path, a symlink out)
 * is left out with a warning. Nothing is written until every check has passed.
 */
export async function exportPost(postFile: string, options: ExportOptions): Promise<ExportResult> {
  const post = await realpath(postFile).catch(() => {
    throw new UserError(`${postFile} does not exist.`)
  })
  if (!postPattern.test(post) || !(await stat(post)).isFile()) throw new UserError(`${postFile} is not a markdown post (.md).`)
  const postDir = dirname(post)
  const name = options.name ?? baseName(basename(post))
  const outDir = resolve(options.outDir)
  const htmlPath = join(outDir, `${name}.html`)
  const imagesDirName = `${name}-images`
  const imagesDir = join(outDir, imagesDirName)
  const warnings: string[] = []

  const css = await loadTheme(options.themeFile, options.resourcesDir)
  const { text } = await readText(post)
  const frontMatter = readFrontMatter(text)
  if (frontMatter.error) warnings.push(frontMatter.error)
  const tree = renderExportTree(text)

  // Each image source ends as the URL to emit (or null: left out); local files are read later.
  const images = new Map<string, ExportImage | null>()
  const pending = new Map<string, string>()
  const local = new Map<string, LocalImage>()
  const usedNames = new Set<string>()
  for (const [src, line] of imageSources(tree)) {
    const found = await findImage(postDir, src, imageFolderOf(basename(post)))
    if ('remote' in found) {
      if (options.singleFile) warnings.push(`line ${line}: the web image ${src} was left out (a single-file export only holds local images)`)
      images.set(src, options.singleFile ? null : { url: src })
    } else if ('refused' in found) {
      warnings.push(`line ${line}: image ${src} was left out: ${found.refused}`)
      images.set(src, null)
    } else {
      const known = local.get(found.file) ?? { ...found, outName: uniqueName(found.outName, usedNames) }
      local.set(found.file, known)
      pending.set(src, found.file)
    }
  }

  await refuseExisting(htmlPath, options.singleFile || local.size === 0 ? null : imagesDir, options.overwrite === true)
  if (!options.singleFile && local.size) await refuseSourceOverwrite(imagesDir, [...local.keys(), post])

  // Images: copied beside the page, or inlined. Each source file is handled once, several
  // at a time (copies and sharp's header reads wait on the disk, not the CPU).
  const exported = new Map<string, ExportImage>()
  const queue = [...local.values()]
  let done = 0
  const worker = async () => {
    for (let image = queue.shift(); image; image = queue.shift()) {
      exported.set(image.file, options.singleFile ? await inlineImage(image, options.maxImageWidth, warnings) : await copyImage(image, imagesDir, imagesDirName))
      options.onProgress?.({ done: ++done, total: local.size, current: image.outName })
    }
  }
  if (local.size) options.onProgress?.({ done, total: local.size, current: queue[0]!.outName })
  await Promise.all(Array.from({ length: Math.min(8, queue.length) }, worker))
  for (const [src, file] of pending) images.set(src, exported.get(file) ?? null)

  warnings.push(...finishExportTree(tree, { images, singleFile: options.singleFile }))
  const meta = pageMetaOf(frontMatter.data, tree, name)
  await mkdir(outDir, { recursive: true })
  await writeAtomic(htmlPath, Buffer.from(buildPage(meta, tree, { css, singleFile: options.singleFile })))
  return { outPath: htmlPath, warnings }
}

type FoundImage = LocalImage | { remote: true } | { refused: string }

/**
 * Locates an image reference inside the post's folder. References with a scheme are web
 * images; everything else must be a relative path that stays inside the folder after
 * decoding and following symlinks, and name an image file.
 */
async function findImage(postDir: string, src: string, imageFolder: string): Promise<FoundImage> {
  if (/^https?:\/\//i.test(src) || src.startsWith('//')) return { remote: true }
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) && !/^[a-z]:[\\/]/i.test(src)) return { refused: 'only relative paths and web addresses are exported' }
  let path: string
  try {
    path = decodeURIComponent(src.replace(/[?#].*$/, ''))
  } catch {
    return { refused: 'the path is not valid' }
  }
  if (isAbsolute(path) || /^[a-z]:/i.test(path) || path.startsWith('\\') || path.includes('\0')) {
    return { refused: 'absolute paths are not exported; keep images in the post’s folder' }
  }
  const target = resolve(postDir, path)
  if (!isInside(postDir, target)) return { refused: 'it is outside the post’s folder' }
  const real = await realpath(target).catch(() => null)
  if (!real) return { refused: 'the file does not exist' }
  if (!isInside(postDir, real)) return { refused: 'it links to a file outside the post’s folder' }
  const type = imageTypes[extname(real).toLowerCase()]
  if (!type) return { refused: 'it is not an image file' }
  if (!(await stat(real)).isFile()) return { refused: 'it is not a file' }
  // Keep paths below the post's image folder as they are; anything else goes in flat.
  const inFolder = relative(join(postDir, imageFolder), real)
  const outName = inFolder && !inFolder.startsWith('..') && !isAbsolute(inFolder) ? inFolder.split(sep).join('/') : basename(real)
  return { file: real, type, outName }
}

/** `a.jpg`, then `a-2.jpg`, ... (case-insensitively unique, as on macOS and Windows). */
function uniqueName(name: string, used: Set<string>): string {
  const ext = extname(name)
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${name.slice(0, name.length - ext.length)}-${n}${ext}`
    if (!used.has(candidate.toLowerCase())) {
      used.add(candidate.toLowerCase())
      return candidate
    }
  }
}

const exists = (path: string): Promise<boolean> => lstat(path).then(() => true, () => false)

async function refuseExisting(htmlPath: string, imagesDir: string | null, overwrite: boolean): Promise<void> {
  if (overwrite) return
  const taken = [htmlPath, ...(imagesDir ? [imagesDir] : [])]
  for (const path of taken) {
    if (await exists(path)) throw new ExportTargetExistsError(`${path} already exists; export again with overwrite (--force) to replace it.`)
  }
}

/** Exporting into the post's own image folder would copy files onto themselves. */
async function refuseSourceOverwrite(imagesDir: string, sources: string[]): Promise<void> {
  let existing = imagesDir
  const rest: string[] = []
  for (;;) {
    const real = await realpath(existing).catch(() => null)
    if (real) {
      const target = join(real, ...rest)
      if (sources.some((file) => isInside(target, file))) throw new UserError(`Exporting to ${imagesDir} would overwrite the post's own files; choose another folder.`)
      return
    }
    rest.unshift(basename(existing))
    if (dirname(existing) === existing) return
    existing = dirname(existing)
  }
}

/** Copies an image beside the page; its URL is relative to the page. */
async function copyImage(image: LocalImage, imagesDir: string, imagesDirName: string): Promise<ExportImage> {
  const target = join(imagesDir, ...image.outName.split('/'))
  await mkdir(dirname(target), { recursive: true })
  // Remove rather than write through: an existing target may be a symlink to anywhere.
  await rm(target, { force: true })
  await copyFile(image.file, target, constants.COPYFILE_EXCL)
  const url = [imagesDirName, ...image.outName.split('/')].map(encodeURIComponent).join('/')
  return { url, ...(await sizeOf(image.file)) }
}

/** Display size of an image (EXIF rotation applied), or nothing when sharp cannot read it. */
async function sizeOf(input: string | Buffer): Promise<{ width?: number; height?: number }> {
  try {
    const { width, height, orientation } = await sharp(input).metadata()
    if (!width || !height) return {}
    return orientation && orientation >= 5 ? { width: height, height: width } : { width, height }
  } catch {
    return {}
  }
}

const sharpFormats: Record<string, 'jpeg' | 'png' | 'webp' | 'avif'> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/avif': 'avif'
}

/** Reads an image as a data URI, downscaled when asked and when that makes it smaller. */
async function inlineImage(image: LocalImage, maxWidth: number | undefined, warnings: string[]): Promise<ExportImage> {
  let bytes = await readFile(image.file)
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
  return { url: `data:${image.type};base64,${bytes.toString('base64')}`, ...(await sizeOf(bytes)) }
}
