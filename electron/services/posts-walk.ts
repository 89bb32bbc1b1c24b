import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { postPattern } from '../../common/posts'

/** Folders that are never the blog's: version control, packages, Folio's own state. */
const skippedFolders = new Set(['node_modules', '.git', '.folio'])

/**
 * How many folders deep posts are looked for: a Hugo page bundle sits five below the site
 * (content/posts/2025/09/harbour/index.md); a few more for hand-made trees, no more so that
 * opening a home folder by mistake stays quick.
 */
export const postFolderDepth = 8

/**
 * The markdown posts of a folder and its sub-folders, as absolute paths in walk order:
 * hidden folders, `node_modules`, `.folio` and `<slug>-images/` folders are skipped, and
 * symlinked folders are not followed (no loops). The app's post list, `folio check` and
 * `folio export` all find posts with this one walk. Unreadable folders are passed over.
 */
export async function findPostFiles(root: string): Promise<string[]> {
  const files: string[] = []
  const walk = async (dir: string, depth: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') || skippedFolders.has(entry.name)) continue
      const full = join(dir, entry.name)
      if (entry.isDirectory() && depth < postFolderDepth && !entry.name.endsWith('-images')) await walk(full, depth + 1)
      else if (entry.isFile() && postPattern.test(entry.name)) files.push(full)
    }
  }
  await walk(root, 0)
  return files
}
