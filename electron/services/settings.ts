import { copyFile, mkdir, readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import { autoSaveModes, defaultSettings, type Settings, type SettingsPatch } from '../../common/settings'
import { writeAtomic } from './text-file'

/** The settings' schema (held to common/settings.ts's type in call-schemas.ts): what a settings file and setSettings may hold. */
export const settingsSchema = z.object({
  autoSave: z.enum(autoSaveModes)
})

/**
 * Settings from any parsed JSON value: each known field that is valid is taken, every other
 * one gets its default, so one bad value never resets the rest.
 */
export function settingsFrom(raw: unknown): Settings {
  const record = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {}
  const settings: Record<string, unknown> = { ...defaultSettings }
  for (const [key, schema] of Object.entries(settingsSchema.shape)) {
    const parsed = (schema as z.ZodType).safeParse(record[key])
    if (parsed.success) settings[key] = parsed.data
  }
  return settings as unknown as Settings
}

/** Where the settings live in the app's data folder. */
export const settingsFile = (dataDir: string): string => join(dataDir, 'settings.json')

/** The user's settings, read once and written through on every change. */
export interface SettingsStore {
  get(): Promise<Settings>
  /** Applies `patch`, writes the file (atomically) and resolves to the whole settings. */
  set(patch: SettingsPatch): Promise<Settings>
}

/** What a settings file holds: the settings, and keys this version does not know (kept when writing). */
async function readSettingsFile(file: string): Promise<{ settings: Settings; raw: Record<string, unknown>; damaged: boolean }> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    return { settings: { ...defaultSettings }, raw: {}, damaged: false }
  }
  try {
    const raw: unknown = JSON.parse(text)
    const record = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null
    return { settings: settingsFrom(raw), raw: record ?? {}, damaged: record === null }
  } catch {
    return { settings: { ...defaultSettings }, raw: {}, damaged: true }
  }
}

/**
 * The settings kept in `file` (null: in memory only, for hosts without a data folder). A
 * missing or damaged file gives the defaults; a file that is not JSON is copied aside
 * (`settings.json.damaged`) before it is first written over, so nothing is lost unseen.
 * Unknown keys (a newer Folio's settings) are kept. Writes go one at a time, in order.
 */
export function createSettingsStore(file: string | null): SettingsStore {
  let loaded: Promise<{ settings: Settings; raw: Record<string, unknown>; damaged: boolean }> | null = null
  let writing: Promise<unknown> = Promise.resolve()
  const load = () => (loaded ??= file ? readSettingsFile(file) : Promise.resolve({ settings: { ...defaultSettings }, raw: {}, damaged: false }))
  return {
    async get() {
      return { ...(await load()).settings }
    },
    set(patch) {
      const run = writing.then(async () => {
        const state = await load()
        state.settings = { ...state.settings, ...patch }
        state.raw = { ...state.raw, ...state.settings }
        if (file) {
          await mkdir(dirname(file), { recursive: true })
          if (state.damaged) await copyFile(file, `${file}.damaged`).catch(() => undefined)
          state.damaged = false
          await writeAtomic(file, Buffer.from(`${JSON.stringify(state.raw, null, 2)}\n`))
        }
        return { ...state.settings }
      })
      writing = run.catch(() => undefined)
      return run
    }
  }
}
