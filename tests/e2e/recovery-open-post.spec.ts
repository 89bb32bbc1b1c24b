import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test, expect, cursorToEnd } from './fixtures'

/**
 * The post a folder opens with can be the one whose copy the recovery view offers. Restoring
 * it puts the text into the editor already showing the post; a save must write that text
 * (it used to write the file's own text back, say "Saved" and forget the copy).
 */

const dunes = 'dune-weekend.md'
let dataDir: string
test.beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'folio-e2e-recovery-open-'))
})
test.afterEach(() => rm(dataDir, { recursive: true, force: true }))

test('restoring the copy of the post that is open writes the restored text on save', async ({ folder, launch }) => {
  const before = await readFile(join(folder, dunes), 'utf8')
  const first = await launch({ dataDir })
  await expect(first.page.locator('.statusbar')).toContainText(dunes)
  await cursorToEnd(first)
  await first.page.keyboard.type('\nTyped before the crash.')
  await expect.poll(async () => (await first.service.handlers.listRecoveries()).some((r) => r.text.includes('Typed before the crash.')), { timeout: 5000 }).toBe(true)
  await first.close()

  const second = await launch({ dataDir })
  const { page } = second
  // The first post opens by itself, and its copy is offered.
  await expect(page.locator('.statusbar')).toContainText(dunes)
  const dialog = page.getByRole('dialog', { name: 'Restore unsaved changes' })
  await dialog.getByRole('button', { name: `Restore ${dunes}` }).click()
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(page.locator('.cm-content')).toContainText('Typed before the crash.')
  await page.locator('.cm-content').click()
  await page.keyboard.press('Control+s')
  await expect(page.getByTestId('save-state')).toHaveText(/Saved/)
  expect(await readFile(join(folder, dunes), 'utf8')).toBe(`${before}\nTyped before the crash.`)
  expect(await second.service.handlers.listRecoveries()).toEqual([])
})
