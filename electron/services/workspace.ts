import { mkdir, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises'
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import GithubSlugger from 'github-slugger'
import type { Encoding, PostFile, PostSummary, SaveResult } from '../../common/api'
import { summarizePost, baseName, imageFolderOf, postPattern } from '../../common/posts'
import { shortenPath, toUserError } from '../../common/errors'
import { findPostFiles } from './posts-walk'
import { encodeText, largePostBytes, queueByKey, readText, UserError, writeAtomic } from './text-file'


/** True when `child` is `parent` or inside it (both absolute, normalised). */
export const isInside = (parent: string, child: string): boolean => {
  const rel = relative(parent, child)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

/**
 * Resolves a folder-relative path to an absolute one that is guaranteed to stay inside the
 * folder, following symlinks: `..`, absolute paths and links pointing out are refused.
 * A path that does not exist yet is checked through its nearest existing parent.
 */
export async function resolveInside(root: string, relPath: string): Promise<string> {
  const realRoot = await realpath(root)
  const target = resolve(realRoot, relPath)
  if (!isInside(realRoot, target)) throw new UserError(`${shortenPath(relPath)} is outside the opened folder.`, 'invalid')
  let existing = target
  const rest: string[] = []
  for (;;) {
    try {
      const real = await realpath(existing)
      if (!isInside(realRoot, real)) throw new UserError(`${shortenPath(relPath)} points outside the opened folder.`, 'invalid')
      return join(real, ...rest)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      rest.unshift(basename(existing))
      existing = dirname(existing)
    }
  }
}

/** Converts an absolute path inside the folder to the contract's relative form. */
export const toRelPath = (root: string, absolute: string): string => relative(root, absolute).split(sep).join('/')

/**
 * Summaries by file with the modification time and size they were read at, so that listing
 * the folder again (after every save or outside change) reads only the posts that changed.
 */
export type PostCache = Map<string, { mtimeMs: number; size: number; summary: PostSummary }>

/**
 * Every markdown post in the folder (sub-folders included, image folders skipped), sorted by
 * path. With a cache, a post whose time and size are unchanged is not read again.
 */
export async function listPosts(root: string, cache?: PostCache): Promise<PostSummary[]> {
  const files = await findPostFiles(root)
  const posts = await Promise.all(files.map((file) => (cache ? cachedSummary(root, file, cache) : summarizeFile(root, file))))
  if (cache) {
    const listed = new Set(files)
    for (const file of cache.keys()) if (!listed.has(file)) cache.delete(file)
  }
  return posts.sort((a, b) => a.relPath.localeCompare(b.relPath))
}

async function cachedSummary(root: string, file: string, cache: PostCache): Promise<PostSummary> {
  const info = await stat(file).catch(() => null)
  const cached = cache.get(file)
  if (info && cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.summary
  const summary = await summarizeFile(root, file)
  // Kept only when the read saw the version stat did: not a failed read, not a file changed since.
  if (info && summary.mtimeMs === info.mtimeMs) cache.set(file, { mtimeMs: info.mtimeMs, size: info.size, summary })
  else cache.delete(file)
  return summary
}

async function summarizeFile(root: string, file: string): Promise<PostSummary> {
  const relPath = toRelPath(root, file)
  try {
    const { text, mtimeMs } = await readText(file, relPath)
    return summarizePost(relPath, text, mtimeMs)
  } catch (error) {
    const problem = toUserError(error, { action: 'read', path: relPath }).message
    return { relPath, title: baseName(relPath), date: null, category: null, tags: [], mtimeMs: 0, problem }
  }
}

/** Opens a post for editing, decoded, with its line endings normalised to LF. */
export async function readPost(root: string, relPath: string): Promise<PostFile> {
  let decoded
  try {
    decoded = await readText(await resolveInside(root, relPath), relPath)
  } catch (error) {
    throw toUserError(error, { action: 'open', path: relPath })
  }
  const warnings: string[] = []
  if (decoded.size > largePostBytes) warnings.push(`This post is very large (${Math.round(decoded.size / 1048576)} MB); the preview shows only its beginning, and it is not checked.`)
  if (decoded.encoding === 'latin1' || decoded.encoding === 'windows-1252') {
    warnings.push(`This post is stored as ${decoded.encoding}; Folio saves it back the same way.`)
  }
  return { relPath, text: decoded.text, mtimeMs: decoded.mtimeMs, encoding: decoded.encoding, eol: decoded.eol, warning: warnings.join(' ') || null }
}

/** What the user can do about a post that is read-only; the renderer offers it as a button. */
const readOnlyHint = 'Save it as a new post instead; your text is still in the editor.'

/** Saves of one post, one after the other: each checks the disk and writes before the next looks. */
const oneSaveAtATime = queueByKey()

/**
 * Saves a post atomically in its existing encoding and line endings. When the file changed
 * on disk since the editor loaded it (another program saved it), the save is refused so
 * that change is never overwritten without the user's say; `force` overwrites it. A post
 * deleted or renamed away on disk is written again (its folder too), in the encoding and
 * line endings the editor opened it with. Saves of one post run in the order they were asked for.
 */
export function savePost(root: string, relPath: string, options: SaveOptions): Promise<SaveResult> {
  return oneSaveAtATime(resolve(root, relPath), () => saveNow(root, relPath, options))
}

type SaveOptions = { text: string; expectedMtimeMs: number | null; force?: boolean; encoding?: Encoding; eol?: 'lf' | 'crlf' }

async function saveNow(root: string, relPath: string, options: SaveOptions): Promise<SaveResult> {
  const shown = shortenPath(relPath)
  const file = await resolveInside(root, relPath).catch((error: unknown) => {
    throw toUserError(error, { action: 'save', path: relPath })
  })
  let current: Awaited<ReturnType<typeof readText>> | null = null
  try {
    current = await readText(file, relPath)
  } catch (error) {
    if (error instanceof UserError) throw new UserError(`Could not save ${shown}: the file on disk is not a post Folio can write. ${error.message}`, error.code)
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw toUserError(error, { action: 'save', path: relPath })
  }
  if (current && options.expectedMtimeMs !== null && !options.force && current.mtimeMs !== options.expectedMtimeMs) {
    throw new UserError(`${shown} was changed on disk by another program since you opened it. Reload it or overwrite it.`, 'conflict')
  }
  const bytes = encodeText(options.text, current?.encoding ?? options.encoding ?? 'utf8', current?.eol ?? options.eol ?? 'lf')
  if (!current) await mkdir(dirname(file), { recursive: true }).catch(() => undefined)
  return { mtimeMs: await writeAtomic(file, bytes, { label: relPath, readOnlyHint }) }
}

/**
 * Saves text as a new post beside `relPath`, named after `name` (its slug, made unique in the
 * folder: never over another file), in the given encoding and line endings. The way out of a
 * post that cannot be written; the original is not touched.
 */
export async function savePostAs(root: string, relPath: string, name: string, options: { text: string; encoding?: Encoding; eol?: 'lf' | 'crlf' }): Promise<PostSummary> {
  const dir = dirname(await resolveInside(root, relPath))
  const bytes = encodeText(options.text, options.encoding ?? 'utf8', options.eol ?? 'lf')
  for (let attempt = 0; ; attempt++) {
    const target = join(dir, `${await freeSlug(dir, name.replace(postPattern, ''))}.md`)
    try {
      // Claimed exclusively, so a file that appeared since freeSlug looked is never replaced.
      await writeFile(target, '', { flag: 'wx' })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 100) continue
      throw toUserError(error, { action: 'save a new post beside', path: relPath })
    }
    await writeAtomic(target, bytes, { label: toRelPath(dir, target) }).catch(async (error: unknown) => {
      await unlink(target).catch(() => undefined)
      throw error
    })
    return summarizePost(toRelPath(await realpath(root), target), options.text, (await stat(target)).mtimeMs)
  }
}

/** A file name for a new post: the GitHub slug of its title, made unique in the folder. */
async function freeSlug(dir: string, title: string): Promise<string> {
  const base = new GithubSlugger().slug(title) || 'untitled'
  for (let n = 0; ; n++) {
    const slug = n === 0 ? base : `${base}-${n}`
    const taken = await Promise.all([stat(join(dir, `${slug}.md`)), stat(join(dir, `${slug}-images`))].map((p) => p.then(() => true, () => false)))
    if (!taken.includes(true)) return slug
  }
}

/** Creates `<slug>.md` with front matter and a first heading, and its empty image folder. */
export async function createPost(root: string, title: string): Promise<PostSummary> {
  const realRoot = await realpath(root)
  const slug = await freeSlug(realRoot, title)
  const text = `---\ntitle: ${JSON.stringify(title)}\ncategory:\ntags: []\n---\n\n# ${title}\n\n`
  const file = join(realRoot, `${slug}.md`)
  await writeFile(file, text, { flag: 'wx' })
  await mkdir(join(realRoot, `${slug}-images`), { recursive: true })
  return summarizePost(`${slug}.md`, text, (await stat(file)).mtimeMs)
}

/**
 * Renames a post to the slug of a new name, moving its image folder with it and rewriting
 * the post's links into that folder. Never replaces an existing post.
 */
export async function renamePost(root: string, relPath: string, newName: string): Promise<PostSummary> {
  const file = await resolveInside(root, relPath)
  const dir = dirname(file)
  const oldImages = imageFolderOf(relPath)
  const slug = await freeSlug(dir, newName.replace(postPattern, ''))
  const target = join(dir, `${slug}.md`)
  const decoded = await readText(file, relPath)
  const images = join(dir, oldImages)
  const hasImages = await stat(images).then((s) => s.isDirectory(), () => false)
  const text = hasImages ? rewriteImageFolder(decoded.text, oldImages, `${slug}-images`) : decoded.text
  // The renamed post is written first: if that fails, nothing has moved yet.
  await writeAtomic(target, encodeText(text, decoded.encoding, decoded.eol))
  if (hasImages) {
    try {
      await rename(images, join(dir, `${slug}-images`))
    } catch (error) {
      await unlink(target)
      const failure = toUserError(error, { action: 'rename', path: relPath })
      throw new UserError(`${failure.message} Nothing was changed.`, failure.code)
    }
  }
  await unlink(file)
  return summarizePost(toRelPath(await realpath(root), target), text, (await stat(target)).mtimeMs)
}

/** Rewrites links that start with `<old>/` (markdown and HTML) to start with `<new>/`. */
export function rewriteImageFolder(text: string, oldFolder: string, newFolder: string): string {
  const escaped = oldFolder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return text.replace(new RegExp(`(\\]\\(<?|src=["']|\\]:\\s*<?)(\\./)?${escaped}/`, 'g'), `$1$2${newFolder}/`)
}

/** Moves a post, and its image folder when it has one, to the trash (never deletes outright). */
export async function deletePostFile(root: string, relPath: string, trash: (path: string) => Promise<void>): Promise<void> {
  const file = await resolveInside(root, relPath)
  await trash(file)
  const images = join(dirname(file), imageFolderOf(relPath))
  if (await stat(images).then((s) => s.isDirectory(), () => false)) await trash(images)
}
