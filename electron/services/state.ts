import { readFile, mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { z } from 'zod'
import { writeAtomic } from './text-file'

/** What Folio remembers between runs (window placement, last folder). */
export const AppState = z.object({
  lastFolder: z.string().nullable().default(null),
  window: z
    .object({ x: z.number().optional(), y: z.number().optional(), width: z.number(), height: z.number(), maximized: z.boolean() })
    .nullable()
    .default(null)
})
export type AppState = z.infer<typeof AppState>

/** Loads the state file; a missing or damaged file gives the defaults instead of an error. */
export async function loadState(file: string): Promise<AppState> {
  try {
    return AppState.parse(JSON.parse(await readFile(file, 'utf8')))
  } catch {
    return AppState.parse({})
  }
}

export async function saveState(file: string, state: AppState): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  await writeAtomic(file, Buffer.from(JSON.stringify(state, null, 2)))
}
