import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Harness } from './harness'
import { test, expect, openPost, cursorToEnd } from './fixtures'

/**
 * Autosave (off, after a delay, on focus change), chosen in the status bar and kept in the
 * app's data folder. An autosave writes the editor's text as it is: it never edits it (no
 * TOC sync, which only an explicit save runs), never moves the cursor, never overwrites a
 * file changed on disk and never writes again a post deleted on disk.
 */

const dunes = 'dune-weekend.md'
const sourdough = 'sourdough-notes.md'
const editor = (app: Harness) => app.page.locator('.cm-content')
const saveState = (app: Harness) => app.page.getByTestId('save-state')
const control = (app: Harness) => app.page.getByRole('button', { name: /^Autosave:/ })
const onDisk = (folder: string, relPath: string) => readFile(join(folder, relPath), 'utf8')

async function chooseAutoSave(app: Harness, item: 'Off' | 'After a delay (1 s)' | 'On focus change') {
  // The first post opens (and its editor takes the focus) once the app has started.
  await expect(app.page.locator('.post-list [aria-current="page"]')).toHaveCount(1)
  await expect(editor(app)).toBeFocused()
  await control(app).click()
  await app.page.getByRole('menuitemradio', { name: item }).click()
  await expect(app.page.getByRole('menu')).toHaveCount(0)
  // The focus goes back to the editor, where the user was writing.
  await expect(editor(app)).toBeFocused()
}

/** What the editor shows and where its cursor is, as the user sees them. */
const editorState = async (app: Harness) => ({ text: await editor(app).innerText(), cursor: await app.page.getByTestId('cursor').innerText() })

test('after a delay: the typed text is on disk a second after typing stops, the editor untouched; the TOC syncs only on Ctrl+S', async ({ folder, app }) => {
  const { page } = app
  await expect(control(app)).toHaveText('Autosave: off')
  await chooseAutoSave(app, 'After a delay (1 s)')
  await expect(control(app)).toHaveText('Autosave: after 1 s')
  await openPost(app, 'A Weekend in the Dunes', dunes)
  const before = await onDisk(folder, dunes)
  await cursorToEnd(app)
  // A new section the hand-written TOC does not list yet: the TOC is now outdated.
  await page.keyboard.type('\n## Sunset Picnic\n\nBread, cheese and cherries')
  const typed = await editorState(app)
  await expect.poll(() => onDisk(folder, dunes), { timeout: 5000 }).toContain('Bread, cheese and cherries')
  const saved = await onDisk(folder, dunes)
  expect(saved).toBe(`${before}\n## Sunset Picnic\n\nBread, cheese and cherries`)
  expect(saved).not.toContain('(#sunset-picnic)')
  await expect(saveState(app)).toHaveText(/Saved/)
  expect(await editorState(app)).toEqual(typed)
  // The cursor is where it was: typing goes on at the same place.
  await page.keyboard.type('.')
  await expect(editor(app)).toContainText('Bread, cheese and cherries.')

  // An explicit save syncs the TOC, as one edit the user sees and can undo.
  await page.keyboard.press('Control+s')
  await expect.poll(() => onDisk(folder, dunes)).toContain('[Sunset Picnic](#sunset-picnic)')
  await expect(editor(app)).toContainText('[Sunset Picnic](#sunset-picnic)')
  await page.keyboard.press('Control+z')
  await expect(editor(app)).not.toContainText('[Sunset Picnic](#sunset-picnic)')
  await expect(editor(app)).toContainText('Bread, cheese and cherries.')
})

test('on focus change: switching posts and leaving the window save; typing alone does not', async ({ folder, app }) => {
  const { page } = app
  await chooseAutoSave(app, 'On focus change')
  await expect(control(app)).toHaveText('Autosave: on focus change')
  await openPost(app, 'Sourdough Notes', sourdough)
  const sourdoughBefore = await onDisk(folder, sourdough)
  await cursorToEnd(app)
  await page.keyboard.type('\nSaved when I switch posts.')
  await page.waitForTimeout(1500)
  expect(await onDisk(folder, sourdough)).toBe(sourdoughBefore)

  await openPost(app, 'A Weekend in the Dunes', dunes)
  await expect.poll(() => onDisk(folder, sourdough)).toBe(`${sourdoughBefore}\nSaved when I switch posts.`)
  await expect(page.locator('.post-list .dirty-dot')).toHaveCount(0)

  const dunesBefore = await onDisk(folder, dunes)
  await cursorToEnd(app)
  await page.keyboard.type('\nSaved when the window loses focus.')
  await page.evaluate(() => window.dispatchEvent(new FocusEvent('blur')))
  await expect.poll(() => onDisk(folder, dunes)).toBe(`${dunesBefore}\nSaved when the window loses focus.`)
  await expect(saveState(app)).toHaveText(/Saved/)
})

test('off (the default): nothing is written without a save', async ({ folder, app }) => {
  const { page } = app
  await openPost(app, 'Sourdough Notes', sourdough)
  const before = await onDisk(folder, sourdough)
  await cursorToEnd(app)
  await page.keyboard.type('\nNot saved by itself.')
  await page.waitForTimeout(1800)
  await page.evaluate(() => window.dispatchEvent(new FocusEvent('blur')))
  await openPost(app, 'A Weekend in the Dunes', dunes)
  await page.waitForTimeout(500)
  expect(await onDisk(folder, sourdough)).toBe(before)
  expect(app.calls).not.toContain('savePost')
  await expect(page.locator('.post-list .dirty-dot')).toHaveCount(1)
})

test('autosave never overwrites a file changed on disk, nor writes again a post deleted on disk', async ({ folder, app }) => {
  const { page } = app
  await chooseAutoSave(app, 'After a delay (1 s)')
  await openPost(app, 'Sourdough Notes', sourdough)
  await cursorToEnd(app)
  await page.keyboard.type('\nMine.')
  await expect.poll(() => onDisk(folder, sourdough)).toContain('Mine.')
  // Another program writes the file while there are new edits in the editor.
  await page.keyboard.type(' More of mine.')
  const theirs = '# Sourdough Notes\n\nRewritten elsewhere.\n'
  await writeFile(join(folder, sourdough), theirs)
  await expect(page.locator('.notice.conflict')).toContainText('changed on disk')
  await page.keyboard.type(' Still typing.')
  await page.waitForTimeout(2000)
  expect(await onDisk(folder, sourdough)).toBe(theirs)
  await expect(editor(app)).toContainText('More of mine. Still typing.')

  // Edits the file is deleted under (autosave off meanwhile, so the deletion is seen first).
  await chooseAutoSave(app, 'Off')
  await openPost(app, 'A Weekend in the Dunes', dunes)
  await cursorToEnd(app)
  await page.keyboard.type('\nEdited, then the file goes.')
  await rm(join(folder, dunes))
  await expect(page.locator('.notice')).toContainText(`${dunes} was deleted or renamed on disk`)
  await chooseAutoSave(app, 'After a delay (1 s)')
  await cursorToEnd(app)
  await page.keyboard.type(' Typed after it went.')
  await page.waitForTimeout(2000)
  expect(await access(join(folder, dunes)).then(() => true, () => false)).toBe(false)
  // An explicit save writes it again.
  await page.keyboard.press('Control+s')
  await expect.poll(() => onDisk(folder, dunes).catch(() => '')).toContain('Typed after it went.')
})

test('the setting is kept in the app’s data folder across restarts', async ({ launch }) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'folio-e2e-data-'))
  try {
    const first = await launch({ dataDir })
    await chooseAutoSave(first, 'On focus change')
    await expect.poll(() => readFile(join(dataDir, 'settings.json'), 'utf8').then(JSON.parse, () => null)).toEqual({ autoSave: 'onFocusChange' })
    await first.close()
    const second = await launch({ dataDir })
    await expect(control(second)).toHaveText('Autosave: on focus change')
    // A damaged settings file gives the defaults, not a broken start.
    await second.close()
    await writeFile(join(dataDir, 'settings.json'), '{"autoSave": "sometimes", ')
    const third = await launch({ dataDir })
    await expect(control(third)).toHaveText('Autosave: off')
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
})

test('the status bar switch works from the keyboard', async ({ app }) => {
  const { page } = app
  await expect(editor(app)).toBeFocused()
  await control(app).focus()
  await page.keyboard.press('Enter')
  const menu = page.getByRole('menu', { name: 'Autosave' })
  await expect(page.getByRole('menuitemradio', { name: 'Off' })).toBeFocused()
  await expect(page.getByRole('menuitemradio', { name: 'Off' })).toHaveAttribute('aria-checked', 'true')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await expect(menu).toHaveCount(0)
  await expect(control(app)).toHaveText('Autosave: after 1 s')
  await expect(control(app)).toBeFocused()
  await page.keyboard.press('Enter')
  await page.keyboard.press('Escape')
  await expect(menu).toHaveCount(0)
  await expect(control(app)).toHaveText('Autosave: after 1 s')
})
