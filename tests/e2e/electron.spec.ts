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
    const page = await app.firstWindow()
    // The renderer comes from the privileged app:// scheme, not file:// (electron/services/app-protocol.ts).
    expect(page.url()).toBe('app://folio/index.html')
    // No Node in the page, no new windows, no navigation away from the app.
    expect(await page.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process])).toEqual(['undefined', 'undefined'])
    expect(await page.evaluate(() => window.open('https://example.org') === null)).toBe(true)
    const url = page.url()
    await page.evaluate(() => void (location.href = 'https://example.org/'))
    await page.waitForTimeout(300)
    expect(page.url()).toBe(url)
    expect(app.windows()).toHaveLength(1)
    expect(await page.evaluate(() => Object.keys((window as unknown as { folio: object }).folio).sort())).toContain('savePost')

    await page.getByRole('button', { name: /Harbour Sprint 2026 Recap/ }).first().click()
    await page.locator('.cm-content').click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type('\n\nSaved from Electron.')
    await page.keyboard.press('Control+s')
    await expect(page.getByTestId('save-state')).toHaveText(/Saved/)
    expect(await readFile(join(folder, 'harbour-sprint-recap.md'), 'utf8')).toContain('Saved from Electron.')
  } finally {
    await app.close()
  }
})
