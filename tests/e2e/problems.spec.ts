import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import GithubSlugger from 'github-slugger'
import type { Page } from 'playwright'
import { test, expect, openPost, sampleBlog } from './fixtures'
import type { Harness, HarnessOptions } from './harness'

const outDir = resolve(process.env.FOLIO_SCREENSHOT_DIR ?? 'out/screenshots')
const post = 'tidepool-weekend.md'
const images = { 'cliff-path-to-the-cove.jpg': 'harbour-at-dawn.jpg', 'rock-pool-at-low-tide.jpg': 'lighthouse-walk.jpg', 'sunset-over-the-bay.jpg': 'closing-dinner-paella.jpg' }

/** A draft shaped like a real recap: drifted TOC, empty alt texts, a garbled 🔝, a section of notes only. */
const draft = `---
blogpost: true
location: Cornwall
category: Travel
tags: coast, walking, photos
---

# Tidepool Weekend

Table of Contents
-----------------

- [Arrival](#arrival)
- [The Rock Pools](#the-rock-pools)
- [Saturday Evening](#saturday-evening)

## Arrival

We reached the cove just after the tide turned.

![](tidepool-weekend-images/cliff-path-to-the-cove.jpg)

<!--
Add the bus times from the station.
-->

🔝 <sub>[**back to top**](#table-of-contents)</sub>

## The Rock Pools

![](tidepool-weekend-images/rock-pool-at-low-tide.jpg)

Anemones, a shy crab and far too many periwinkles to count.

üîù <sub>[**back to top**](#table-of-contents)</sub>

## Sunday Sunset

![](tidepool-weekend-images/sunset-over-the-bay.jpg)

🔝 <sub>[**back to top**](#table-of-contents)</sub>

## Getting Home

<!--
Write about the slow train back.
-->
`

/** The TOC list a reader expects: every H2, linked by its GitHub slug. */
function tocFor(headings: string[]): string {
  const slugger = new GithubSlugger()
  return headings.map((h) => `- [${h}](#${slugger.slug(h)})`).join('\n')
}
const oldToc = '- [Arrival](#arrival)\n- [The Rock Pools](#the-rock-pools)\n- [Saturday Evening](#saturday-evening)'
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length

async function writeDraft(folder: string, text = draft) {
  await mkdir(join(folder, 'tidepool-weekend-images'), { recursive: true })
  for (const [name, source] of Object.entries(images)) await copyFile(join(sampleBlog, 'harbour-sprint-recap-images', source), join(folder, 'tidepool-weekend-images', name))
  await writeFile(join(folder, post), text)
}

/** The side panel a little wider than the default, as a user would drag it. */
const widePanel: Partial<HarnessOptions> = {
  beforeLoad: async (page) => {
    await page.addInitScript(() => localStorage.setItem('folio.layout', JSON.stringify({ outlineWidth: 330 })))
  }
}

/** Opens the draft with the Problems tab showing. */
async function openProblems(app: Harness) {
  await openPost(app, 'Tidepool Weekend')
  await expect(app.page.locator('.statusbar')).toContainText(post)
  await app.page.getByRole('tab', { name: /Problems/ }).click()
  const panel = app.page.getByRole('region', { name: 'Problems' })
  await expect(panel.locator('.checking')).toHaveCount(0)
  return panel
}

const rows = (page: Page, rule: string) => page.locator(`.problem[data-rule="${rule}"]`)
const cursorLine = async (page: Page) => Number((await page.getByTestId('cursor').innerText()).match(/Ln (\d+)/)![1])

test('lists each problem once with its line; a single fix, Fix all as one undo step, and the saved file', async ({ folder, launch }) => {
  await writeDraft(folder)
  const app = await launch(widePanel)
  const { page } = app
  const panel = await openProblems(app)

  const expected: [string, number][] = [
    ['front-matter-draft', 1],
    ['toc-outdated', lineOf(draft, 'Table of Contents')],
    ['image-alt', lineOf(draft, '![](tidepool-weekend-images/cliff-path')],
    ['draft-note', lineOf(draft, '<!--\nAdd the bus')],
    ['image-alt', lineOf(draft, '![](tidepool-weekend-images/rock-pool')],
    ['mojibake', lineOf(draft, 'üîù')],
    ['image-alt', lineOf(draft, '![](tidepool-weekend-images/sunset')],
    ['heading-empty', lineOf(draft, '## Getting Home')],
    ['draft-note', lineOf(draft, '<!--\nWrite about')]
  ]
  const listed = await panel.locator('.problem').evaluateAll((els) => els.map((el) => [el.getAttribute('data-rule'), Number(el.getAttribute('data-line'))]))
  expect(listed).toEqual(expected)
  await expect(panel.locator('.problem[data-rule="mojibake"] .problem-where')).toContainText(`Line ${lineOf(draft, 'üîù')}`)
  await expect(page.getByRole('tab', { name: /Problems/ }).locator('.tab-badge')).toHaveText('5')
  await expect(panel.locator('.problems-summary')).toContainText(/0 errors\s*5 warnings\s*4 notes/)

  // Clicking a problem selects it in the editor.
  await rows(page, 'mojibake').locator('.problem-jump').click()
  await expect.poll(() => cursorLine(page)).toBe(lineOf(draft, 'üîù'))

  // Notes are listed but can be hidden.
  await panel.getByRole('button', { name: 'Show notes' }).click()
  await expect(rows(page, 'draft-note')).toHaveCount(0)
  await expect(rows(page, 'image-alt')).toHaveCount(3)
  await panel.getByRole('button', { name: 'Show notes' }).click()
  await expect(rows(page, 'draft-note')).toHaveCount(2)

  // One fix.
  await panel.getByRole('button', { name: 'Add alt text “Cliff Path to the Cove”' }).click()
  await expect(page.locator('.cm-content')).toContainText('![Cliff Path to the Cove](tidepool-weekend-images/cliff-path-to-the-cove.jpg)')
  await expect(rows(page, 'image-alt')).toHaveCount(2)
  await expect(page.getByRole('tab', { name: /Problems/ }).locator('.tab-badge')).toHaveText('4')

  // Fix all: everything else, in one undo step.
  await panel.getByRole('button', { name: /^Fix all \(/ }).click()
  await expect(panel.locator('.problems-message')).toContainText('Fixed 4 problems')
  await expect(rows(page, 'image-alt')).toHaveCount(0)
  await expect(rows(page, 'toc-outdated')).toHaveCount(0)
  await expect(rows(page, 'mojibake')).toHaveCount(0)
  await expect(page.getByRole('tab', { name: /Problems/ }).locator('.tab-badge')).toHaveCount(0)
  await expect(rows(page, 'heading-empty')).toHaveCount(1) // notes stay: only the author can write that section
  await page.keyboard.press('Control+z')
  await expect(page.locator('.cm-content')).toContainText('üîù')
  await expect(page.locator('.cm-content')).toContainText('![](tidepool-weekend-images/rock-pool-at-low-tide.jpg)')
  await expect(page.locator('.cm-content')).toContainText('![Cliff Path to the Cove]') // the single fix was its own step
  await page.keyboard.press('Control+y')
  await expect(page.locator('.cm-content')).not.toContainText('üîù')

  await page.keyboard.press('Control+s')
  await expect(page.getByTestId('save-state')).toHaveText('✓ Saved')
  const saved = await readFile(join(folder, post), 'utf8')
  const want = draft
    .replace(oldToc, tocFor(['Arrival', 'The Rock Pools', 'Sunday Sunset', 'Getting Home']))
    .replace('![](tidepool-weekend-images/cliff-path', '![Cliff Path to the Cove](tidepool-weekend-images/cliff-path')
    .replace('![](tidepool-weekend-images/rock-pool', '![Rock Pool at Low Tide](tidepool-weekend-images/rock-pool')
    .replace('![](tidepool-weekend-images/sunset', '![Sunset Over the Bay](tidepool-weekend-images/sunset')
    .replace('üîù', '🔝')
  expect(saved).toBe(want)
  expect(saved).toContain('- [Sunday Sunset](#sunday-sunset)\n- [Getting Home](#getting-home)')
})

test('"Fix all 3" on an image adds alt text to every image and nothing else', async ({ folder, launch }) => {
  await writeDraft(folder)
  const app = await launch(widePanel)
  const panel = await openProblems(app)
  await expect(panel.getByRole('button', { name: 'Fix all 3' })).toHaveCount(1)
  await panel.getByRole('button', { name: 'Fix all 3' }).click()
  await expect(rows(app.page, 'image-alt')).toHaveCount(0)
  await expect(rows(app.page, 'toc-outdated')).toHaveCount(1)
  await expect(rows(app.page, 'mojibake')).toHaveCount(1)
  await app.page.keyboard.press('Control+s')
  await expect.poll(() => readFile(join(folder, post), 'utf8')).toContain('![Sunset Over the Bay]')
  const saved = await readFile(join(folder, post), 'utf8')
  expect(saved.match(/!\[[^\]]+\]\(tidepool-weekend-images/g)).toHaveLength(3)
  expect(saved).toContain('üîù')
})

test('checks again after a pause in typing, newest text first', async ({ folder, launch }) => {
  await writeDraft(folder)
  const app = await launch(widePanel)
  const { page } = app
  const panel = await openProblems(app)
  const before = app.calls.filter((c) => c === 'checkPost').length
  await page.locator('.cm-content').click()
  await page.keyboard.press('Control+End')
  await page.keyboard.type('\n![](tidepool-weekend-images/no-such-photo.jpg)\n', { delay: 15 })
  await expect(rows(page, 'image-missing')).toHaveCount(1)
  await expect(rows(page, 'image-missing')).toHaveAttribute('data-line', String(draft.split('\n').length + 1))
  await expect(panel.locator('.problems-summary')).toContainText('1 error')
  // Debounced: a few checks for ~50 keystrokes, not one per key.
  expect(app.calls.filter((c) => c === 'checkPost').length - before).toBeLessThanOrEqual(3)
})

test('TOC commands edit the editor undoably, and TOC-on-save rewrites only the TOC block', async ({ folder, launch }) => {
  await writeDraft(folder)
  const app = await launch(widePanel)
  const { page } = app
  const panel = await openProblems(app)

  // Rename a heading, then save: the TOC follows, nothing else changes.
  await rows(page, 'heading-empty').locator('.problem-jump').click()
  await page.keyboard.press('End')
  await page.keyboard.type(' by Train')
  await page.keyboard.press('Control+s')
  await expect(page.getByTestId('save-state')).toHaveText('✓ Saved')
  const renamed = draft.replace('## Getting Home', '## Getting Home by Train')
  const saved = await readFile(join(folder, post), 'utf8')
  expect(saved).toBe(renamed.replace(oldToc, tocFor(['Arrival', 'The Rock Pools', 'Sunday Sunset', 'Getting Home by Train'])))
  // The TOC update is an edit of its own in the editor: undo takes it back.
  await page.keyboard.press('Control+z')
  await expect(page.locator('.cm-content')).toContainText('[Saturday Evening](#saturday-evening)')
  await page.keyboard.press('Control+y')

  // With the setting off, a save leaves the TOC alone (and the setting is remembered).
  await panel.getByLabel('Update the TOC when saving').uncheck()
  expect(await page.evaluate(() => localStorage.getItem('folio.tocOnSave'))).toBe('off')
  await page.locator('.cm-content').click()
  await page.keyboard.press('Control+End')
  await page.keyboard.type('\n## Postscript\n\nOne more thing.\n')
  await page.keyboard.press('Control+s')
  await expect(page.getByTestId('save-state')).toHaveText('✓ Saved')
  const unsynced = await readFile(join(folder, post), 'utf8')
  expect(unsynced).toContain('- [Getting Home by Train](#getting-home-by-train)\n\n## Arrival')
  expect(unsynced).not.toContain('(#postscript)')

  // The panel button and the Edit menu command update it in the editor.
  await panel.getByRole('button', { name: 'Update TOC' }).click()
  await expect(page.locator('.cm-content')).toContainText('- [Postscript](#postscript)')
  await panel.getByRole('button', { name: 'Update TOC' }).click()
  await expect(panel.locator('.problems-message')).toHaveText('The table of contents is up to date.')
  await panel.getByRole('button', { name: 'Back-to-top links' }).click()
  await expect(rows(page, 'back-to-top')).toHaveCount(0)
  await page.keyboard.press('Control+s')
  await expect.poll(() => readFile(join(folder, post), 'utf8')).toContain('- [Postscript](#postscript)')
  const linked = await readFile(join(folder, post), 'utf8')
  expect(linked).toMatch(/One more thing\.\n\n🔝 <sub>\[\*\*back to top\*\*\]\(#table-of-contents\)<\/sub>\n$/)
})

test('Insert TOC adds one to a post without it (menu command)', async ({ app }) => {
  const { page } = app
  await openPost(app, 'Sourdough Notes')
  await expect(page.locator('.statusbar')).toContainText('sourdough-notes.md')
  await page.evaluate(() => (window as unknown as { __folioEmit(e: string, p: unknown): void }).__folioEmit('menuCommand', { command: 'updateToc' }))
  await expect(page.locator('.cm-content')).toContainText('## Table of Contents')
  await expect(page.locator('.cm-content')).toContainText('- [Starter Schedule](#starter-schedule)')
  await expect(page.locator('.cm-content')).toContainText('- [Hydration Table](#hydration-table)')
  await page.keyboard.press('Control+z')
  await expect(page.locator('.cm-content')).not.toContainText('Table of Contents')
})

for (const colorScheme of ['light', 'dark'] as const) {
  test(`Problems panel screenshots before and after Fix all (${colorScheme})`, async ({ folder, launch }) => {
    await writeDraft(folder)
    const app = await launch({ ...widePanel, colorScheme, viewport: { width: 1440, height: 900 } })
    const panel = await openProblems(app)
    await mkdir(outDir, { recursive: true })
    const before = join(outDir, `problems-${colorScheme}-before.png`)
    await app.page.screenshot({ path: before })
    await panel.getByRole('button', { name: /^Fix all \(/ }).click()
    await expect(rows(app.page, 'image-alt')).toHaveCount(0)
    await expect(panel.locator('.checking')).toHaveCount(0)
    const after = join(outDir, `problems-${colorScheme}-after.png`)
    await app.page.screenshot({ path: after })
    expect((await stat(before)).size).toBeGreaterThan(20_000)
    expect((await stat(after)).size).toBeGreaterThan(20_000)
  })
}
