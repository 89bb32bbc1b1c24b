import { baseName } from './posts'

/**
 * Which posts of a folder export cannot be written without one replacing another's files.
 * A post `dir/name.md` is written as `dir/name.html` with its images in `dir/name-images/`,
 * so `trip.md`, `trip.markdown` and `Trip.MD` all claim the same page. Names are compared as
 * a case-insensitive, normalisation-insensitive disk (macOS, Windows) compares them, on every
 * platform: the output folder may be on such a disk even when the posts are not.
 */

/** A name as macOS and Windows disks compare it: one Unicode form (NFC), one case. */
export const foldName = (name: string): string => name.normalize('NFC').toLowerCase()

const folding = '(export names ignore case and accents’ Unicode form, as macOS and Windows disks do)'

/**
 * For each post of `relPaths` (`/`-separated, relative to the exported folder) that must not be
 * exported, why, in a sentence. Every post of a clash is refused, so which one survives never
 * depends on the order the files are listed in; and a link to `trip.markdown`, which the export
 * points at `trip.html`, never lands on another post's page.
 */
export function exportClashes(relPaths: string[]): Map<string, string> {
  const refused = new Map<string, string>()
  const byPage = new Map<string, string[]>()
  for (const relPath of relPaths) {
    const key = foldName(pageStem(relPath))
    byPage.set(key, [...(byPage.get(key) ?? []), relPath])
  }
  for (const [key, group] of byPage) {
    if (group.length < 2) continue
    const names = [...group].sort()
    const list = names.length === 2 ? `${names[0]} and ${names[1]} would both` : `${names.slice(0, -1).join(', ')} and ${names.at(-1)} would all`
    const why = `${list} be exported as ${key}.html ${folding}; rename all but one, or export it on its own to another --out folder.`
    for (const relPath of group) refused.set(relPath, why)
  }
  // A page inside another page's images folder (or in a folder named like a page) would mix
  // its files with that page's, and a re-export of either would replace or remove the other's.
  const owners = new Map<string, string>()
  for (const [key, group] of byPage) for (const relPath of group) owners.set(`${key}-images`, relPath).set(`${key}.html`, relPath)
  for (const relPath of relPaths) {
    if (refused.has(relPath)) continue
    const folders = relPath.split('/').slice(0, -1)
    for (let depth = 1; depth <= folders.length; depth++) {
      const folder = foldName(folders.slice(0, depth).join('/'))
      const owner = owners.get(folder)
      if (!owner) continue
      const what = folder.endsWith('.html') ? 'the page' : 'the images folder'
      refused.set(relPath, `its page would be written into ${folder}/, ${what} of ${owner} ${folding}; move or rename it.`)
      break
    }
  }
  return refused
}

/** `2024/trip.md` -> `2024/trip`: the page's path without `.html`. */
const pageStem = (relPath: string): string => {
  const slash = relPath.lastIndexOf('/')
  return `${relPath.slice(0, slash + 1)}${baseName(relPath)}`
}
