import { test, expect, openPost, cursorToEnd, readPostFile } from './fixtures'

test('opens the sample blog, edits a post, sees the preview change, saves to disk', async ({ app, folder }) => {
  const { page } = app
  await expect(page.getByRole('complementary', { name: 'Posts' })).toContainText('Harbour Sprint 2026 Recap')
  await expect(page.locator('.post-list li')).toHaveCount(3)
  await openPost(app, 'Harbour Sprint 2026 Recap')
  await expect(page.locator('.preview h1')).toHaveText('Harbour Sprint 2026 Recap')

  await cursorToEnd(app)
  await page.keyboard.type('\n\n## Fresh From The Harness\n\nWritten in Chromium.')
  await expect(page.locator('.preview h2#fresh-from-the-harness')).toHaveText('Fresh From The Harness')
  await expect(page.getByTestId('save-state')).toHaveText(/Unsaved/)

  await page.keyboard.press('Control+s')
  await expect(page.getByTestId('save-state')).toHaveText(/Saved/)
  const onDisk = await readPostFile(folder, 'harbour-sprint-recap.md')
  expect(onDisk).toContain('## Fresh From The Harness\n\nWritten in Chromium.')
  expect(onDisk.startsWith('---\nblogpost: true\n')).toBe(true)
})

test('post images load through the folder protocol', async ({ app }) => {
  await openPost(app, 'Harbour Sprint 2026 Recap')
  const image = app.page.locator('.preview img[alt="Harbour at dawn"]')
  await image.scrollIntoViewIfNeeded()
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1200)
})
