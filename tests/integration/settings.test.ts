import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import type { EventName, EventPayloads } from '../../common/api'
import { dispatchCall } from '../../electron/services/dispatch'
import { settingsFrom } from '../../electron/services/settings'
import { createFolioService } from '../../electron/services/handlers'
import { createSettingsStore, settingsFile } from '../../electron/services/settings'
import { tempFolder } from './fs-helpers'

/** The settings object the main side keeps in the app's data folder (autosave for now). */
let dataDir: string
let cleanup: () => Promise<void>
beforeEach(async () => {
  ;({ dir: dataDir, cleanup } = await tempFolder('folio-settings-'))
})
afterEach(() => cleanup())

describe('settings store', () => {
  test('defaults when there is no file; a change is written and read back by the next run', async () => {
    const file = settingsFile(dataDir)
    expect(await createSettingsStore(file).get()).toEqual({ autoSave: 'off' })
    expect(await createSettingsStore(file).set({ autoSave: 'afterDelay' })).toEqual({ autoSave: 'afterDelay' })
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ autoSave: 'afterDelay' })
    expect(await createSettingsStore(file).get()).toEqual({ autoSave: 'afterDelay' })
    // Written atomically: no temp file is left beside it.
    expect(await readdir(dataDir)).toEqual(['settings.json'])
  })

  test('a file that is not JSON gives the defaults and is copied aside before it is written over', async () => {
    const file = settingsFile(dataDir)
    await writeFile(file, '{"autoSave": "afterDelay", ')
    const store = createSettingsStore(file)
    expect(await store.get()).toEqual({ autoSave: 'off' })
    await store.set({ autoSave: 'onFocusChange' })
    expect(await readFile(`${file}.damaged`, 'utf8')).toBe('{"autoSave": "afterDelay", ')
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ autoSave: 'onFocusChange' })
  })

  test('a bad value resets only its own field; keys of a newer version are kept', async () => {
    const file = settingsFile(dataDir)
    await writeFile(file, JSON.stringify({ autoSave: 'sometimes', theme: 'dark' }))
    const store = createSettingsStore(file)
    expect(await store.get()).toEqual({ autoSave: 'off' })
    await store.set({ autoSave: 'afterDelay' })
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ autoSave: 'afterDelay', theme: 'dark' })
    for (const raw of [null, [], 'off', 3, { autoSave: 42 }]) expect(settingsFrom(raw)).toEqual({ autoSave: 'off' })
  })

  test('changes made at once are written in order: the last one wins', async () => {
    const file = settingsFile(dataDir)
    const store = createSettingsStore(file)
    await Promise.all([store.set({ autoSave: 'afterDelay' }), store.set({ autoSave: 'onFocusChange' }), store.set({ autoSave: 'off' })])
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ autoSave: 'off' })
  })
})

describe('getSettings / setSettings calls', () => {
  test('validate the patch, keep the settings and tell the renderer and the host', async () => {
    const emitted: EventPayloads['settingsChanged'][] = []
    const hosted: unknown[] = []
    const service = createFolioService({
      pickFolder: async () => null,
      pickImages: async () => [],
      pickExportPath: async () => null,
      trash: async () => undefined,
      openExternal: async () => undefined,
      emit: <E extends EventName>(event: E, payload: EventPayloads[E]) => void (event === 'settingsChanged' && emitted.push(payload as EventPayloads['settingsChanged'])),
      settingsChanged: (settings) => void hosted.push(settings),
      dataDir
    })
    expect(await dispatchCall(service.handlers, 'getSettings', [])).toEqual({ ok: true, value: { autoSave: 'off' } })
    expect(await dispatchCall(service.handlers, 'setSettings', [{ autoSave: 'sometimes' }])).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringContaining('invalid arguments for setSettings') } })
    expect(await dispatchCall(service.handlers, 'setSettings', [{ fontSize: 3 }])).toMatchObject({ ok: false, error: { code: 'invalid' } })
    expect(await dispatchCall(service.handlers, 'setSettings', [{ autoSave: 'onFocusChange' }])).toEqual({ ok: true, value: { autoSave: 'onFocusChange' } })
    expect(emitted).toEqual([{ settings: { autoSave: 'onFocusChange' } }])
    expect(hosted).toEqual([{ autoSave: 'onFocusChange' }])
    expect(JSON.parse(await readFile(settingsFile(dataDir), 'utf8'))).toEqual({ autoSave: 'onFocusChange' })
    await service.dispose()
  })
})
