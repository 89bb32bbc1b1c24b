/**
 * The user's settings: one object, kept by the main side in the app's data folder, read and
 * changed through getSettings/setSettings (common/api.ts). A later settings screen adds fields
 * here and to the schema main-side (electron/services/settings.ts), which the compiler holds
 * to this type; each field has a default, so an older or damaged file still gives a whole object.
 */

/** When Folio saves by itself, as VS Code's `files.autoSave`: never, 1 s after typing stops, or when focus leaves the post. */
export const autoSaveModes = ['off', 'afterDelay', 'onFocusChange'] as const
export type AutoSaveMode = (typeof autoSaveModes)[number]

/** How long after the last key `afterDelay` saves (VS Code's `files.autoSaveDelay` default). */
export const autoSaveDelayMs = 1000

/** The menu's and the status bar's names for each mode. */
export const autoSaveLabels: Record<AutoSaveMode, { menu: string; status: string }> = {
  off: { menu: 'Off', status: 'Autosave: off' },
  afterDelay: { menu: 'After a delay (1 s)', status: 'Autosave: after 1 s' },
  onFocusChange: { menu: 'On focus change', status: 'Autosave: on focus change' }
}

export interface Settings {
  autoSave: AutoSaveMode
}

export const defaultSettings: Settings = { autoSave: 'off' }

/** What setSettings takes: some of the fields, nothing else. */
export type SettingsPatch = Partial<Settings>
