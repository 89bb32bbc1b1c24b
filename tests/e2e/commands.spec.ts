import type { Page } from 'playwright'
import { commandHint, type CommandId } from '../../common/commands'
import { test, expect, openPost, cursorToEnd } from './fixtures'

const emit = (page: Page, event: string, payload: unknown) =>
  page.evaluate(([e, p]) => (window as unknown as { __folioEmit(e: string, p: unknown): void }).__folioEmit(e!, p), [event, payload] as const)

test('toolbar tooltips and aria-keyshortcuts come from the command table', async ({ app }) => {
  const { page } = app
  await openPost(app, 'Sourdough Notes')
  const formatting = page.getByRole('toolbar', { name: 'Formatting' })
  const buttons: [CommandId, string][] = [
    ['bold', 'Bold'],
    ['italic', 'Italic'],
    ['link', 'Link'],
    ['headingDown', 'Heading Level Down'],
    ['toggleComment', 'Toggle Drafting Note'],
    ['insertImage', 'Insert Image']
  ]
  for (const [command, name] of buttons) {
    const button = formatting.getByRole('button', { name, exact: true })
    const hint = commandHint(command, false)
    await expect(button).toHaveAttribute('title', hint.title)
    await expect(button).toHaveAttribute('aria-keyshortcuts', hint['aria-keyshortcuts']!)
  }
  await expect(formatting.getByRole('button', { name: 'Bold', exact: true })).toHaveAttribute('title', 'Bold (Ctrl+B)')
  await expect(page.getByRole('button', { name: 'Export', exact: true })).toHaveAttribute('title', 'Export HTML (Ctrl+E)')
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toHaveAttribute('title', 'Save (Ctrl+S)')
  await expect(page.getByRole('button', { name: 'Preview', exact: true })).toHaveAttribute('aria-keyshortcuts', 'Control+Alt+P')
})

test('one window listener runs the app’s shortcuts wherever the focus is; the menu runs the same commands', async ({ app }) => {
  const { page } = app
  await openPost(app, 'Sourdough Notes')
  const preview = page.getByRole('button', { name: 'Preview', exact: true })
  const outline = page.getByRole('button', { name: 'Outline', exact: true })
  await expect(preview).toHaveAttribute('aria-pressed', 'true')
  await cursorToEnd(app)
  // Ctrl+Shift+P is left for the command palette; the preview toggle is Ctrl+Alt+P.
  await page.keyboard.press('Control+Shift+P')
  await expect(preview).toHaveAttribute('aria-pressed', 'true')
  await page.keyboard.press('Control+Alt+P')
  await expect(preview).toHaveAttribute('aria-pressed', 'false')
  await expect(page.locator('.preview-pane')).toHaveCount(0)
  // From a field outside the editor too.
  const filter = page.getByRole('searchbox', { name: 'Filter posts' })
  await filter.focus()
  await page.keyboard.press('Control+Alt+P')
  await expect(preview).toHaveAttribute('aria-pressed', 'true')
  const shown = await outline.getAttribute('aria-pressed')
  await page.keyboard.press('Control+Shift+O')
  await expect(outline).not.toHaveAttribute('aria-pressed', shown!)
  await emit(page, 'menuCommand', { command: 'toggleOutline' })
  await expect(outline).toHaveAttribute('aria-pressed', shown!)

  // An editor command's key in another field is that field's: the post stays as it is.
  const before = await page.locator('.cm-content').innerText()
  await filter.fill('rye')
  await filter.selectText()
  await page.keyboard.press('Control+b')
  await expect(filter).toHaveValue('rye')
  expect(await page.locator('.cm-content').innerText()).toBe(before)
  await filter.fill('')

  // Outside any field (a toolbar button has the focus), it runs on the post, as the menu's accelerator would.
  await cursorToEnd(app)
  await page.keyboard.type('\nsalt')
  await page.keyboard.press('Shift+Home')
  await outline.focus()
  await page.keyboard.press('Control+b')
  await expect(page.locator('.cm-content')).toContainText('**salt**')
  await emit(page, 'menuCommand', { command: 'headingDown' })
  await expect(page.locator('.cm-content')).toContainText('# **salt**')
})
