import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { RelPath, type Recovery } from '../../common/api'
import { readText, writeAtomic } from './text-file'
import { resolveInside } from './workspace'

/**
 * Unsaved text kept outside the post, in the app's data folder, so a crash, a kill or a
 * power cut loses at most the last few seconds of typing. One file per post, named by a
 * hash of folder + post, written atomically like a save and removed once the post is saved.
 */
export const recoveryFolder = (dataDir: string): string => join(dataDir, 'recovery')

const Entry = z.object({ version: z.literal(1), root: z.string(), relPath: RelPath, text: z.string(), savedAt: z.number() })

const entryFile = (dataDir: string, root: string, relPath: string): string =>
  join(recoveryFolder(dataDir), `${createHash('sha256').update(`${root}\0${relPath}`).digest('hex').slice(0, 32)}.json`)

/** Keeps `text` as the unsaved state of `relPath` in the folder `root` (replacing any earlier one). */
export async function writeRecovery(dataDir: string, root: string, relPath: string, text: string, savedAt = Date.now()): Promise<void> {
  // The folder is private to the user: unsaved drafts are as personal as the posts.
  await mkdir(recoveryFolder(dataDir), { recursive: true, mode: 0o700 })
  await writeAtomic(entryFile(dataDir, root, relPath), Buffer.from(JSON.stringify({ version: 1, root, relPath, text, savedAt })))
}

/** Forgets the unsaved state of a post (after a save, or when the user declines it). */
export async function discardRecovery(dataDir: string, root: string, relPath: string): Promise<void> {
  await rm(entryFile(dataDir, root, relPath), { force: true })
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
    const parsed = Entry.safeParse(await readFile(join(recoveryFolder(dataDir), name), 'utf8').then(JSON.parse).catch(() => null))
    if (!parsed.success || parsed.data.root !== root) continue
    const { relPath, text, savedAt } = parsed.data
    const diskText = await resolveInside(root, relPath)
      .then(readText)
      .then((file) => file.text, () => undefined)
    if (diskText === text) {
      await discardRecovery(dataDir, root, relPath)
      continue
    }
    found.push(diskText === undefined ? { relPath, text, savedAt } : { relPath, text, savedAt, diskText })
  }
  return found.sort((a, b) => b.savedAt - a.savedAt)
}

/** Moves a post's unsaved state along when the post is renamed. */
export async function moveRecovery(dataDir: string, root: string, from: string, to: string): Promise<void> {
  const raw = await readFile(entryFile(dataDir, root, from), 'utf8').catch(() => null)
  const parsed = Entry.safeParse(raw === null ? null : JSON.parse(raw))
  if (!parsed.success) return
  await writeRecovery(dataDir, root, to, parsed.data.text, parsed.data.savedAt)
  await discardRecovery(dataDir, root, from)
}
