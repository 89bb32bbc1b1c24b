import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Recovery } from '../../common/api'
import { UserError } from './text-file'
import { diskState, Entry, entryKey, readEntry, writeEntry } from './recovery-entry'
import { putInTrash, readDiscarded, removeDiscarded } from './recovery-trash'

/**
 * Unsaved text kept outside the post, in the app's data folder, so a crash, a kill or a
 * power cut loses at most the last few seconds of typing. One file per post, named by a
 * hash of folder + post, written atomically like a save and removed once the post is saved.
 * A copy the user discards goes to the recovery trash (recovery-trash.ts), never away.
 */
export const recoveryFolder = (dataDir: string): string => join(dataDir, 'recovery')

const entryFile = (dataDir: string, root: string, relPath: string): string => join(recoveryFolder(dataDir), `${entryKey(root, relPath)}.json`)

export interface WriteOptions {
  /** When the text was kept (default now). */
  savedAt?: number
  /** The run of the app writing it. */
  run?: string
  /**
   * Set on a run's first write for a post: a copy an earlier run left (one the user has not
   * decided on yet) is moved to the trash rather than overwritten by the new edits.
   */
  keepEarlierRun?: boolean
}

/** Keeps `text` as the unsaved state of `relPath` in the folder `root` (replacing any earlier one). */
export async function writeRecovery(dataDir: string, root: string, relPath: string, text: string, options: WriteOptions = {}): Promise<void> {
  const savedAt = options.savedAt ?? Date.now()
  const file = entryFile(dataDir, root, relPath)
  if (options.keepEarlierRun) {
    const earlier = await readEntry(file, Entry)
    if (earlier && earlier.run !== options.run && earlier.text !== text) await putInTrash(dataDir, earlier, savedAt, 'replaced')
  }
  const entry: Entry = { version: 1, root, relPath, text, savedAt, ...(options.run ? { run: options.run } : {}) }
  await writeEntry(recoveryFolder(dataDir), file, entry)
}

/** Forgets the unsaved state of a post whose text is now on disk (after a save): nothing is lost, so nothing goes to the trash. */
export async function forgetRecovery(dataDir: string, root: string, relPath: string): Promise<void> {
  await rm(entryFile(dataDir, root, relPath), { force: true })
}

/** The user declined a post's unsaved text: it moves to the recovery trash (kept two weeks), then leaves the live copies. */
export async function discardRecovery(dataDir: string, root: string, relPath: string, now = Date.now()): Promise<void> {
  const file = entryFile(dataDir, root, relPath)
  const entry = await readEntry(file, Entry)
  if (!entry) return
  // Trash first, then remove: a crash between the two leaves a copy twice, never none.
  await putInTrash(dataDir, entry, now, 'discarded')
  await rm(file, { force: true })
}

/**
 * The unsaved texts kept for posts of `root`, newest first, each with the post as it is on
 * disk now. Entries whose text is already what the disk holds (saved, but the app died before
 * forgetting them) are removed instead of offered; damaged entries are skipped.
 */
export async function listRecoveries(dataDir: string, root: string): Promise<Recovery[]> {
  const names = await readdir(recoveryFolder(dataDir)).catch(() => [] as string[])
  const found: Recovery[] = []
  for (const name of names) {
    if (!name.endsWith('.json')) continue // write-file-atomic temp files left by a kill
    const entry = await readEntry(join(recoveryFolder(dataDir), name), Entry)
    if (!entry || entry.root !== root) continue
    const { relPath, text, savedAt } = entry
    const disk = await diskState(root, relPath)
    if (disk.diskText === text) {
      await forgetRecovery(dataDir, root, relPath)
      continue
    }
    found.push({ relPath, text, savedAt, ...disk })
  }
  return found.sort((a, b) => b.savedAt - a.savedAt)
}

/** Moves a post's unsaved state along when the post is renamed. */
export async function moveRecovery(dataDir: string, root: string, from: string, to: string): Promise<void> {
  const entry = await readEntry(entryFile(dataDir, root, from), Entry)
  if (!entry) return
  await writeRecovery(dataDir, root, to, entry.text, { savedAt: entry.savedAt, run: entry.run })
  await forgetRecovery(dataDir, root, from)
}

/**
 * Puts a discarded copy back among the live ones and returns it as a recovery to restore. A
 * live copy of the same post with other text is not overwritten: it swaps places with it
 * (into the trash), so either can still be had.
 */
export async function restoreDiscarded(dataDir: string, root: string, id: string, options: { run?: string; now?: number } = {}): Promise<Recovery> {
  const entry = await readDiscarded(dataDir, root, id)
  if (!entry) throw new UserError('That discarded copy is no longer kept: it was restored already or discarded more than 14 days ago.', 'not-found')
  const now = options.now ?? Date.now()
  const live = await readEntry(entryFile(dataDir, root, entry.relPath), Entry)
  if (live && live.text !== entry.text) await putInTrash(dataDir, live, now, 'replaced')
  await writeRecovery(dataDir, root, entry.relPath, entry.text, { savedAt: entry.savedAt, run: options.run })
  await removeDiscarded(dataDir, id)
  return { relPath: entry.relPath, text: entry.text, savedAt: entry.savedAt, ...(await diskState(root, entry.relPath)) }
}
