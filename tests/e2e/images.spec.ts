import { copyFile, mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import sharp from 'sharp'
import type { Locator, Page } from 'playwright'
import { test, expect, openPost, cursorToEnd, readPostFile, pasteImage } from './fixtures'

// Photos in: drops on the editor and the preview, paste, Insert Image, the progress strip
// and Cancel, the Images tab (used, unused, missing; rename; delete; drag into the post) and
// the preview's fixed image boxes. Real images made with sharp, real files on disk.

const post = 'harbour-sprint-recap.md'
const imageDir = 'harbour-sprint-recap-images'
const outDir = resolve(process.env.FOLIO_SCREENSHOT_DIR ?? 'out/screenshots')

/** A photo-like JPEG (or PNG) of the given size: a gradient with a block, so it has content. */
async function photo(width: number, height: number, format: 'jpeg' | 'png' = 'jpeg'): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: { r: 40, g: 90, b: 160 } } }).composite([
    { input: { create: { width: Math.round(width / 3), height: Math.round(height / 3), channels: 3, background: { r: 230, g: 140, b: 40 } } }, left: 10, top: 10 }
  ])
  return format === 'png' ? image.png().toBuffer() : image.jpeg({ quality: 90 }).toBuffer()
}

/** A big noisy photo: slow enough to convert that an import of many copies can be watched and cancelled. */
const bigNoisyJpeg = () =>
  sharp({ create: { width: 4000, height: 3000, channels: 3, background: { r: 0, g: 0, b: 0 }, noise: { type: 'gaussian', mean: 128, sigma: 50 } } })
    .jpeg({ quality: 95 })
    .toBuffer()

interface DropFile {
  name: string
  type: string
  /** Sent as bytes (an image from a web page, a paste). */
  bytes?: Buffer
  /** A file on disk: the harness's pathForFile returns it, as Electron's does for desktop files. */
  path?: string
}

/** A DataTransfer holding File objects built in the page. */
const dataTransfer = (page: Page, files: DropFile[]) =>
  page.evaluateHandle((list) => {
    const transfer = new DataTransfer()
    for (const f of list) {
      const bytes = f.b64 ? Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0)) : new Uint8Array()
      const file = new File([bytes], f.name, { type: f.type })
      if (f.path) Object.assign(file, { folioPath: f.path })
      transfer.items.add(file)
    }
    return transfer
  }, files.map((f) => ({ name: f.name, type: f.type, path: f.path, b64: f.bytes?.toString('base64') })))

/** Drops files on `target` at a point (default: its centre), as a synthetic drop event. */
async function dropFiles(page: Page, target: Locator, files: DropFile[], at?: { x: number; y: number }) {
  const box = (await target.boundingBox())!
  const point = at ?? { x: box.x + box.width / 2, y: box.y + box.height / 2 }
  await target.dispatchEvent('drop', { dataTransfer: await dataTransfer(page, files), clientX: point.x, clientY: point.y })
}

/** Saves and returns the post as written to disk (the editor only renders the lines in view). */
async function savedText(page: Page, folder: string): Promise<string> {
  await page.keyboard.press('Control+s')
  await expect(page.getByTestId('save-state')).toHaveText(/Saved/)
  return readPostFile(folder, post)
}

/** The editor line holding `text` in the Closing Dinner section, scrolled into view through the outline. */
async function closingDinnerLine(page: Page, text = 'Paella for forty'): Promise<Locator> {
  await page.getByRole('tab', { name: 'Outline' }).click()
  await page.getByRole('navigation', { name: 'Outline' }).getByRole('button', { name: 'Closing Dinner' }).click()
  const line = page.locator('.cm-line', { hasText: text })
  await expect(line).toBeVisible()
  return line
}

const imagesTab = (page: Page) => page.getByRole('tab', { name: 'Images' })
const galleryItem = (page: Page, name: string) => page.locator(`.gallery-item[data-name="${name}"]`)

test('photos dropped on the editor are imported, named after the heading and inserted where they were dropped', async ({ app, folder }) => {
  const { page } = app
  const photos = await mkdtemp(join(tmpdir(), 'folio-photos-'))
  await writeFile(join(photos, 'IMG_1234.JPG'), await photo(3200, 2400))
  await openPost(app, 'Harbour Sprint 2026 Recap')

  const line = page.locator('.cm-line', { hasText: 'just as the fishing boats' })
  await dropFiles(page, page.locator('.cm-content'), [
    { name: 'IMG_1234.JPG', type: 'image/jpeg', path: join(photos, 'IMG_1234.JPG') },
    { name: 'Lighthouse Keeper.png', type: 'image/png', bytes: await photo(640, 480, 'png') }
  ], await line.boundingBox().then((b) => ({ x: b!.x + 60, y: b!.y + b!.height / 2 })))

  await expect(page.locator('.import-status')).toContainText('Imported 2 images.')
  const text = await savedText(page, folder)
  expect(text).toMatch(
    /just as the fishing boats were heading out\.\n\n!\[Getting There\]\(harbour-sprint-recap-images\/getting-there-1\.jpg\)\n!\[Lighthouse Keeper\]\(harbour-sprint-recap-images\/lighthouse-keeper\.(png|jpg)\)\n\n!\[Harbour at dawn\]/
  )
  const files = await readdir(join(folder, imageDir))
  expect(files).toContain('getting-there-1.jpg')
  expect(files.some((f) => /^lighthouse-keeper\.(png|jpg)$/.test(f))).toBe(true)
  // Scaled down to the default long edge on the way in.
  expect((await sharp(join(folder, imageDir, 'getting-there-1.jpg')).metadata()).width).toBe(2400)

  for (const alt of ['Getting There', 'Lighthouse Keeper']) {
    const image = page.locator(`.preview img[alt="${alt}"]`)
    await image.scrollIntoViewIfNeeded()
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0)
  }

  // One undo step takes the whole insertion back.
  await page.locator('.cm-content').focus()
  await page.keyboard.press('Control+z')
  await expect(page.locator('.preview img[alt="Getting There"]')).toHaveCount(0)
  await expect(page.locator('.preview img[alt="Lighthouse Keeper"]')).toHaveCount(0)
})

test('an image pasted from the clipboard is imported as bytes at the cursor', async ({ app, folder }) => {
  const { page } = app
  await openPost(app, 'Harbour Sprint 2026 Recap')
  await cursorToEnd(app)
  await pasteImage(page, await photo(800, 600, 'png'))
  await expect(page.locator('.import-status')).toContainText('Imported 1 image.')
  const text = await savedText(page, folder)
  expect(text).toMatch(/\*Obrigado!\*\n\n!\[In Closing\]\(harbour-sprint-recap-images\/in-closing-1\.(png|jpg)\)\n?$/)
  expect(app.calls).toContain('importImages')
})

test('a corrupt file in a batch is reported as skipped while the rest import', async ({ app, folder }) => {
  const { page } = app
  await openPost(app, 'Harbour Sprint 2026 Recap')
  await dropFiles(page, await closingDinnerLine(page), [
    { name: 'good-one.jpg', type: 'image/jpeg', bytes: await photo(900, 600) },
    { name: 'broken.jpg', type: 'image/jpeg', bytes: Buffer.from('this is not a JPEG at all, only text pretending') },
    { name: 'good-two.jpg', type: 'image/jpeg', bytes: await photo(600, 900) }
  ])
  const status = page.locator('.import-status')
  await expect(status).toContainText('Imported 2 images. 1 skipped:')
  await expect(status.getByRole('list', { name: 'Skipped files' })).toContainText('broken.jpg')
  const files = await readdir(join(folder, imageDir))
  expect(files).toEqual(expect.arrayContaining(['good-one.jpg', 'good-two.jpg']))
  expect(files.some((f) => f.startsWith('broken'))).toBe(false)
  const text = await savedText(page, folder)
  expect(text).toContain('beautifully.\n\n![Good One](harbour-sprint-recap-images/good-one.jpg)\n![Good Two](harbour-sprint-recap-images/good-two.jpg)\n\n')
  // The notice stays until dismissed.
  await status.getByRole('button', { name: 'Dismiss' }).click()
  await expect(status).toHaveCount(0)
})

test('a long import shows its progress, leaves the editor usable, and Cancel stops it', async ({ launch, folder }) => {
  const app = await launch({ viewport: { width: 1440, height: 900 } })
  const { page } = app
  const photos = await mkdtemp(join(tmpdir(), 'folio-many-'))
  await writeFile(join(photos, 'DSC00001.JPG'), await bigNoisyJpeg())
  const total = 40
  const files = Array.from({ length: total }, (_, i) => ({ name: `DSC${String(i + 1).padStart(5, '0')}.JPG`, type: 'image/jpeg', path: join(photos, 'DSC00001.JPG') }))
  await openPost(app, 'Harbour Sprint 2026 Recap')
  await dropFiles(page, await closingDinnerLine(page), files)

  const status = page.locator('.import-status')
  await expect(status).toContainText(new RegExp(`Importing \\d+ of ${total}`))
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible()
  await expect(page.locator('.cm-image-pending')).toHaveText('Importing images…')
  // The editor takes typing meanwhile.
  await cursorToEnd(app)
  await page.keyboard.type('\nTyped while importing.')
  await expect(page.locator('.cm-content')).toContainText('Typed while importing.')
  await expect.poll(async () => Number((await page.getByRole('progressbar', { name: 'Import progress' }).getAttribute('aria-valuenow')) ?? 0)).toBeGreaterThan(0)
  await status.getByRole('button', { name: 'Cancel' }).click()

  await expect(status).toContainText(/Import cancelled after \d+ images?\./)
  const imported = Number((await status.innerText()).match(/after (\d+) image/)![1])
  expect(imported).toBeGreaterThan(0)
  expect(imported).toBeLessThan(total)
  const written = (await readdir(join(folder, imageDir))).filter((f) => f.startsWith('closing-dinner-'))
  expect(written.filter((f) => f !== 'closing-dinner-paella.jpg')).toHaveLength(imported)
  const text = await savedText(page, folder)
  expect(text.match(/!\[Closing Dinner\]\(harbour-sprint-recap-images\/closing-dinner-\d+\.jpg\)/g)).toHaveLength(imported)
  expect(text).toContain('beautifully.\n\n![Closing Dinner](')
  expect(text.trimEnd().endsWith('Typed while importing.')).toBe(true)
})

test('Insert Image (toolbar and Ctrl+Shift+I) imports picked files at the cursor', async ({ launch, folder }) => {
  const photos = await mkdtemp(join(tmpdir(), 'folio-pick-'))
  await writeFile(join(photos, 'Ferry Deck.jpg'), await photo(1000, 700))
  await writeFile(join(photos, 'PXL_20260612_101010.jpg'), await photo(700, 1000))
  let picks = [[join(photos, 'Ferry Deck.jpg')], [join(photos, 'PXL_20260612_101010.jpg')]]
  const app = await launch({ pickImages: async () => picks.shift() ?? [] })
  const { page } = app
  await openPost(app, 'Harbour Sprint 2026 Recap')
  await cursorToEnd(app)
  await page.getByRole('button', { name: 'Insert image' }).click()
  await expect(page.locator('.import-status')).toContainText('Imported 1 image.')
  await page.locator('.cm-content').focus()
  await page.keyboard.press('Control+Shift+I')
  await expect.poll(async () => (await readdir(join(folder, imageDir))).includes('in-closing-1.jpg')).toBe(true)
  await expect(page.locator('.import-status')).toContainText('Imported 1 image.')
  const text = await savedText(page, folder)
  expect(text).toMatch(/\*Obrigado!\*\n\n!\[Ferry Deck\]\(harbour-sprint-recap-images\/ferry-deck\.jpg\)\n\n!\[In Closing\]\(harbour-sprint-recap-images\/in-closing-1\.jpg\)\n?$/)
  picks = []
})

test('a photo dropped on the preview goes after the block it was dropped on', async ({ app, folder }) => {
  const { page } = app
  await openPost(app, 'Harbour Sprint 2026 Recap')
  const heading = page.locator('.preview .block', { has: page.locator('h2#day-two-lighthouse-walk') })
  await heading.scrollIntoViewIfNeeded()
  const box = (await heading.boundingBox())!
  await dropFiles(page, heading, [{ name: 'Lighthouse Steps.jpg', type: 'image/jpeg', bytes: await photo(800, 1000) }], { x: box.x + 40, y: box.y + box.height - 4 })
  await expect(page.locator('.import-status')).toContainText('Imported 1 image.')
  const text = await savedText(page, folder)
  expect(text).toContain('## Day Two: Lighthouse Walk\n\n![Lighthouse Steps](harbour-sprint-recap-images/lighthouse-steps.jpg)\n\n')
})

test('the Images tab lists used, unused and missing images; rename, delete and drag work', async ({ launch, folder }) => {
  // An unused file and a reference to a missing one.
  await copyFile(join(folder, imageDir, 'lighthouse-walk.jpg'), join(folder, imageDir, 'spare-shot.jpg'))
  const source = await readPostFile(folder, post)
  await writeFile(join(folder, post), source.replace('## Closing Dinner\n', '## Closing Dinner\n\n![Gone](harbour-sprint-recap-images/gone.jpg)\n'))
  const app = await launch()
  const { page } = app
  await openPost(app, 'Harbour Sprint 2026 Recap')
  await imagesTab(page).click()

  await expect(page.locator('.gallery-item')).toHaveCount(5)
  const dawn = galleryItem(page, 'harbour-at-dawn.jpg')
  const dawnLine = source.split('\n').findIndex((l) => l.includes('harbour-at-dawn.jpg')) + 1
  await expect(dawn).toContainText('1200 × 800')
  await expect(dawn).toContainText(`Line ${dawnLine}`)
  await expect.poll(() => dawn.locator('.gallery-thumb img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0)
  await expect(galleryItem(page, 'spare-shot.jpg').locator('.badge.unused')).toHaveText('Unused')
  await expect(page.locator('.gallery-counts')).toHaveText('5 images · 1 unused · 1 missing')
  const missing = page.getByRole('region', { name: 'Missing images' })
  await expect(missing.locator('.broken-link')).toHaveText('gone.jpg')
  await expect(missing.locator('.broken-link')).toHaveAttribute('title', 'harbour-sprint-recap-images/gone.jpg')

  // Line links jump the editor.
  const goneLine = (await readPostFile(folder, post)).split('\n').findIndex((l) => l.includes('gone.jpg')) + 1
  await missing.getByRole('button', { name: `Go to line ${goneLine}` }).click()
  await expect(page.getByTestId('cursor')).toContainText(`Ln ${goneLine}`)

  // Rename, with no unsaved edits: the editor shows what was saved.
  await dawn.hover()
  await page.getByRole('button', { name: 'Rename harbour-at-dawn.jpg' }).click()
  await page.getByRole('dialog').getByLabel('New name').fill('Dawn over the Harbour')
  await page.getByRole('dialog').getByRole('button', { name: 'Rename' }).click()
  await expect(galleryItem(page, 'dawn-over-the-harbour.jpg')).toBeVisible()
  expect(await readdir(join(folder, imageDir))).not.toContain('harbour-at-dawn.jpg')
  expect(await readPostFile(folder, post)).toContain('![Harbour at dawn](harbour-sprint-recap-images/dawn-over-the-harbour.jpg)')
  // The preview's image points at the new name (loaded, or waiting below the fold).
  const previewDawn = page.locator('.preview img[alt="Harbour at dawn"]')
  await expect.poll(() => previewDawn.evaluate((img: HTMLImageElement) => img.getAttribute('src') ?? img.dataset.src)).toMatch(/dawn-over-the-harbour\.jpg$/)
  await expect(page.getByTestId('save-state')).toHaveText(/Saved/)

  // Rename with unsaved edits: they stay, the reference follows, and saving is no conflict.
  await cursorToEnd(app)
  await page.keyboard.type('\nAn unsaved line.')
  await expect(page.getByTestId('save-state')).toHaveText(/Unsaved/)
  const whiteboard = galleryItem(page, 'sprint-room-whiteboard.jpg')
  await whiteboard.hover()
  await page.getByRole('button', { name: 'Rename sprint-room-whiteboard.jpg' }).click()
  await page.getByRole('dialog').getByLabel('New name').fill('whiteboard')
  await page.getByRole('dialog').getByRole('button', { name: 'Rename' }).click()
  await expect(galleryItem(page, 'whiteboard.jpg')).toBeVisible()
  await expect(page.getByTestId('save-state')).toHaveText(/Unsaved/)
  const saved = await savedText(page, folder)
  expect(saved).toContain('![Sprint room whiteboard](harbour-sprint-recap-images/whiteboard.jpg)')
  expect(saved).toContain('An unsaved line.')
  await expect(page.locator('.notice.conflict')).toHaveCount(0)

  // Delete an unused image: confirmed, then in the trash.
  const spare = galleryItem(page, 'spare-shot.jpg')
  await spare.hover()
  await page.getByRole('button', { name: 'Move spare-shot.jpg to the trash' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Move to Trash' }).click()
  await expect(spare).toHaveCount(0)
  expect(await readdir(join(folder, imageDir))).not.toContain('spare-shot.jpg')
  expect((await readdir(app.trashDir)).some((f) => f.endsWith('spare-shot.jpg'))).toBe(true)
  // Used images offer no delete.
  await expect(page.getByRole('button', { name: 'Move whiteboard.jpg to the trash' })).toHaveCount(0)

  // Drag a thumbnail into the editor: its link is inserted as a paragraph where it lands.
  const target = await closingDinnerLine(page)
  await imagesTab(page).click()
  await galleryItem(page, 'lighthouse-walk.jpg').locator('.gallery-thumb').dragTo(target)
  const dragged = await savedText(page, folder)
  expect(dragged).toContain('beautifully.\n\n![Lighthouse Walk](harbour-sprint-recap-images/lighthouse-walk.jpg)\n\n')
  await expect(galleryItem(page, 'lighthouse-walk.jpg')).toContainText('Lines')
  await mkdir(outDir, { recursive: true })
})

test('preview images get fixed boxes from the files’ sizes', async ({ app }) => {
  const { page } = app
  await openPost(app, 'Harbour Sprint 2026 Recap')
  const image = page.locator('.preview img[alt="Closing dinner paella"]')
  await expect(image).toHaveAttribute('width', '1200')
  await expect(image).toHaveAttribute('height', '800')
  // The box has the image's shape before it loads (it is lazy and below the fold).
  const box = (await image.boundingBox())!
  expect(Math.abs(box.width / box.height - 1.5)).toBeLessThan(0.02)
})

for (const colorScheme of ['light', 'dark'] as const) {
  test(`screenshots of the Images tab and the import strip (${colorScheme})`, async ({ launch, folder }) => {
    await copyFile(join(folder, imageDir, 'lighthouse-walk.jpg'), join(folder, imageDir, 'spare-shot.jpg'))
    const source = await readPostFile(folder, post)
    await writeFile(join(folder, post), source.replace('## Closing Dinner\n', '## Closing Dinner\n\n![Gone](harbour-sprint-recap-images/gone.jpg)\n'))
    const photos = await mkdtemp(join(tmpdir(), 'folio-shots-'))
    await writeFile(join(photos, 'DSC00001.JPG'), await bigNoisyJpeg())
    const app = await launch({ colorScheme, viewport: { width: 1440, height: 900 } })
    const { page } = app
    await openPost(app, 'Harbour Sprint 2026 Recap')
    await dropFiles(page, await closingDinnerLine(page), [
      { name: 'good-one.jpg', type: 'image/jpeg', bytes: await photo(900, 600) },
      { name: 'notes.jpg', type: 'image/jpeg', bytes: Buffer.from('not a picture') }
    ])
    const status = page.locator('.import-status')
    await expect(status).toContainText('1 skipped')
    await imagesTab(page).click()
    await expect(page.locator('.gallery-thumb img')).toHaveCount(6)
    for (const img of await page.locator('.gallery-thumb img').all()) await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBeGreaterThan(0)
    await galleryItem(page, 'spare-shot.jpg').hover()
    await mkdir(outDir, { recursive: true })
    const galleryShot = join(outDir, `images-gallery-${colorScheme}.png`)
    await page.screenshot({ path: galleryShot, animations: 'disabled' })
    expect((await stat(galleryShot)).size).toBeGreaterThan(20_000)

    // Mid-import: many big photos, so the strip can be caught with its count.
    await status.getByRole('button', { name: 'Dismiss' }).click()
    const files = Array.from({ length: 24 }, (_, i) => ({ name: `DSC${String(i + 1).padStart(5, '0')}.JPG`, type: 'image/jpeg', path: join(photos, 'DSC00001.JPG') }))
    await dropFiles(page, await closingDinnerLine(page, 'Paella for forty'), files)
    await expect.poll(async () => Number((await page.getByRole('progressbar', { name: 'Import progress' }).getAttribute('aria-valuenow').catch(() => '0')) ?? 0)).toBeGreaterThan(1)
    const progressShot = join(outDir, `images-import-progress-${colorScheme}.png`)
    await page.screenshot({ path: progressShot })
    expect((await readFile(progressShot)).subarray(1, 4).toString()).toBe('PNG')
    await status.getByRole('button', { name: 'Cancel' }).click()
    await expect(status).toContainText('Import cancelled')
  })
}
