import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Harness } from './harness'
import { test, expect, openPost, cursorToEnd } from './fixtures'

/**
 * "Never lose a word": unsaved text survives a kill, a save that fails keeps the text and
 * says why, and a change made by another program is only dropped when the user chooses.
 * Real files, the real handler table, the built renderer in Chromium.
 */

const sourdough = 'sourdough-notes.md'
const editor = (app: Harness) => app.page.locator('.cm-content')
const saveState = (app: Harness) => app.page.getByTestId('save-state')

/** Types `line` at the end of the open post and waits until its recovery copy is stored (1 s after typing). */
async function typeUnsaved(app: Harness, line: string) {
  await cursorToEnd(app)
  await app.page.keyboard.type(line)
  await expect(saveState(app)).toHaveText(/Unsaved/)
  await expect.poll(async () => (await app.service.handlers.listRecoveries()).map((r) => r.text.includes(line)), { timeout: 5000 }).toEqual([true])
}

test.describe('unsaved text survives a kill', () => {
  let dataDir: string
  test.beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'folio-e2e-data-'))
  })
  test.afterEach(() => rm(dataDir, { recursive: true, force: true }))

  test('Restore brings the text back unsaved; saving writes it and forgets the copy', async ({ folder, launch }) => {
    const before = await readFile(join(folder, sourdough), 'utf8')
    const first = await launch({ dataDir })
    await openPost(first, 'Sourdough Notes', sourdough)
    await typeUnsaved(first, '\nA line typed just before the crash.')
    // Closing the page without any save or prompt is what a kill leaves behind.
    await first.close()
    expect(await readFile(join(folder, sourdough), 'utf8')).toBe(before)

    const second = await launch({ dataDir })
    const { page } = second
    const dialog = page.getByRole('dialog', { name: 'Restore unsaved changes' })
    await expect(dialog).toContainText(sourdough)
    await dialog.getByRole('button', { name: `Restore ${sourdough}` }).click()
    await dialog.getByRole('button', { name: 'Close' }).click()
    await expect(page.locator('.statusbar')).toContainText(sourdough)
    await expect(editor(second)).toContainText('A line typed just before the crash.')
    await expect(saveState(second)).toHaveText(/Unsaved/)
    await expect(page.locator('.post-list .active .dirty-dot')).toHaveCount(1)
    expect(await readFile(join(folder, sourdough), 'utf8')).toBe(before)

    await page.keyboard.press('Control+s')
    await expect(saveState(second)).toHaveText(/Saved/)
    expect(await readFile(join(folder, sourdough), 'utf8')).toBe(`${before}\nA line typed just before the crash.`)
    expect(await second.service.handlers.listRecoveries()).toEqual([])
    expect(await readdir(join(dataDir, 'recovery'))).toEqual([])
  })

  test('Discard leaves the file on disk as it was and moves the copy to the recovery trash', async ({ folder, launch }) => {
    const before = await readFile(join(folder, sourdough))
    const first = await launch({ dataDir })
    await openPost(first, 'Sourdough Notes', sourdough)
    await typeUnsaved(first, '\nWords the writer does not want.')
    await first.close()

    const second = await launch({ dataDir })
    const dialog = second.page.getByRole('dialog', { name: 'Restore unsaved changes' })
    await dialog.getByRole('button', { name: `Discard ${sourdough}` }).click()
    await expect(dialog.getByRole('region', { name: 'Recently discarded' })).toContainText(sourdough)
    await dialog.getByRole('button', { name: 'Close' }).click()
    await expect(dialog).toBeHidden()
    await expect.poll(() => second.service.handlers.listRecoveries()).toEqual([])
    expect(await readdir(join(dataDir, 'recovery-trash'))).toHaveLength(1)
    await openPost(second, 'Sourdough Notes', sourdough)
    await expect(editor(second)).toContainText('Hydration Table')
    await expect(editor(second)).not.toContainText('Words the writer does not want.')
    await expect(saveState(second)).toHaveText(/Saved/)
    expect(await readFile(join(folder, sourdough))).toEqual(before)

    // A third start offers nothing.
    const third = await launch({ dataDir })
    await expect(third.page.locator('.post-list')).toContainText('Sourdough Notes')
    await third.page.waitForTimeout(500)
    await expect(third.page.getByRole('dialog')).toHaveCount(0)
  })
})

test.describe('a save that fails keeps the text and says why', () => {
  test('the post was replaced by a folder of the same name', async ({ folder, app }) => {
    await openPost(app, 'Sourdough Notes', sourdough)
    await cursorToEnd(app)
    await app.page.keyboard.type('\nKept even though the save fails.')
    // Another program (a sync tool, a bad script) puts a folder where the post was.
    await rm(join(folder, sourdough))
    await mkdir(join(folder, sourdough))
    const saves = () => app.calls.filter((name) => name === 'savePost').length
    const before = saves()
    await app.page.keyboard.press('Control+s')
    const alert = app.page.locator('.notice.error')
    await expect(alert).toContainText(`Could not save ${sourdough}`)
    await expect(alert).toContainText('folder')
    await expect(app.page.getByRole('button', { name: 'Reload from disk' })).toHaveCount(0)
    // The watcher may tell of the deletion only now: the error, which says more, stays.
    await app.page.evaluate((relPath) => (window as unknown as { __folioEmit(e: string, p: unknown): void }).__folioEmit('postChangedOnDisk', { relPath, deleted: true, mtimeMs: -1 }), sourdough)
    await app.page.evaluate(() => new Promise(requestAnimationFrame))
    await expect(alert).toContainText(`Could not save ${sourdough}`)
    // One key press, one save (the editor's key binding and the window's must not both fire).
    await app.page.waitForTimeout(300)
    expect(saves() - before).toBe(1)
    await expect(editor(app)).toContainText('Kept even though the save fails.')
    await expect(saveState(app)).toHaveText(/Unsaved/)
    expect(await readdir(join(folder, sourdough))).toEqual([])

    // Once the path is free again, the same text saves.
    await rm(join(folder, sourdough), { recursive: true })
    await app.page.keyboard.press('Control+s')
    await expect(saveState(app)).toHaveText(/Saved/)
    expect(await readFile(join(folder, sourdough), 'utf8')).toContain('Kept even though the save fails.')
  })

  test('the folder refuses writes (immutable, so even root cannot write)', async ({ folder, app }) => {
    // chattr +i stops root too, but needs a file system and a capability that not every machine has.
    const chattr = (flag: string) => promisify(execFile)('chattr', [flag, folder])
    const immutable = await chattr('+i').then(
      () => true,
      () => false
    )
    test.skip(!immutable, 'chattr +i is not available here (file system or capability); the folder-in-the-way case above still runs')
    try {
      const before = await readFile(join(folder, sourdough))
      await openPost(app, 'Sourdough Notes', sourdough)
      await cursorToEnd(app)
      await app.page.keyboard.type('\nWritten while the folder is locked.')
      await app.page.keyboard.press('Control+s')
      const alert = app.page.locator('.notice.error')
      await expect(alert).toContainText(`Could not save`)
      await expect(alert).toContainText('permission denied. Nothing was changed on disk; the text is still in the editor.')
      // A failed write is not a conflict: nothing offers to reload (and drop the text).
      await expect(app.page.getByRole('button', { name: 'Reload from disk' })).toHaveCount(0)
      await expect(editor(app)).toContainText('Written while the folder is locked.')
      await expect(saveState(app)).toHaveText(/Unsaved/)
      expect(await readFile(join(folder, sourdough))).toEqual(before)
      // No temp file was left behind.
      expect((await readdir(folder)).filter((name) => name.startsWith(`${sourdough}.`))).toEqual([])
      await chattr('-i')
      await app.page.keyboard.press('Control+s')
      await expect(saveState(app)).toHaveText(/Saved/)
      expect(await readFile(join(folder, sourdough), 'utf8')).toContain('Written while the folder is locked.')
    } finally {
      await chattr('-i').catch(() => undefined)
    }
  })

  test('a character the post’s encoding cannot hold', async ({ folder, app }) => {
    const latin1 = Buffer.from('# Caf\xe9 notes\n\nPlain text.\n', 'latin1')
    await writeFile(join(folder, 'cafe.md'), latin1)
    await expect(app.page.locator('.post-list')).toContainText('Café notes')
    await openPost(app, 'Café notes', 'cafe.md')
    await cursorToEnd(app)
    await app.page.keyboard.type('Snow ☃ here.')
    await app.page.keyboard.press('Control+s')
    await expect(app.page.locator('.notice.error')).toContainText('cannot hold “☃”. Nothing was written')
    await expect(editor(app)).toContainText('Snow ☃ here.')
    await expect(saveState(app)).toHaveText(/Unsaved/)
    expect(await readFile(join(folder, 'cafe.md'))).toEqual(latin1)
  })
})

test('a change on disk while editing: Reload from disk drops the local edit only when chosen', async ({ folder, app }) => {
  const { page } = app
  await openPost(app, 'Sourdough Notes', sourdough)
  const file = join(folder, sourdough)
  const original = await readFile(file, 'utf8')
  await cursorToEnd(app)
  await page.keyboard.type('\nMy local edit.')
  const theirs = original.replace('A running log', 'A running (edited elsewhere) log')
  await writeFile(file, theirs)
  const notice = page.locator('.notice.conflict')
  await expect(notice).toContainText('changed on disk by another program')
  // Nothing is decided until the user chooses: both versions still exist.
  await expect(editor(app)).toContainText('My local edit.')
  expect(await readFile(file, 'utf8')).toBe(theirs)

  await notice.getByRole('button', { name: 'Reload from disk' }).click()
  await expect(notice).toBeHidden()
  await expect(editor(app)).toContainText('A running (edited elsewhere) log')
  await expect(editor(app)).not.toContainText('My local edit.')
  await expect(saveState(app)).toHaveText(/Saved/)
  expect(await readFile(file, 'utf8')).toBe(theirs)
  // The reloaded text saves cleanly over the file it came from (no conflict left behind).
  await cursorToEnd(app)
  await page.keyboard.type('\nAfter the reload.')
  await page.keyboard.press('Control+s')
  await expect(saveState(app)).toHaveText(/Saved/)
  expect(await readFile(file, 'utf8')).toBe(`${theirs}\nAfter the reload.`)
})
