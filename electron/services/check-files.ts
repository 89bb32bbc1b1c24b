import { lstat, readdir, realpath } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { Diagnostic } from '../../common/api'
import { imageReferences, type CheckOptions, type PostFileFacts } from '../../common/check'
import { checkOffThread } from './check-thread'
import { imageFolderOf } from '../../common/posts'
import { isInside, resolveInside } from './workspace'

/** More references than any real post has; a bigger list is not looked up (it would only be slow). */
const maxLookups = 5000

/**
 * Gathers what the post checker needs from disk for the post at `postFile`: the files in its
 * `<slug>-images/` folder and which of the images it refers to exist. It only looks inside
 * the post's own folder: references are normalised by common/check (no `..` beyond it), a
 * name must match exactly (case included, as on web servers), and a symlink that leads out
 * of the folder is reported as escaping rather than followed further.
 */
export async function gatherPostFiles(postFile: string, text: string): Promise<PostFileFacts> {
  const folder = dirname(postFile)
  const realFolder = await realpath(folder)
  const imageFolder = imageFolderOf(basename(postFile))
  const listing = await readdir(join(realFolder, imageFolder), { withFileTypes: true }).catch(() => [])
  const imageFiles = listing.filter((e) => e.isFile() || e.isSymbolicLink()).map((e) => `${imageFolder}/${e.name}`)

  const paths = new Set<string>()
  for (const ref of imageReferences(text)) if (ref.path) paths.add(ref.path)
  const existing: string[] = []
  const escaping: string[] = []
  const names = new Map<string, Promise<Set<string>>>()
  const namesIn = (dir: string) => {
    if (!names.has(dir)) names.set(dir, readdir(dir).then((n) => new Set(n), () => new Set<string>()))
    return names.get(dir) as Promise<Set<string>>
  }
  for (const path of [...paths].slice(0, maxLookups)) {
    if (path.includes('\0')) continue
    const full = join(realFolder, ...path.split('/'))
    if (!isInside(realFolder, full) || !(await namesIn(dirname(full))).has(basename(full))) continue
    const info = await lstat(full).catch(() => null)
    if (!info) continue
    const real = info.isSymbolicLink() || path.includes('/') ? await realpath(full).catch(() => null) : full
    if (real === null) continue
    if (!isInside(realFolder, real)) escaping.push(path)
    else if (info.isFile() || (info.isSymbolicLink() && (await lstat(real).catch(() => null))?.isFile())) existing.push(path)
  }
  return { imageFiles, existing, escaping }
}

/**
 * Checks a post of the opened folder as the editor holds it (the `checkPost` call): the
 * files are looked up here, the checking itself runs on the checker thread.
 */
export async function checkPostInFolder(root: string, relPath: string, text: string, options?: CheckOptions): Promise<Diagnostic[]> {
  const file = await resolveInside(root, relPath)
  return checkOffThread({ text, relPath, files: await gatherPostFiles(file, text), ...(options ? { options } : {}) })
}
