import { access, mkdir, readFile, rm, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Harness } from './harness'
import { test, expect, openPost, cursorToEnd } from './fixtures'

/**
 * A post deleted on disk (by git, a sync tool, a file manager) while it holds unsaved edits
 * stays in the post list, marked, with its text and undo history, until the user saves it
 * (writing the file again) or discards it. A deleted post without edits just leaves.
 */

const outDir = resolve(process.env.FOLIO_SCREENSHOT_DIR ?? 'out/screenshots')
const sourdough = 'sourdough-notes.md'
const editor = (app: Harness) => app.page.locator('.cm-content')
const saveState = (app: Harness) => app.page.getByTestId('save-state')
const listItem = (app: Harness, title: string) => app.page.locator('.post-list li').filter({ hasText: title })
const exists = (path: string) => access(path).then(() => true, () => false)

/** Types a line into Sourdough Notes, deletes its file on disk and waits for the app to notice. */
async function editThenDelete(app: Harness, folder: string, line: string) {
  await openPost(app, 'Sourdough Notes', sourdough)
  await cursorToEnd(app)
  await app.page.keyboard.type(line)
  await expect(saveState(app)).toHaveText(/Unsaved/)
  await rm(join(folder, sourdough))
  await expect(app.page.locator('.notice')).toContainText(`${sourdough} was deleted or renamed on disk`)
}

test('an edited post deleted on disk stays in the list, reopens with its text and undo history, and saving writes it again', async ({ folder, app }) => {
  const { page } = app
  await editThenDelete(app, folder, '\nWords written after the file went away.')
  await openPost(app, 'A Weekend in the Dunes', 'dune-weekend.md')
  // The list of the main side no longer has it; the open buffer keeps it there, marked.
  await page.waitForTimeout(600)
  const item = listItem(app, 'Sourdough Notes')
  await expect(item).toHaveCount(1)
  await expect(item).toContainText('Deleted on disk · unsaved')
  // Still unsaved, so closing the window asks first (the close guard follows the dirty marks).
  await expect(item.locator('.dirty-dot')).toHaveCount(1)
  await expect(item.locator('.post-item')).toHaveAccessibleName(/Sourdough Notes.*deleted on disk, unsaved changes/i)

  await openPost(app, 'Sourdough Notes', sourdough)
  await expect(editor(app)).toContainText('Words written after the file went away.')
  await expect(page.locator('.notice')).toContainText('deleted or renamed on disk')
  // Undo history came along: one undo takes the typing back, redo puts it again.
  await editor(app).click()
  await page.keyboard.press('Control+z')
  await expect(editor(app)).not.toContainText('Words written after the file went away.')
  // Back to the text it had on disk, but the file is gone: still unsaved.
  await page.waitForTimeout(400)
  await expect(saveState(app)).toHaveText(/Unsaved/)
  await page.keyboard.press('Control+Shift+z')
  await expect(editor(app)).toContainText('Words written after the file went away.')

  await page.keyboard.press('Control+s')
  await expect(saveState(app)).toHaveText(/Saved/)
  expect(await readFile(join(folder, sourdough), 'utf8')).toContain('Words written after the file went away.')
  await expect(item).not.toContainText('Deleted on disk')
  await expect(page.locator('.notice')).toHaveCount(0)
  await expect(listItem(app, 'Sourdough Notes')).toHaveCount(1)
  expect(await app.service.handlers.listRecoveries()).toEqual([])
})

test('Discard in the post list forgets a deleted post’s unsaved text', async ({ folder, app }) => {
  const { page } = app
  await editThenDelete(app, folder, '\nText the writer lets go.')
  await expect.poll(async () => (await app.service.handlers.listRecoveries()).length, { timeout: 5000 }).toBe(1)
  await openPost(app, 'A Weekend in the Dunes', 'dune-weekend.md')
  const item = listItem(app, 'Sourdough Notes')
  await expect(item).toContainText('Deleted on disk · unsaved')
  await item.hover()
  await item.getByRole('button', { name: 'Discard unsaved changes to Sourdough Notes' }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText('Sourdough Notes')
  await dialog.getByRole('button', { name: 'Discard' }).click()
  await expect(listItem(app, 'Sourdough Notes')).toHaveCount(0)
  await expect(page.locator('.post-list .dirty-dot')).toHaveCount(0)
  await expect.poll(() => app.service.handlers.listRecoveries()).toEqual([])
  await expect(editor(app)).toContainText('A Weekend in the Dunes')
  expect(await exists(join(folder, sourdough))).toBe(false)
})

test('Discard in the banner closes the deleted post and forgets its text', async ({ folder, app }) => {
  const { page } = app
  await editThenDelete(app, folder, '\nAlso let go.')
  await page.locator('.notice').getByRole('button', { name: 'Discard…' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Discard' }).click()
  await expect(listItem(app, 'Sourdough Notes')).toHaveCount(0)
  await expect(page.locator('.statusbar')).not.toContainText(sourdough)
  await expect.poll(() => app.service.handlers.listRecoveries()).toEqual([])
  expect(await exists(join(folder, sourdough))).toBe(false)
})

test('a post without edits deleted on disk leaves the list and its editor closes with a notice', async ({ folder, app }) => {
  const { page } = app
  await openPost(app, 'Sourdough Notes', sourdough)
  await rm(join(folder, sourdough))
  await expect(page.locator('.notice')).toContainText(`${sourdough} was deleted on disk`)
  await expect(listItem(app, 'Sourdough Notes')).toHaveCount(0)
  await expect(page.locator('.cm-content')).toHaveCount(0)
  await expect(page.locator('.statusbar')).not.toContainText(sourdough)
})

for (const colorScheme of ['light', 'dark'] as const) {
  test(`screenshots: a post deleted on disk in the list, and the autosave menu (${colorScheme})`, async ({ folder, launch }) => {
    const app = await launch({ colorScheme })
    await editThenDelete(app, folder, '\nStill here.')
    await openPost(app, 'A Weekend in the Dunes', 'dune-weekend.md')
    await expect(listItem(app, 'Sourdough Notes')).toContainText('Deleted on disk · unsaved')
    await mkdir(outDir, { recursive: true })
    const list = join(outDir, `deleted-on-disk-${colorScheme}.png`)
    await app.page.locator('.sidebar').screenshot({ path: list })
    await app.page.getByRole('button', { name: /^Autosave:/ }).click()
    await expect(app.page.getByRole('menu', { name: 'Autosave' })).toBeVisible()
    const menu = join(outDir, `autosave-menu-${colorScheme}.png`)
    await app.page.screenshot({ path: menu, clip: { x: 900, y: 700, width: 500, height: 200 } })
    expect((await stat(list)).size).toBeGreaterThan(5_000)
  })
}
