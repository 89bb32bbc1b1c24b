import { mkdtemp, mkdir, readFile, readdir, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Page } from 'playwright'
import { test, expect, openPost, cursorToEnd } from './fixtures'
import type { Harness } from './harness'

const outDir = resolve(process.env.FOLIO_SCREENSHOT_DIR ?? 'out/screenshots')
const emit = (page: Page, event: string, payload: unknown) =>
  page.evaluate(([e, p]) => (window as unknown as { __folioEmit(e: string, p: unknown): void }).__folioEmit(e, p), [event, payload] as const)

async function openRecap(app: Harness) {
  await openPost(app, 'Harbour Sprint 2026 Recap')
  await expect(app.page.locator('.statusbar')).toContainText('harbour-sprint-recap.md')
}

/** Opens an exported page in a fresh tab, as a browser would from disk. */
async function openExported(app: Harness, file: string): Promise<Page> {
  const page = await app.page.context().newPage()
  await page.goto(pathToFileURL(file).href)
  return page
}

test('exports the sample post as a page with an images folder, from the toolbar', async ({ launch }) => {
  const target = await mkdtemp(join(tmpdir(), 'folio-export-'))
  const asked: { name: string; singleFile: boolean }[] = []
  const app = await launch({
    viewport: { width: 1440, height: 900 },
    pickExportPath: async (name, singleFile) => {
      asked.push({ name, singleFile })
      return join(target, 'site', 'harbour-sprint-recap.html')
    }
  })
  const { page } = app
  await openRecap(app)
  await page.getByRole('button', { name: 'Export', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Export HTML' })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByLabel('Folder (page + images)')).toBeChecked()
  await expect(dialog.getByLabel('Maximum image width in pixels')).toBeDisabled()
  await mkdir(outDir, { recursive: true })
  await page.screenshot({ path: join(outDir, 'export-dialog-light.png') })
  await dialog.getByRole('button', { name: 'Export…' }).click()

  const notice = page.getByRole('status', { name: 'Export finished' })
  const outPath = join(target, 'site', 'harbour-sprint-recap.html')
  await expect(notice).toContainText(`Exported to ${outPath}`)
  expect(asked).toEqual([{ name: 'harbour-sprint-recap.html', singleFile: false }])
  await page.screenshot({ path: join(outDir, 'export-notice-light.png') })
  await notice.getByRole('button', { name: 'Open in browser' }).click()
  await expect.poll(() => app.opened).toEqual([{ path: outPath, how: 'open' }])
  await notice.getByRole('button', { name: 'Show in folder' }).click()
  await expect.poll(() => app.opened.at(-1)).toEqual({ path: outPath, how: 'show' })
  expect(app.calls.filter((c) => c === 'savePost')).toEqual([]) // nothing unsaved, nothing saved

  // The page renders on its own, images from the folder beside it.
  expect((await readdir(join(target, 'site', 'harbour-sprint-recap-images'))).sort()).toEqual([
    'closing-dinner-paella.jpg',
    'harbour-at-dawn.jpg',
    'lighthouse-walk.jpg',
    'sprint-room-whiteboard.jpg'
  ])
  const exported = await openExported(app, outPath)
  await expect(exported.locator('h1')).toHaveText('Harbour Sprint 2026 Recap')
  await expect(exported.locator('h2')).toContainText(['Table of Contents', 'Getting There', 'Day One: The Sprint Room', 'Day Two: Lighthouse Walk', 'Closing Dinner', 'In Closing'])
  await expect(exported.locator('#what-we-fixed')).toHaveText('What We Fixed')
  await expect(exported.locator('img')).toHaveCount(4)
  // Images are loading="lazy": bring each into view, as a reader scrolling down would.
  for (let i = 0; i < 4; i++) await exported.locator('img').nth(i).scrollIntoViewIfNeeded()
  await expect.poll(() => exported.locator('img').evaluateAll((imgs) => (imgs as HTMLImageElement[]).map((img) => img.complete && img.naturalWidth > 0))).toEqual([true, true, true, true])
  await expect(exported.locator('body')).not.toContainText('Add the ferry timetable link') // drafting notes stay out
  await exported.screenshot({ path: join(outDir, 'export-page-folder.png'), fullPage: true })
  await exported.close()
})

test('Ctrl+E exports a single file with images inlined, saving unsaved edits first; progress shows', async ({ launch }) => {
  const target = await mkdtemp(join(tmpdir(), 'folio-export-'))
  let release: () => void = () => {}
  const picked = new Promise<void>((resolve) => (release = resolve))
  const app = await launch({
    colorScheme: 'dark',
    viewport: { width: 1440, height: 900 },
    pickExportPath: async (_name, singleFile) => {
      await picked // holds the export open so the progress strip can be looked at
      return join(target, singleFile ? 'recap-single.html' : 'unexpected.html')
    }
  })
  const { page } = app
  await openRecap(app)
  await cursorToEnd(app)
  await page.keyboard.type('\n\nWritten just before the export.')
  await expect(page.getByTestId('save-state')).toHaveText('● Unsaved')

  await page.keyboard.press('Control+e')
  const dialog = page.getByRole('dialog', { name: 'Export HTML' })
  await expect(dialog).toContainText('Your unsaved changes are saved first')
  await dialog.getByLabel('Single file (images inlined)').check()
  await dialog.getByLabel('Scale photos down to').check()
  await dialog.getByLabel('Maximum image width in pixels').fill('640')
  await page.screenshot({ path: join(outDir, 'export-dialog-dark.png') })
  await dialog.getByRole('button', { name: 'Export…' }).click()

  const progress = page.getByRole('status', { name: 'Export progress' })
  await expect(progress).toContainText('Exporting harbour-sprint-recap.md')
  await expect(page.getByTestId('save-state')).toHaveText('✓ Saved')
  expect(await readFile(join(app.service.root()!, 'harbour-sprint-recap.md'), 'utf8')).toContain('Written just before the export.')
  await emit(page, 'exportProgress', { relPath: 'harbour-sprint-recap.md', done: 1, total: 4, current: 'harbour-at-dawn.jpg' })
  await expect(progress).toContainText('1/4 images')
  await expect(progress.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '1')
  await page.screenshot({ path: join(outDir, 'export-progress-dark.png') })
  release()

  const outPath = join(target, 'recap-single.html')
  const notice = page.getByRole('status', { name: 'Export finished' })
  await expect(notice).toContainText(`Exported to ${outPath}`)
  await page.screenshot({ path: join(outDir, 'export-notice-dark.png') })
  await notice.getByRole('button', { name: 'Open in browser' }).click()
  await expect.poll(() => app.opened).toEqual([{ path: outPath, how: 'open' }])
  expect(await readdir(target)).toEqual(['recap-single.html'])

  // One file: every image is a data: URL, nothing else is fetched.
  const html = await readFile(outPath, 'utf8')
  expect(html).toContain('Written just before the export.')
  expect(html).not.toMatch(/(src|href)="(?!data:|#)[^"]*"/)
  const exported = await openExported(app, outPath)
  const requests: string[] = []
  exported.on('request', (r) => requests.push(r.url()))
  await exported.reload()
  await expect(exported.locator('h1')).toHaveText('Harbour Sprint 2026 Recap')
  for (let i = 0; i < 4; i++) await exported.locator('img').nth(i).scrollIntoViewIfNeeded()
  const widths = () => exported.locator('img').evaluateAll((imgs) => (imgs as HTMLImageElement[]).map((img) => (img.src.startsWith('data:image/') ? img.naturalWidth : -1)))
  await expect.poll(async () => (await widths()).map((w) => w > 0 && w <= 640)).toEqual([true, true, true, true])
  expect(requests.filter((url) => !url.startsWith('data:'))).toEqual([pathToFileURL(outPath).href])
  await exported.screenshot({ path: join(outDir, 'export-page-single.png'), fullPage: true })
  expect((await stat(join(outDir, 'export-page-single.png'))).size).toBeGreaterThan(20_000)
})

test('the File menu command opens the dialog; a cancelled save dialog exports nothing', async ({ launch }) => {
  const app = await launch({ pickExportPath: async () => null })
  const { page } = app
  await openRecap(app)
  await emit(page, 'menuCommand', { command: 'exportHtml' })
  const dialog = page.getByRole('dialog', { name: 'Export HTML' })
  await expect(dialog).toBeVisible()
  await dialog.getByRole('button', { name: 'Export…' }).click()
  await expect.poll(() => app.calls.includes('exportHtml')).toBe(true)
  await expect(page.locator('.export-toast')).toHaveCount(0)
  expect(app.opened).toEqual([])
})
