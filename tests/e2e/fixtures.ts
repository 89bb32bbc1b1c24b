import { cp, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'
import { launchFolio, type Harness, type HarnessOptions } from './harness'

export const sampleBlog = resolve(import.meta.dirname, '../../resources/sample-blog')

/** A writable copy of the bundled sample blog in a fresh temp folder. */
export async function copySampleBlog(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'folio-e2e-'))
  await cp(sampleBlog, dir, { recursive: true })
  return dir
}

export const readPostFile = (folder: string, relPath: string) => readFile(join(folder, relPath), 'utf8')

/** `folder` is a fresh copy of the sample blog; `app` is Folio running on it. */
export const test = base.extend<{ folder: string; app: Harness; launch: (options?: Partial<HarnessOptions>) => Promise<Harness> }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies by destructuring
  folder: async ({}, use) => use(await copySampleBlog()),
  launch: async ({ folder }, use) => {
    const opened: Harness[] = []
    await use(async (options) => {
      const app = await launchFolio({ folder, ...options })
      opened.push(app)
      return app
    })
    for (const app of opened) await app.close()
  },
  app: async ({ launch }, use) => use(await launch())
})

export { expect }

/**
 * Opens a post by clicking it in the sidebar and waits for the list to mark it current (the
 * editor shows it then). Pass its `relPath` to check the status bar names it too.
 */
export async function openPost(app: Harness, title: string, relPath?: string) {
  const button = app.page.getByRole('button', { name: new RegExp(title) }).first()
  await button.click()
  // Marked current once it shows: a second openPost does not click during the first's read.
  await expect(button).toHaveAttribute('aria-current', 'page')
  if (relPath) await expect(app.page.locator('.statusbar')).toContainText(relPath)
}

/** Pastes an image file on the editor, as a clipboard paste event carrying its bytes. */
export async function pasteImage(page: Page, bytes: Buffer, name = 'image.png', type = 'image/png') {
  await page.evaluate(
    ([b64, name, type]) => {
      const transfer = new DataTransfer()
      transfer.items.add(new File([Uint8Array.from(atob(b64!), (c) => c.charCodeAt(0))], name!, { type }))
      document.querySelector('.cm-content')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }))
    },
    [bytes.toString('base64'), name, type]
  )
}

/** Moves the editor cursor to the end of the document. */
export async function cursorToEnd(app: Harness) {
  await app.page.locator('.cm-content').click()
  await app.page.keyboard.press('Control+End')
}
