import { chmod, readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Harness } from './harness'
import { test, expect, openPost, cursorToEnd } from './fixtures'

/**
 * A read-only post (chmod 444; even root, which could override it, must not replace it):
 * saving says so in plain words, keeps the text in the editor, and "Save as a new post…"
 * writes the text beside it and opens that post. Real files, the built renderer in Chromium.
 */

const sourdough = 'sourdough-notes.md'
const editor = (app: Harness) => app.page.locator('.cm-content')
const saveState = (app: Harness) => app.page.getByTestId('save-state')

test('saving a read-only post refuses, then “Save as a new post…” keeps the text in a new post', async ({ folder, app }) => {
  const { page } = app
  await chmod(join(folder, sourdough), 0o444)
  const before = await readFile(join(folder, sourdough))
  const mtime = (await stat(join(folder, sourdough))).mtimeMs

  await openPost(app, 'Sourdough Notes', sourdough)
  await cursorToEnd(app)
  await page.keyboard.type('\nA line the read-only file cannot take.')
  await page.keyboard.press('Control+s')

  const alert = page.locator('.notice.read-only')
  await expect(alert).toContainText(`${sourdough} is read-only, so Folio did not replace it. Save it as a new post instead; your text is still in the editor.`)
  await expect(saveState(app)).toHaveText(/Unsaved/)
  // Not a conflict: nothing offers to reload (and drop the text).
  await expect(page.getByRole('button', { name: 'Reload from disk' })).toHaveCount(0)
  expect(await readFile(join(folder, sourdough))).toEqual(before)
  expect((await stat(join(folder, sourdough))).mtimeMs).toBe(mtime)
  await page.screenshot({ path: test.info().outputPath('read-only-notice.png') })

  await alert.getByRole('button', { name: 'Save as a new post…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Save as a new post' })
  await expect(dialog.getByLabel('Name of the new post')).toHaveValue('sourdough-notes-copy')
  await page.screenshot({ path: test.info().outputPath('read-only-dialog.png') })
  await dialog.getByRole('button', { name: 'Save' }).click()

  await expect(page.locator('.statusbar')).toContainText('sourdough-notes-copy.md')
  await expect(editor(app)).toContainText('A line the read-only file cannot take.')
  await expect(saveState(app)).toHaveText(/Saved/)
  await expect(page.locator('.notice')).toHaveCount(0)
  const copy = await readFile(join(folder, 'sourdough-notes-copy.md'), 'utf8')
  expect(copy).toBe(`${before.toString('utf8')}\nA line the read-only file cannot take.`)
  // The read-only post is as it was, no longer marked unsaved, and both are in the list.
  expect(await readFile(join(folder, sourdough))).toEqual(before)
  await expect(page.locator('.post-list .dirty-dot')).toHaveCount(0)
  await expect(page.locator('.post-list')).toContainText('Sourdough Notes')
  expect((await readdir(folder)).filter((name) => name.startsWith('sourdough-notes'))).toEqual(expect.arrayContaining([sourdough, 'sourdough-notes-copy.md']))
  expect(await app.service.handlers.listRecoveries()).toEqual([])
})
