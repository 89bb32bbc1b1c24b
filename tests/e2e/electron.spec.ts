import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { _electron as electron } from 'playwright'
import { findRuntime } from '../../electron/runtime.mjs'
import { test, expect } from './fixtures'

const runtime = findRuntime()

// The real desktop app. It needs the Electron runtime, which cannot be downloaded on
// offline machines: there this spec is reported as skipped, with the reason.
test('the Electron app opens a folder with secure defaults and saves an edit', async ({ folder }) => {
  test.skip(!runtime, 'Electron runtime not installed (set ELECTRON_OVERRIDE_DIST_PATH or run `npx install-electron`); the renderer is covered by the Chromium specs')
  const userData = await mkdtemp(join(tmpdir(), 'folio-user-data-'))
  const app = await electron.launch({
    executablePath: runtime!,
    args: [resolve(import.meta.dirname, '../..'), folder],
    env: { ...process.env, FOLIO_USER_DATA: userData }
  })
  try {
    const window = await app.firstWindow()
    const prefs = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.getLastWebPreferences())
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true })
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
    expect(await window.evaluate(() => Object.keys((window as unknown as { folio: object }).folio).sort())).toContain('savePost')

    await window.getByRole('button', { name: /Harbour Sprint 2026 Recap/ }).first().click()
    await window.locator('.cm-content').click()
    await window.keyboard.press('Control+End')
    await window.keyboard.type('\n\nSaved from Electron.')
    await window.keyboard.press('Control+s')
    await expect(window.getByTestId('save-state')).toHaveText(/Saved/)
    expect(await readFile(join(folder, 'harbour-sprint-recap.md'), 'utf8')).toContain('Saved from Electron.')
  } finally {
    await app.close()
  }
})
