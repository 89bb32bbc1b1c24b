import { randomBytes } from 'node:crypto'
import { readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { recoveryTrashDays, type DiscardedRecovery } from '../../common/api'
import { diskState, Entry, entryKey, readEntry, writeEntry } from './recovery-entry'

/**
 * Recovery copies the user discarded (or that later edits replaced) are kept here for two
 * weeks rather than deleted, so one wrong click loses nothing. One file per discard, named
 * `<post key>-<discarded at>-<random>.json`; that name without `.json` is its id.
 */
export const recoveryTrashFolder = (dataDir: string): string => join(dataDir, 'recovery-trash')

/** How long a discarded copy stays recoverable. */
export const trashKeepMs = recoveryTrashDays * 24 * 60 * 60 * 1000

const TrashEntry = Entry.extend({ discardedAt: z.number(), reason: z.enum(['discarded', 'replaced']) })
type TrashEntry = z.infer<typeof TrashEntry>

/** The ids this folder's files have; anything else in the folder is not ours to read. */
const idPattern = /^[0-9a-f]{32}-\d{1,16}-[0-9a-f]{8}$/
const fileOf = (dataDir: string, id: string) => join(recoveryTrashFolder(dataDir), `${id}.json`)

/** Keeps `entry` in the trash, discarded at `now` for `reason`. */
export async function putInTrash(dataDir: string, entry: Entry, now: number, reason: TrashEntry['reason']): Promise<void> {
  const id = `${entryKey(entry.root, entry.relPath)}-${Math.max(0, Math.floor(now))}-${randomBytes(4).toString('hex')}`
  const kept: TrashEntry = { ...entry, discardedAt: now, reason }
  await writeEntry(recoveryTrashFolder(dataDir), fileOf(dataDir, id), kept)
}

/**
 * The discarded copies of posts of `root`, most recently discarded first, each with its post
 * as it is on disk now. Copies of any folder discarded more than {@link trashKeepMs} before
 * `now` are deleted on the way (damaged files by their file time); damaged ones are skipped.
 */
export async function listDiscarded(dataDir: string, root: string, now: number): Promise<DiscardedRecovery[]> {
  const folder = recoveryTrashFolder(dataDir)
  const names = await readdir(folder).catch(() => [] as string[])
  const found: DiscardedRecovery[] = []
  for (const name of names) {
    const id = name.replace(/\.json$/, '')
    const path = join(folder, name)
    const entry = idPattern.test(id) && name.endsWith('.json') ? await readEntry(path, TrashEntry) : null
    const discardedAt = entry?.discardedAt ?? (await stat(path).then((s) => s.mtimeMs, () => now))
    if (now - discardedAt > trashKeepMs) {
      await rm(path, { force: true, recursive: true }).catch(() => undefined)
      continue
    }
    if (!entry || entry.root !== root) continue
    const { relPath, text, savedAt, reason } = entry
    found.push({ id, relPath, text, savedAt, discardedAt, reason, ...(await diskState(root, relPath)) })
  }
  return found.sort((a, b) => b.discardedAt - a.discardedAt)
}

/** Reads a discarded copy of a post of `root`; null when there is none by that id (restored already, pruned, another folder's). */
export async function readDiscarded(dataDir: string, root: string, id: string): Promise<Entry | null> {
  if (!idPattern.test(id)) return null
  const entry = await readEntry(fileOf(dataDir, id), TrashEntry)
  if (!entry || entry.root !== root) return null
  const { discardedAt: _at, reason: _reason, ...kept } = entry
  return kept
}

/** Deletes one discarded copy (after it was put back). */
export async function removeDiscarded(dataDir: string, id: string): Promise<void> {
  if (idPattern.test(id)) await rm(fileOf(dataDir, id), { force: true })
}
