import { copyFile, mkdir, open, readdir, realpath, stat, unlink } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { basename, dirname, join } from 'node:path'
import type { EventPayloads, ImportedImage, ImportSource, ImportSummary } from '../../common/api'
import { altFromFileName, encodeLink, extensionOf, freeImageName, importableExtensions, planImageName, type NamePlan } from '../../common/images'
import { imageFolderOf, postPattern } from '../../common/posts'
import { convertImage, copiesAsIs, defaultConvertOptions, describeImageError, extensionFor, sniffImage, SkipError, type ConvertOptions, type ImageInput, type SniffedImage } from './image-convert'
import { shortenPath } from '../../common/errors'
import { describeFsError, UserError } from './text-file'
import { resolveInside } from './workspace'

/** Progress of an import: `done` of `total` files finished, `current` the one that just did. */
export type ImportProgress = EventPayloads['importProgress']

/** Options of {@link importImages}; conversion settings left out take {@link defaultConvertOptions}. */
export interface ImportOptions extends Partial<ConvertOptions> {
  /** Text of the section heading the images were dropped under; names camera files. */
  heading: string | null
  /** Called once with done 0 when the files are known, then once per finished file, in order. */
  onProgress?(progress: ImportProgress): void
  /** Aborting stops starting new files and discards conversions not yet written; the summary says `cancelled`. */
  signal?: AbortSignal
  /** Files converted at once; defaults to the number of cores. */
  concurrency?: number
}

/** A file to import, after folders were expanded. */
interface Item {
  name: string
  input: ImageInput
}

const importable = new Set<string>(importableExtensions)
const folderDepth = 8

/**
 * Imports images into the post's `<slug>-images/` folder (created when needed): files,
 * whole folders (recursively) and pasted bytes. Each is converted (see convertImage),
 * named in kebab-case (camera names after the heading, numbered), and written under a name
 * no existing file has: an existing file is never overwritten, even by a concurrent import.
 * Files that cannot be imported are listed in `skipped` with a reason; the rest go on.
 * Plain Node: a benchmark or script can call it with a folder, a post and file paths.
 */
export async function importImages(root: string, relPath: string, sources: readonly ImportSource[], options: ImportOptions): Promise<ImportSummary> {
  if (!postPattern.test(relPath)) throw new UserError(`${shortenPath(relPath)} is not a post.`, 'invalid')
  const post = await resolveInside(root, relPath)
  if (!(await stat(post).then((s) => s.isFile(), () => false))) throw new UserError(`The post ${shortenPath(relPath)} does not exist.`, 'not-found')
  const settings: ConvertOptions = {
    maxEdge: options.maxEdge ?? defaultConvertOptions.maxEdge,
    quality: options.quality ?? defaultConvertOptions.quality,
    keepMetadata: options.keepMetadata ?? defaultConvertOptions.keepMetadata,
    keepOriginal: options.keepOriginal ?? defaultConvertOptions.keepOriginal
  }
  const folder = imageFolderOf(relPath)
  // Through resolveInside, so an image folder that is a link out of the opened folder is refused.
  const destDir = await resolveInside(root, join(dirname(relPath), folder))
  const { signal } = options
  const limit = Math.max(1, options.concurrency ?? availableParallelism())

  const early: ImportSummary['skipped'] = []
  const items = await expandSources(sources, early)
  const total = items.length
  options.onProgress?.({ done: 0, total, current: '' })

  // Headers first (fast), so names are planned in drop order whatever order conversions finish in.
  // A string in `sniffed` is a file that already is in the image folder: it is linked, not copied.
  const sniffed: (SniffedImage | string | null)[] = new Array(total).fill(null)
  const skipped: (ImportSummary['skipped'][number] | null)[] = new Array(total).fill(null)
  const realDestDir = await realpath(destDir).catch(() => null)
  await forEachLimit(items, limit, async (item, i) => {
    if (signal?.aborted) return
    try {
      sniffed[i] = (await alreadyIn(realDestDir, item.input)) ?? (await sniffImage(item.input))
    } catch (error) {
      skipped[i] = skipFor(item, error)
    }
  })
  const taken = new Set((await readdir(destDir).catch(() => [] as string[])).map((name) => name.toLowerCase()))
  const planned = items.map((item, i) => {
    const sniff = sniffed[i]
    if (!sniff || typeof sniff === 'string') return null
    const plan = planImageName(item.name, options.heading)
    const name = freeImageName(plan, extensionFor[sniff.output], taken)
    taken.add(name)
    return { plan, name, sniff }
  })

  const imported: (ImportedImage | null)[] = new Array(total).fill(null)
  let done = 0
  let folderMade: Promise<unknown> | null = null
  await forEachLimit(items, limit, async (item, i) => {
    if (signal?.aborted) return
    const sniff = sniffed[i]
    const plan = planned[i]
    try {
      if (typeof sniff === 'string') {
        imported[i] = { link: encodeLink(`${folder}/${sniff}`), alt: altFromFileName(sniff) }
      } else if (plan) {
        const bytes = copiesAsIs(plan.sniff, settings) ? null : await convertImage(item.input, plan.sniff, settings)
        if (signal?.aborted) return
        folderMade ??= mkdir(destDir, { recursive: true })
        await folderMade
        const name = await writeUnique(destDir, plan.name, plan.plan, extensionFor[plan.sniff.output], taken, bytes ?? item.input)
        imported[i] = { link: encodeLink(`${folder}/${name}`), alt: plan.plan.alt }
      }
    } catch (error) {
      skipped[i] = skipFor(item, error)
    }
    done++ // not inside the optional call below, which skips its arguments when there is no listener
    options.onProgress?.({ done, total, current: item.name })
  })

  return {
    imported: imported.filter((image): image is ImportedImage => image !== null),
    skipped: [...early, ...skipped.filter((skip) => skip !== null)],
    // Only when files were left out: a cancel after the last file finished changes nothing.
    cancelled: done < total
  }
}

/** The skipped-list entry for a failed file. */
function skipFor(item: Item, error: unknown): { name: string; reason: string } {
  if (error instanceof SkipError) return { name: item.name, reason: error.message }
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code && !['ENOENT', 'EACCES', 'EPERM'].includes(code)) return { name: item.name, reason: `could not write it: ${describeFsError(error)}` }
  return { name: item.name, reason: describeImageError(error) }
}

/** The file's name when it already is in the image folder (dragged from the gallery): linked, not copied. */
async function alreadyIn(realDestDir: string | null, input: ImageInput): Promise<string | null> {
  if (typeof input !== 'string' || !realDestDir) return null
  const real = await realpath(input).catch(() => input)
  return dirname(real) === realDestDir ? basename(real) : null
}

/** Turns the sources into files: folders expanded, empty and missing files put in `skipped`. */
async function expandSources(sources: readonly ImportSource[], skipped: ImportSummary['skipped']): Promise<Item[]> {
  const items: Item[] = []
  const addPath = async (path: string, depth: number, fromFolder: boolean): Promise<void> => {
    const name = basename(path)
    const info = await stat(path).catch((error: unknown) => error as Error)
    if (info instanceof Error) return void skipped.push({ name, reason: describeImageError(info) })
    if (info.isDirectory()) {
      if (depth > folderDepth) return
      const entries = await readdir(path).catch(() => [] as string[])
      entries.sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
      for (const entry of entries) {
        if (entry.startsWith('.')) continue
        const child = join(path, entry)
        const isDir = await stat(child).then((s) => s.isDirectory(), () => false)
        if (isDir || importable.has(extensionOf(entry))) await addPath(child, depth + 1, true)
      }
    } else if (!info.isFile()) {
      if (!fromFolder) skipped.push({ name, reason: 'not a file' })
    } else if (info.size === 0) {
      skipped.push({ name, reason: 'the file is empty' })
    } else {
      items.push({ name, input: path })
    }
  }
  for (const source of sources) {
    if (source.kind === 'path') {
      await addPath(source.path, 0, false)
    } else {
      const name = basename(source.name.replace(/\\/g, '/')) || 'image'
      if (source.bytes.length === 0) skipped.push({ name, reason: 'the file is empty' })
      else items.push({ name, input: source.bytes })
    }
  }
  return items
}

/**
 * Writes under `name`, or the next free name when that one appeared meanwhile (another
 * import, another program): the file is created exclusively ('wx') before anything is
 * written, so an existing file is never replaced. A partly written file is removed again.
 */
async function writeUnique(dir: string, name: string, plan: NamePlan, ext: string, taken: Set<string>, content: ImageInput): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const target = join(dir, name)
    let file
    try {
      file = await open(target, 'wx')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 1000) throw error
      taken.add(name)
      name = freeImageName(plan, ext, taken)
      taken.add(name)
      continue
    }
    try {
      if (typeof content === 'string') {
        await file.close()
        await copyFile(content, target) // onto the empty file this import just created
      } else {
        await file.writeFile(content)
        await file.close()
      }
      return name
    } catch (error) {
      await file.close().catch(() => undefined)
      await unlink(target).catch(() => undefined)
      throw error
    }
  }
}

/** Runs `fn` over the items, at most `limit` at a time. `fn` must not throw. */
async function forEachLimit<T>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      await fn(items[i]!, i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}
