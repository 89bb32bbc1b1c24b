import { watch } from 'chokidar'
import { postPattern } from '../../common/posts'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'

export interface FolderChange {
  /** Folder-relative paths of posts that were added, changed or removed. */
  changed: { relPath: string; deleted: boolean; mtimeMs: number | null }[]
}

/**
 * Watches the opened folder for posts changed by other programs (git pull, another editor)
 * and reports them in batches, so a burst of changes is one update.
 */
export function watchFolder(root: string, onChange: (change: FolderChange) => void, delayMs = 150): () => Promise<void> {
  const pending = new Map<string, boolean>()
  let timer: NodeJS.Timeout | null = null
  const flush = async () => {
    timer = null
    const entries = [...pending]
    pending.clear()
    const changed = await Promise.all(
      entries.map(async ([relPath, deleted]) => {
        const mtimeMs = deleted ? null : await stat(join(root, relPath)).then((s) => s.mtimeMs, () => null)
        return { relPath, deleted: deleted || mtimeMs === null, mtimeMs }
      })
    )
    onChange({ changed })
  }
  const note = (deleted: boolean) => (path: string) => {
    const relPath = path.split('\\').join('/')
    if (!postPattern.test(relPath)) return
    pending.set(relPath, deleted)
    timer ??= setTimeout(() => void flush(), delayMs)
  }
  const watcher = watch('.', {
    cwd: root,
    ignoreInitial: true,
    depth: 4,
    ignored: (path) => /(^|[\\/])(\.git|node_modules|\.folio)([\\/]|$)/.test(path) || /-images[\\/]/.test(path),
    awaitWriteFinish: { stabilityThreshold: 80, pollInterval: 20 }
  })
  watcher.on('add', note(false)).on('change', note(false)).on('unlink', note(true))
  return async () => {
    if (timer) clearTimeout(timer)
    await watcher.close()
  }
}
