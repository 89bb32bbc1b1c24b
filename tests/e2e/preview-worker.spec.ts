import { writeFile } from 'node:fs/promises'
import sharp from 'sharp'
import { join } from 'node:path'
import { test, expect, openPost, cursorToEnd, pasteImage } from './fixtures'
import { recapPost } from '../bench/post'

/**
 * The preview's markdown pipeline runs in a Web Worker (renderer/src/preview/), so a long
 * render never holds up the editor; when no worker can start, the page renders it itself.
 */

test('the preview renders in a worker, and the editor takes keys while a 50k-line post is still rendering', async ({ folder, launch }) => {
  // 50k lines (2 MB): rendering it takes seconds even on a fast machine.
  const app = await launch()
  const { page } = app
  await openPost(app, 'Sourdough Notes', 'sourdough-notes.md')
  await expect(page.locator('.preview h1')).toContainText('Sourdough')
  await expect(page.locator('.preview')).toHaveAttribute('data-render-thread', 'worker')
  // Written now, so it is not the post the app opened (and rendered) at start.
  await writeFile(join(folder, 'long-recap.md'), recapPost(50_000, 'long-recap').text)

  await page.locator('.post-item[title="long-recap.md"]').click()
  await expect(page.locator('.statusbar')).toContainText('long-recap.md')
  await expect(page.locator('.cm-content')).toContainText('Harbour Conference Recap')
  await expect(page.locator('.cm-content')).toBeFocused()
  await page.keyboard.type('Typed while rendering. ')
  // The key reached the editor before the whole preview of this post existed (at most its
  // beginning): the render did not block the page. (Rendering the whole post takes
  // seconds; a key takes milliseconds.)
  const pendingWhenTyped = await page.waitForFunction(() => {
    const line = document.querySelector('.cm-line')?.textContent ?? ''
    return line.startsWith('Typed while rendering.') ? { note: document.querySelector('.preview-pending')?.textContent ?? 'none' } : null
  })
  expect((await pendingWhenTyped.jsonValue())?.note).toMatch(/^Rendering the (preview|rest of the post)…$/)
  // Then the preview arrives, with the typed words and the last section of the post.
  await expect(page.locator('.preview h2').last()).toContainText('Day ', { timeout: 60_000 })
  await expect(page.locator('.preview .block').first()).toContainText('Typed while rendering.', { timeout: 60_000 })
})

test('a long post shows its beginning first, and the rest keeps those blocks when it arrives', async ({ folder, launch }) => {
  const app = await launch()
  const { page } = app
  await openPost(app, 'Sourdough Notes', 'sourdough-notes.md')
  await writeFile(join(folder, 'long-recap.md'), recapPost(25_000, 'long-recap').text)
  await page.locator('.post-item[title="long-recap.md"]').click()
  // The whole takes the worker seconds; the beginning is in the page before it.
  const rest = page.locator('.preview-pending', { hasText: 'Rendering the rest of the post' })
  await expect(rest).toBeVisible()
  await expect(page.locator('.preview h1')).toContainText('Harbour Conference Recap')
  const early = await page.locator('.preview .block').count()
  expect(early).toBeGreaterThan(20)
  // No word count from the beginning alone.
  await expect(page.locator('.statusbar')).not.toContainText('words')
  await page.locator('.preview .block').evaluateAll((blocks) => blocks.forEach((block) => ((block as unknown as { mark: boolean }).mark = true)))
  await expect(rest).toHaveCount(0, { timeout: 60_000 })
  await expect(page.locator('.statusbar')).toContainText('words')
  await expect.poll(() => page.locator('.preview .block').count(), { timeout: 60_000 }).toBeGreaterThan(early * 5)
  const kept = await page.locator('.preview .block').evaluateAll((blocks) => blocks.slice(0, 20).map((block) => (block as unknown as { mark?: boolean }).mark === true))
  expect(kept).toEqual(Array(20).fill(true))
})

test('without a worker the page renders the preview itself', async ({ launch }) => {
  const app = await launch({ beforeLoad: async (page) => void (await page.route('**/render-worker-*.js', (route) => route.abort())) })
  const { page } = app
  await openPost(app, 'Sourdough Notes', 'sourdough-notes.md')
  await expect(page.locator('.preview')).toHaveAttribute('data-render-thread', 'page')
  await expect(page.locator('.preview h1')).toContainText('Sourdough')
  await page.locator('.cm-content').click()
  await page.keyboard.press('Control+End')
  await page.keyboard.type('\n\n## Rye starter')
  await expect(page.locator('.preview h2').last()).toHaveText('Rye starter')
  await expect(page.locator('.outline-link', { hasText: 'Rye starter' })).toBeVisible()
})

test('a long preview enters the page in slices, and images in later slices get their fixed boxes too', async ({ folder, launch }) => {
  const app = await launch()
  const { page } = app
  await openPost(app, 'Sourdough Notes', 'sourdough-notes.md')
  const image = 'harbour-sprint-recap-images/lighthouse-walk.jpg'
  const { width, height } = (await sharp(join(folder, image)).metadata()).autoOrient
  // 3,000 sections of three blocks each: the first render enters the page over many frames.
  const sections = Array.from({ length: 3000 }, (_, i) => `## Stop ${i + 1}\n\nA paragraph about stop ${i + 1}.\n\n![Stop ${i + 1}](${image})\n`)
  await writeFile(join(folder, 'many-stops.md'), `# Many Stops\n\n${sections.join('\n')}`)
  await page.locator('.post-item[title="many-stops.md"]').click()
  await expect(page.locator('.preview .block')).toHaveCount(1 + 3000 * 3, { timeout: 30_000 })
  const last = page.locator('.preview img').last()
  await expect(last).toHaveAttribute('alt', 'Stop 3000')
  await expect(last).toHaveAttribute('width', String(width))
  await expect(last).toHaveAttribute('height', String(height))
})

test('the preview loads the images near what it shows, and the rest as they come near', async ({ folder, launch }) => {
  const app = await launch()
  const { page } = app
  await openPost(app, 'Sourdough Notes', 'sourdough-notes.md')
  const image = 'harbour-sprint-recap-images/lighthouse-walk.jpg'
  const sections = Array.from({ length: 300 }, (_, i) => `## Stop ${i + 1}\n\nA paragraph about stop ${i + 1}.\n\n![Stop ${i + 1}](${image})\n`)
  await writeFile(join(folder, 'many-stops.md'), `# Many Stops\n\n${sections.join('\n')}`)
  await page.locator('.post-item[title="many-stops.md"]').click()
  await expect(page.locator('.preview img')).toHaveCount(300)
  const loaded = (img: HTMLImageElement) => img.complete && img.naturalWidth > 0
  await expect.poll(() => page.locator('.preview img[alt="Stop 1"]').evaluate(loaded)).toBe(true)
  // Only the first screens' worth have a URL to load; the others keep theirs aside.
  const started = () => page.locator('.preview img[src]').count()
  await expect.poll(started).toBeGreaterThan(0)
  expect(await started()).toBeLessThan(40)
  const last = page.locator('.preview img[alt="Stop 300"]')
  await expect(last).not.toHaveAttribute('src')
  await expect(last).toHaveAttribute('data-src', /lighthouse-walk\.jpg$/)
  // Scrolled to the end, the last image loads, and those passed on the way stay loaded.
  await page.locator('.preview').evaluate((preview) => preview.scrollTo({ top: preview.scrollHeight }))
  await expect.poll(() => last.evaluate(loaded)).toBe(true)
  await expect(last).not.toHaveAttribute('data-src')
  await expect.poll(() => page.locator('.preview img[alt="Stop 1"]').evaluate(loaded)).toBe(true)
  expect(await page.locator('.preview img[alt="Stop 150"]').getAttribute('src')).toBeNull()
})

test('an edit in a long post replaces only its own block in the page; the blocks sit in chunks', async ({ folder, launch }) => {
  const app = await launch()
  const { page } = app
  await openPost(app, 'Sourdough Notes', 'sourdough-notes.md')
  const sections = Array.from({ length: 100 }, (_, i) => `## Stop ${i + 1}\n\nA paragraph about stop ${i + 1}.\n`)
  await writeFile(join(folder, 'stops.md'), `# Stops\n\n${sections.join('\n')}`)
  await openPost(app, 'Stops', 'stops.md')
  await expect(page.locator('.preview .block')).toHaveCount(201)
  const chunks = await page.locator('.preview .markdown-body > .chunk').evaluateAll((list) => list.map((chunk) => chunk.querySelectorAll(':scope > .block').length))
  expect(chunks.length).toBeGreaterThan(2)
  expect(chunks.reduce((a, b) => a + b)).toBe(201)
  // Each block element gets a mark; the edit is typed into the paragraph of stop 50.
  await page.locator('.preview .block').evaluateAll((blocks) => blocks.forEach((block, i) => ((block as unknown as { mark: number }).mark = i)))
  // A click on the paragraph puts the cursor on its line.
  await page.locator('.preview p', { hasText: 'A paragraph about stop 50.' }).click()
  await page.keyboard.press('End')
  await page.keyboard.type(' Edited.')
  await expect(page.locator('.preview')).toContainText('A paragraph about stop 50. Edited.')
  const marks = await page.locator('.preview .block').evaluateAll((blocks) => blocks.map((block) => (block as unknown as { mark?: number }).mark ?? null))
  const edited = marks.indexOf(null)
  expect(marks.filter((mark) => mark === null)).toHaveLength(1)
  expect(await page.locator('.preview .block').nth(edited).textContent()).toBe('A paragraph about stop 50. Edited.')
  expect(marks.filter((mark) => mark !== null)).toEqual([...Array(201).keys()].filter((i) => i !== edited))
})

test('an image pasted before the preview has rendered is still named after its section', async ({ folder, launch }) => {
  const app = await launch()
  const { page } = app
  await openPost(app, 'Sourdough Notes', 'sourdough-notes.md')
  await writeFile(join(folder, 'long-recap.md'), recapPost(50_000, 'long-recap').text)
  // The long post's render keeps the worker busy for seconds; the recap's waits behind it.
  await page.locator('.post-item[title="long-recap.md"]').click()
  await expect(page.locator('.statusbar')).toContainText('long-recap.md')
  await openPost(app, 'Harbour Sprint 2026 Recap', 'harbour-sprint-recap.md')
  await cursorToEnd(app)
  await expect(page.locator('.preview-pending')).toBeVisible()
  await pasteImage(page, await sharp({ create: { width: 640, height: 480, channels: 3, background: '#3a7bd5' } }).png().toBuffer())
  await expect(page.locator('.import-status')).toContainText('Imported 1 image.')
  await expect(page.locator('.cm-content')).toContainText('![In Closing](harbour-sprint-recap-images/in-closing-1.')
})
