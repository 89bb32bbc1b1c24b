import { createHash } from 'node:crypto'
import { mkdir, readFile } from 'node:fs/promises'
import { z } from 'zod'
import { RelPath } from './call-schemas'
import { readText, writeAtomic } from './text-file'
import { resolveInside } from './workspace'

/**
 * What one recovery copy holds, live or discarded: the unsaved text of one post of one
 * folder, when it was kept, and which run of the app kept it. Shared by the live store
 * (recovery.ts) and its trash (recovery-trash.ts).
 */
export const Entry = z.object({
  version: z.literal(1),
  root: z.string(),
  relPath: RelPath,
  text: z.string(),
  savedAt: z.number(),
  /** The run of the app that wrote it; absent in copies written before runs were told apart. */
  run: z.string().optional()
})
export type Entry = z.infer<typeof Entry>

/** The stable part of a copy's file name: a hash of folder + post. */
export const entryKey = (root: string, relPath: string): string => createHash('sha256').update(`${root}\0${relPath}`).digest('hex').slice(0, 32)

/** Reads and validates one entry file against `schema`; null when it is missing or damaged. */
export async function readEntry<T extends z.ZodType>(path: string, schema: T): Promise<z.infer<T> | null> {
  const raw = await readFile(path, 'utf8').catch(() => null)
  if (raw === null) return null
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    return null
  }
  const parsed = schema.safeParse(json)
  return parsed.success ? parsed.data : null
}

/** Writes an entry atomically into `folder`, which is created private to the user (unsaved drafts are as personal as the posts). */
export async function writeEntry(folder: string, file: string, entry: object): Promise<void> {
  await mkdir(folder, { recursive: true, mode: 0o700 })
  await writeAtomic(file, Buffer.from(JSON.stringify(entry)))
}

/** The post as it is on disk now; empty when it no longer exists or cannot be read. */
export async function diskState(root: string, relPath: string): Promise<{ diskText?: string; diskMtimeMs?: number }> {
  return resolveInside(root, relPath)
    .then(readText)
    .then(
      (file) => ({ diskText: file.text, diskMtimeMs: file.mtimeMs }),
      () => ({})
    )
}
