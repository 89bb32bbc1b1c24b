import { mkdir, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { test, expect, openPost } from './fixtures'

// `npm run screenshot` points this at docs/screenshots; in the test suite it writes to out/.
const outDir = resolve(process.env.FOLIO_SCREENSHOT_DIR ?? 'out/screenshots')

for (const colorScheme of ['light', 'dark'] as const) {
  test(`main window screenshot (${colorScheme})`, async ({ launch }) => {
    const app = await launch({ colorScheme, viewport: { width: 1440, height: 900 } })
    await openPost(app, 'Harbour Sprint 2026 Recap')
    const image = app.page.locator('.preview img').first()
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
    await app.page.locator('.cm-content').click()
    await mkdir(outDir, { recursive: true })
    const file = join(outDir, `folio-${colorScheme}.png`)
    await app.page.screenshot({ path: file })
    expect((await stat(file)).size).toBeGreaterThan(20_000)
  })
}

// The layout works from a 900 px window to a 4K screen: nothing overflows sideways, and the
// editor and preview keep a usable width.
for (const viewport of [
  { width: 900, height: 700 },
  { width: 3840, height: 2160 }
]) {
  test(`layout at ${viewport.width}×${viewport.height}`, async ({ launch }) => {
    const app = await launch({ viewport })
    await openPost(app, 'Harbour Sprint 2026 Recap')
    const { page } = app
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    for (const pane of ['.editor-pane', '.preview-pane']) {
      const box = await page.locator(pane).boundingBox()
      expect(box!.width).toBeGreaterThanOrEqual(240)
    }
    await mkdir(outDir, { recursive: true })
    await page.screenshot({ path: join(outDir, `folio-${viewport.width}.png`) })
  })
}
