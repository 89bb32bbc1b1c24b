import { lstat, mkdir, realpath, rmdir, stat } from 'node:fs/promises'
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ExportResult } from '../../common/api'
import { readFrontMatter } from '../../common/frontmatter'
import { baseName, imageFolderOf, postPattern } from '../../common/posts'
import { imageReferences } from '../../common/image-refs'
import { encodeLink } from '../../common/images'
import { finishExportTree, imageSources, renderExportTree, type ExportImage } from '../../common/export-body'
import { buildPage, pageMetaOf } from '../../common/export-page'
import { imageTypes } from './files'
import { describeFsError, shortenPath } from '../../common/errors'
import { readRegularFile } from './regular-file'
import { readText, UserError, writeAtomic } from './text-file'
import { isInside } from './workspace'
import { foldName } from '../../common/export-names'
import { ImageCopies, inlineImages, keepOthersImages, once, previousImages, removeStale, type FoundImage, type LocalImage } from './export-images'

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
  throw new UserError(`The export theme (${themeFileName}) was not found in ${candidates.join(' or ')}.`, 'not-found')
}

/** The theme CSS: the caller's file, or the bundled `resources/theme/export.css`. */
export async function loadTheme(themeFile?: string, resourcesDir?: string): Promise<string> {
  const file = themeFile ?? join(await findResourcesDir(resourcesDir), themeFileName)
  return readRegularFile(file, { label: basename(file) }).then(
    (read) => read.bytes.toString('utf8'),
    (error: unknown) => {
      throw new UserError(`Could not read the theme ${basename(file)}: ${error instanceof UserError ? error.message : `${describeFsError(error)}.`}`, 'invalid')
    }
  )
}

/**
 * Exports one post to HTML through the one markdown pipeline. Only files inside the post's
 * own folder are read; an image pointing elsewhere (`..`, an absolute path, a symlink out)
 * is left out with a warning. Nothing is written under the page's or the images' names
 * until every check has passed and every image is copied; a failed export removes what it made.
 */
export async function exportPost(postFile: string, options: ExportOptions): Promise<ExportResult> {
  const post = await realpath(postFile).catch(() => {
    throw new UserError(`${shortenPath(basename(postFile))} does not exist.`, 'not-found')
  })
  if (!postPattern.test(post) || !(await stat(post)).isFile()) throw new UserError(`${shortenPath(basename(postFile))} is not a markdown post (.md).`, 'invalid')
  const postDir = dirname(post)
  const imageFolder = imageFolderOf(basename(post))
  const name = options.name ?? baseName(basename(post))
  const outDir = resolve(options.outDir)
  const htmlPath = join(outDir, `${name}.html`)
  const imagesDirName = `${name}-images`
  const imagesDir = join(outDir, imagesDirName)
  const overwrite = options.overwrite === true
  const warnings: string[] = []

  const [css, { text }] = await Promise.all([loadTheme(options.themeFile, options.resourcesDir), readText(post, basename(post))])
  const frontMatter = readFrontMatter(text)
  if (frontMatter.error) warnings.push(frontMatter.error)

  const lookups = new Map<string, Promise<FoundImage>>()
  const find = (src: string) => once(lookups, src, () => findImage(postDir, src, imageFolder))
  // The render is most of an export. The folder form copies the images the text names while
  // it runs (copies wait on the disk, not the CPU), unless the export is bound to be refused.
  // Not a single file: inlining is CPU work that would only slow the render down.
  const copyAhead = !options.singleFile && (overwrite || !(await Promise.all([exists(htmlPath), exists(imagesDir)])).includes(true))
  const references = imageReferences(text).flatMap((ref) => (ref.path ? [{ ...ref, link: encodeLink(ref.path) }] : []))
  let copies = copyAhead ? await ImageCopies.ahead(references.map((ref) => find(ref.link)), outDir, imagesDirName) : null
  let written = false
  try {
    const tree = renderExportTree(text)
    const sources = imageSources(tree, { links: !options.singleFile })
    // The folder form takes every image the post publishes, also those the page does not show
    // (`<source srcset>`, `<video poster>`: the sanitizer drops them), so it agrees with the gallery.
    if (!options.singleFile) for (const ref of references) if (!ref.inNote && !sources.has(ref.link)) sources.set(ref.link, ref.line)
    const { images, local } = await resolveImages(sources, find, options.singleFile, warnings)
    const used = [...new Set(local.values())] // each file once, in the order the post uses them
    await refuseExisting(htmlPath, options.singleFile || !used.length ? null : imagesDir, overwrite)
    if (!options.singleFile && used.length) await refuseSourceOverwrite(imagesDir, [...used.map((image) => image.file), post])

    // What the page being replaced showed from its images folder, read before it goes: only
    // those files are the export's to replace or remove.
    const previous = overwrite ? await previousImages(htmlPath, imagesDirName) : []
    if (!options.singleFile && used.length) await keepOthersImages(used, imagesDir, previous)

    let done = 0
    const progress = (image: LocalImage) => options.onProgress?.({ done: ++done, total: used.length, current: image.outName })
    if (used.length) options.onProgress?.({ done, total: used.length, current: used[0]!.outName })
    let exported = new Map<string, ExportImage>()
    if (options.singleFile) exported = await inlineImages(used, options.maxImageWidth, warnings, progress)
    else if (used.length) {
      copies ??= await ImageCopies.create(outDir, imagesDirName)
      exported = await copies.finish(used, imagesDir, imagesDirName, progress)
    }
    for (const [src, image] of local) images.set(src, exported.get(image.file) ?? null)

    warnings.push(...finishExportTree(tree, { images, singleFile: options.singleFile }))
    const meta = pageMetaOf(frontMatter.data, tree, name)
    await mkdir(outDir, { recursive: true })
    await writeAtomic(htmlPath, Buffer.from(buildPage(meta, tree, { css, singleFile: options.singleFile })))
    written = true
    const kept = new Set(options.singleFile ? [] : used.map((image) => image.outName))
    await removeStale(imagesDir, previous.filter((outName) => !kept.has(outName)))
    if (previous.length && !kept.size) await rmdir(imagesDir).catch(() => undefined) // left empty, it is no one's
    return { outPath: htmlPath, warnings }
  } finally {
    await copies?.dispose(written)
  }
}

/**
 * What each image source of the rendered post becomes: web images and refused ones (with a
 * warning) are settled here; local files come back by source, one object per file, with
 * names made unique in the order the post first uses them.
 */
async function resolveImages(
  sources: Map<string, number>,
  find: (src: string) => Promise<FoundImage>,
  singleFile: boolean,
  warnings: string[]
): Promise<{ images: Map<string, ExportImage | null>; local: Map<string, LocalImage> }> {
  const images = new Map<string, ExportImage | null>()
  const local = new Map<string, LocalImage>()
  const byFile = new Map<string, LocalImage>()
  const usedNames = new Set<string>()
  const found = await Promise.all([...sources.keys()].map(find))
  for (const [i, [src, line]] of [...sources].entries()) {
    const image = found[i]!
    if ('remote' in image) {
      if (singleFile) warnings.push(`line ${line}: the web image ${src} was left out (a single-file export only holds local images)`)
      images.set(src, singleFile ? null : { url: src })
    } else if ('refused' in image) {
      warnings.push(`line ${line}: image ${src} was left out: ${image.refused}`)
      images.set(src, null)
    } else {
      local.set(src, once(byFile, image.file, () => ({ ...image, outName: uniqueName(image.outName, usedNames) })))
    }
  }
  return { images, local }
}

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
  const folder = join(postDir, imageFolder)
  const outName = isInside(folder, real) ? relative(folder, real).split(sep).join('/') : basename(real)
  return { file: real, type, outName }
}

/** `a.jpg`, then `a-2.jpg`, ... (unique ignoring case and Unicode form, as on macOS and Windows). */
function uniqueName(name: string, used: Set<string>): string {
  const ext = extname(name)
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${name.slice(0, name.length - ext.length)}-${n}${ext}`
    if (!used.has(foldName(candidate))) {
      used.add(foldName(candidate))
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
      if (sources.some((file) => isInside(target, file))) throw new UserError(`Exporting to “${shortenPath(basename(imagesDir))}” would overwrite the post's own files; choose another folder.`, 'exists')
      return
    }
    rest.unshift(basename(existing))
    if (dirname(existing) === existing) return
    existing = dirname(existing)
  }
}

