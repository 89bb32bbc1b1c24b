import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Harness } from './harness'
import { test, expect, openPost, cursorToEnd } from './fixtures'

/**
 * The recovery view after a crash: closing it in any way means "decide later" (nothing is
 * discarded, the copies are offered again), each post is restored or discarded on its own
 * with the recovered text shown against the disk, and a discarded copy can be brought back.
 * Real files, the real handler table, the built renderer in Chromium.
 */

const sourdough = 'sourdough-notes.md'
const dunes = 'dune-weekend.md'
/** A post of this test's own, deleted on disk while Folio was not running. */
const tides = 'tide-tables.md'
const tidesText = '---\ntitle: Tide Tables\n---\n\n# Tide Tables\n\nLow water at noon.\n'

const lines: Record<string, string> = {
  [sourdough]: 'Fed the starter twice before the crash.',
  [dunes]: 'The wind moved the ridge overnight.',
  [tides]: 'High water came an hour late.'
}

const live = (dataDir: string) => readdir(join(dataDir, 'recovery')).then((names) => names.filter((n) => n.endsWith('.json')).sort(), () => [] as string[])
const trashed = (dataDir: string) => readdir(join(dataDir, 'recovery-trash')).then((names) => names.filter((n) => n.endsWith('.json')), () => [] as string[])
const dialogOf = (app: Harness) => app.page.getByRole('dialog', { name: 'Restore unsaved changes' })
const editor = (app: Harness) => app.page.locator('.cm-content')
const openRecoveryView = (app: Harness) =>
  app.page.evaluate(() => (window as unknown as { __folioEmit(e: string, p: unknown): void }).__folioEmit('menuCommand', { command: 'recoverUnsaved' }))

/** The editor shows only the lines in view: checks the end of the open post's text. */
async function expectAtEnd(app: Harness, text: string) {
  await cursorToEnd(app)
  await expect(editor(app)).toContainText(text)
}

/** Types a line at the end of the open post and waits until its recovery copy holds it. */
async function typeUnsaved(app: Harness, line: string) {
  await cursorToEnd(app)
  await app.page.keyboard.type(`\n${line}`)
  await expect.poll(async () => (await app.service.handlers.listRecoveries()).some((r) => r.text.includes(line)), { timeout: 5000 }).toBe(true)
}

test.describe('the recovery view', () => {
  let dataDir: string
  test.beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'folio-e2e-recovery-'))
  })
  test.afterEach(() => rm(dataDir, { recursive: true, force: true }))

  /** A first run leaves unsaved text in three posts and is killed; then the tide post's file is deleted. */
  async function crashWithThreeCopies(folder: string, launch: (o: { dataDir: string }) => Promise<Harness>) {
    await writeFile(join(folder, tides), tidesText)
    const first = await launch({ dataDir })
    for (const [relPath, title] of [
      [sourdough, 'Sourdough Notes'],
      [dunes, 'A Weekend in the Dunes'],
      [tides, 'Tide Tables']
    ] as const) {
      await openPost(first, title, relPath)
      await typeUnsaved(first, lines[relPath]!)
    }
    await first.close()
    await rm(join(folder, tides))
    expect(await live(dataDir)).toHaveLength(3)
  }

  test('closing it keeps every copy; each post is restored or discarded on its own; a discarded copy comes back', async ({ folder, launch }) => {
    const sourdoughBefore = await readFile(join(folder, sourdough), 'utf8')
    const dunesBefore = await readFile(join(folder, dunes), 'utf8')
    await crashWithThreeCopies(folder, launch)
    const copies = await live(dataDir)

    // Second run: offered, focus on a safe action, Escape decides later.
    const second = await launch({ dataDir })
    const dialog = dialogOf(second)
    await expect(dialog).toBeVisible()
    for (const relPath of [sourdough, dunes, tides]) await expect(dialog.getByRole('option', { name: new RegExp(relPath) })).toBeVisible()
    await expect(dialog.getByRole('option', { name: new RegExp(tides) })).toContainText('deleted on disk')
    await expect(second.page.locator(':focus')).toHaveAccessibleName(/^Restore/)
    await second.page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
    await second.page.waitForTimeout(300)
    expect(await live(dataDir)).toEqual(copies)
    expect(await trashed(dataDir)).toEqual([])
    await expect(second.page.locator('.notice')).toContainText('Recover Unsaved Changes')

    // Offered again from the menu; a click outside decides later too.
    await openRecoveryView(second)
    await expect(dialog).toBeVisible()
    await second.page.mouse.click(5, 5)
    await expect(dialog).toBeHidden()
    // So does the close button.
    await openRecoveryView(second)
    await dialog.getByRole('button', { name: 'Decide later' }).first().click()
    await expect(dialog).toBeHidden()
    await second.page.waitForTimeout(300)
    expect(await live(dataDir)).toEqual(copies)
    expect((await second.service.handlers.listRecoveries()).map((r) => r.text.includes(lines[r.relPath]!))).toEqual([true, true, true])
    expect(await readFile(join(folder, sourdough), 'utf8')).toBe(sourdoughBefore)
    // Closing the window with the view open decides later too.
    await openRecoveryView(second)
    await expect(dialog).toBeVisible()
    await second.close()

    // Third run: offered again, all three.
    const third = await launch({ dataDir })
    const { page } = third
    await expect(dialogOf(third).getByRole('option')).toHaveCount(3)
    const view = dialogOf(third)

    // The recovered text beside the disk: the typed line is an added line, the rest unchanged.
    await view.getByRole('option', { name: new RegExp(dunes) }).click()
    const diff = view.getByRole('region', { name: /Recovered text compared with the file on disk/ })
    await expect(diff.locator('[data-kind="add"]')).toContainText(lines[dunes]!)
    await expect(diff.locator('[data-kind="same"]').first()).toBeVisible()
    await expect(diff.locator('[data-kind="del"]')).toHaveCount(0)

    // A post whose file is gone: its text is shown whole, and it restores.
    await view.getByRole('option', { name: new RegExp(tides) }).click()
    await expect(view).toContainText('The file is no longer on disk')
    await view.getByRole('button', { name: `Restore ${tides}` }).click()
    await expect(page.locator('.statusbar')).toContainText(tides)
    await expect(editor(third)).toContainText(lines[tides]!)
    await expect(view.getByRole('option', { name: new RegExp(tides) })).toContainText('Restored')

    // Discard is an explicit click, and the copy goes to the trash folder, not away.
    await view.getByRole('option', { name: new RegExp(sourdough) }).click()
    await view.getByRole('button', { name: `Discard ${sourdough}` }).click()
    const discarded = view.getByRole('region', { name: 'Recently discarded' })
    await expect(discarded).toContainText(sourdough)
    await expect.poll(() => trashed(dataDir)).toHaveLength(1)
    expect(JSON.parse(await readFile(join(dataDir, 'recovery-trash', (await trashed(dataDir))[0]!), 'utf8'))).toMatchObject({ relPath: sourdough, text: expect.stringContaining(lines[sourdough]!) })
    expect(await readFile(join(folder, sourdough), 'utf8')).toBe(sourdoughBefore)

    // ... and comes back from there.
    await discarded.getByRole('button', { name: `Restore ${sourdough}` }).click()
    await expect(page.locator('.statusbar')).toContainText(sourdough)
    await expect(editor(third)).toContainText(lines[sourdough]!)
    await expect.poll(() => trashed(dataDir)).toEqual([])

    // The dune post is left for later: decided later, still on disk as a copy, offered again.
    await view.getByRole('button', { name: 'Decide later' }).first().click()
    await expect(view).toBeHidden()
    expect(await readFile(join(folder, dunes), 'utf8')).toBe(dunesBefore)
    expect((await third.service.handlers.listRecoveries()).map((r) => r.relPath).sort()).toEqual([dunes, sourdough, tides].sort())
    await openRecoveryView(third)
    // Posts restored into the editor are not offered again while they are open there.
    await expect(view.getByRole('option')).toHaveCount(1)
    await expect(view.getByRole('option')).toContainText(dunes)
    await page.keyboard.press('Escape')
    await expect(view).toBeHidden()
    expect(await live(dataDir)).toHaveLength(3)
  })

  test('a restored post whose file was deleted is written again by a save', async ({ folder, launch }) => {
    await crashWithThreeCopies(folder, launch)
    const app = await launch({ dataDir })
    const view = dialogOf(app)
    await view.getByRole('option', { name: new RegExp(tides) }).click()
    await view.getByRole('button', { name: `Restore ${tides}` }).click()
    await view.getByRole('button', { name: 'Decide later' }).first().click()
    await expect(app.page.locator('.statusbar')).toContainText(tides)
    await app.page.locator('.cm-content').click()
    await app.page.keyboard.press('Control+s')
    await expect(app.page.getByTestId('save-state')).toHaveText(/Saved/)
    expect(await readFile(join(folder, tides), 'utf8')).toBe(`${tidesText}\n${lines[tides]}`)
    await expect.poll(async () => (await app.service.handlers.listRecoveries()).map((r) => r.relPath).sort()).toEqual([dunes, sourdough].sort())
  })

  test('Restore all puts every copy back, unsaved, and changes nothing on disk', async ({ folder, launch }) => {
    const before = await readFile(join(folder, sourdough), 'utf8')
    await crashWithThreeCopies(folder, launch)
    const app = await launch({ dataDir })
    // The list is a keyboard listbox: arrows move the selection, and the detail follows.
    const options = dialogOf(app).getByRole('option')
    await options.first().focus()
    await app.page.keyboard.press('ArrowDown')
    await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true')
    await expect(options.nth(1)).toBeFocused()
    await expect(dialogOf(app).getByRole('button', { name: /^Restore (sourdough|dune|tide)/ })).toHaveAccessibleName(`Restore ${(await options.nth(1).locator('.recovery-name').textContent())!}`)
    await app.page.keyboard.press('End')
    await expect(options.nth(2)).toHaveAttribute('aria-selected', 'true')
    await dialogOf(app).getByRole('button', { name: 'Restore all' }).click()
    await expect(dialogOf(app)).toBeHidden()
    // All three are unsaved; the one whose file is gone stays listed, marked deleted on disk.
    await expect(app.page.locator('.post-list .dirty-dot')).toHaveCount(3)
    await expect(app.page.locator('.post-list li', { hasText: 'Tide Tables' })).toContainText(/deleted on disk/i)
    for (const [relPath, title] of [
      [sourdough, 'Sourdough Notes'],
      [dunes, 'A Weekend in the Dunes']
    ] as const) {
      await openPost(app, title, relPath)
      await expectAtEnd(app, lines[relPath]!)
    }
    expect(await readFile(join(folder, sourdough), 'utf8')).toBe(before)
    expect(await trashed(dataDir)).toEqual([])
  })

  test('restoring later from the menu leaves the post being edited as it was; edits made without deciding keep the old copy', async ({ folder, launch }) => {
    await crashWithThreeCopies(folder, launch)
    const app = await launch({ dataDir })
    const { page } = app
    const view = dialogOf(app)
    await view.getByRole('option', { name: new RegExp(dunes) }).click()
    await view.getByRole('button', { name: `Discard ${dunes}` }).click()
    // Focus never lands on the next post's Discard: two presses of Enter would discard two posts.
    await expect(page.locator(':focus')).toHaveAccessibleName(/^Restore/)
    await page.keyboard.press('Escape')
    await expect(view).toBeHidden()

    // Editing a post that has an undecided copy, without looking at the offer.
    await openPost(app, 'Sourdough Notes', sourdough)
    await cursorToEnd(app)
    await page.keyboard.type('\nEdits in progress.')
    await expect(page.getByTestId('save-state')).toHaveText(/Unsaved/)
    await expect.poll(async () => (await app.service.handlers.listDiscardedRecoveries()).map((d) => d.relPath).sort(), { timeout: 5000 }).toEqual([dunes, sourdough].sort())
    const replaced = (await app.service.handlers.listDiscardedRecoveries()).find((d) => d.relPath === sourdough)!
    expect(replaced).toMatchObject({ reason: 'replaced', text: expect.stringContaining(lines[sourdough]!) })

    // From the menu: the dune copy comes back from "Recently discarded".
    await openRecoveryView(app)
    await expect(view.getByRole('region', { name: 'Recently discarded' })).toContainText('replaced by later edits')
    await view.getByRole('region', { name: 'Recently discarded' }).getByRole('button', { name: `Restore ${dunes}` }).click()
    await expect(page.locator('.statusbar')).toContainText(dunes)
    await page.keyboard.press('Escape')
    await expect(view).toBeHidden()
    await expectAtEnd(app, lines[dunes]!)

    // The post that was being edited kept its edits.
    await openPost(app, 'Sourdough Notes', sourdough)
    await expect(editor(app)).toContainText('Edits in progress.')
    await expect(page.getByTestId('save-state')).toHaveText(/Unsaved/)
  })

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`screenshot of the recovery view (${colorScheme})`, async ({ folder, launch }) => {
      await crashWithThreeCopies(folder, launch)
      const app = await launch({ dataDir, colorScheme, viewport: { width: 1280, height: 800 } })
      const view = dialogOf(app)
      await view.getByRole('option', { name: new RegExp(dunes) }).click()
      await view.getByRole('option', { name: new RegExp(sourdough) }).click()
      await view.getByRole('button', { name: `Discard ${sourdough}` }).click()
      await view.getByRole('option', { name: new RegExp(dunes) }).click()
      const outDir = resolve(process.env.FOLIO_SCREENSHOT_DIR ?? 'out/screenshots')
      await mkdir(outDir, { recursive: true })
      await app.page.screenshot({ path: join(outDir, `recovery-${colorScheme}.png`) })
    })
  }
})
