import { readFile, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { Harness } from './harness'
import { test, expect, openPost, cursorToEnd } from './fixtures'

/**
 * Bad input in the app: files that are not text, legacy encodings, broken front matter,
 * long lines, huge posts, unusual names and image links that point out of the folder.
 * None may crash the app, garble a character, or change a byte Folio was not asked to.
 */

const editor = (app: Harness) => app.page.locator('.cm-content')
const saveState = (app: Harness) => app.page.getByTestId('save-state')
const statusBar = (app: Harness) => app.page.locator('.statusbar')

/** Appends `words` at the end of the open post and saves with Ctrl+S. */
async function appendAndSave(app: Harness, words: string) {
  await cursorToEnd(app)
  await app.page.keyboard.type(words)
  await app.page.keyboard.press('Control+s')
  await expect(saveState(app)).toHaveText(/Saved/)
}

test('a binary file named .md is refused with a clear message and left as it is', async ({ folder, launch }) => {
  // A PNG header and some binary noise, saved as a post by mistake.
  const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, ...Array.from({ length: 2000 }, (_, i) => (i * 37) % 256)])
  await writeFile(join(folder, 'photo.md'), bytes)
  const before = await stat(join(folder, 'photo.md'))
  const app = await launch()
  await openPost(app, 'Sourdough Notes', 'sourdough-notes.md')
  const entry = app.page.locator('.post-list .post-item[title="photo.md"]')
  await expect(entry.locator('.badge.warn')).toHaveAttribute('title', /not text/)
  await entry.click()
  await expect(app.page.locator('.notice.error')).toContainText('This file is not text (it contains binary data), so Folio will not open it as a post.')
  // The post that was open stays open and editable.
  await expect(statusBar(app)).toContainText('sourdough-notes.md')
  await expect(editor(app)).toContainText('Hydration Table')
  expect(await readFile(join(folder, 'photo.md'))).toEqual(bytes)
  expect((await stat(join(folder, 'photo.md'))).mtimeMs).toBe(before.mtimeMs)
})

test('Latin-1 and Windows-1252 posts show the right characters and save back in their encoding', async ({ folder, launch }) => {
  const latin1 = Buffer.from('# Crème brûlée\n\nThe café serves it at 5 °C, «très» cold.\n', 'latin1')
  // 0x80 €, 0x93 “, 0x94 ”, 0x85 …: characters only Windows-1252 has.
  const cp1252 = Buffer.concat([Buffer.from('# Price list\n\nA caf', 'latin1'), Buffer.from([0xe9, 0x20, 0x63, 0x6f, 0x73, 0x74, 0x73, 0x20, 0x80, 0x33, 0x20, 0x93, 0x71, 0x75, 0x6f, 0x74, 0x65, 0x94, 0x85, 0x0a])])
  await writeFile(join(folder, 'latin1.md'), latin1)
  await writeFile(join(folder, 'cp1252.md'), cp1252)
  const app = await launch()

  await openPost(app, 'Crème brûlée', 'latin1.md')
  await expect(editor(app)).toContainText('The café serves it at 5 °C, «très» cold.')
  await expect(statusBar(app)).toContainText('LATIN1')
  await expect(app.page.locator('.notice')).toContainText('stored as latin1')
  await appendAndSave(app, 'Déjà vu.\n')
  expect(await readFile(join(folder, 'latin1.md'))).toEqual(Buffer.concat([latin1, Buffer.from('Déjà vu.\n', 'latin1')]))

  await openPost(app, 'Price list', 'cp1252.md')
  await expect(editor(app)).toContainText('A café costs €3 “quote”…')
  await expect(statusBar(app)).toContainText('WINDOWS-1252')
  await appendAndSave(app, '“Más” — €5.\n')
  expect(await readFile(join(folder, 'cp1252.md'))).toEqual(Buffer.concat([cp1252, Buffer.from([0x93, 0x4d, 0xe1, 0x73, 0x94, 0x20, 0x97, 0x20, 0x80, 0x35, 0x2e, 0x0a])]))
})

test('malformed front matter is reported, and the body stays editable and saves untouched front matter', async ({ folder, launch }) => {
  const text = '---\ntitle: [unclosed\ntags: a, b\n---\n\n# Broken Header Post\n\nBody text.\n'
  await writeFile(join(folder, 'broken.md'), text)
  const app = await launch()
  const entry = app.page.locator('.post-list li', { hasText: 'Broken Header Post' })
  await expect(entry.locator('.badge.warn')).toHaveAttribute('title', /front matter line/)
  await openPost(app, 'Broken Header Post', 'broken.md')
  await expect(app.page.locator('.preview .fm-error')).toContainText('Front matter not shown: front matter line')
  await expect(app.page.locator('.preview h1')).toHaveText('Broken Header Post')
  const panel = app.page.getByRole('region', { name: 'Front matter' })
  await expect(panel).toContainText('malformed')
  await appendAndSave(app, 'More body text.')
  expect(await readFile(join(folder, 'broken.md'), 'utf8')).toBe(`${text}More body text.`)
})

test('a post with a 10,000-character line opens, edits and saves', async ({ folder, launch }) => {
  const line = Array.from({ length: 2001 }, (_, i) => `w${String(i % 1000).padStart(3, '0')}`).join(' ').slice(0, 10_000)
  expect(line).toHaveLength(10_000)
  const text = `# Long Line Post\n\n${line}\n`
  await writeFile(join(folder, 'long-line.md'), text)
  const app = await launch()
  await openPost(app, 'Long Line Post', 'long-line.md')
  await expect(app.page.locator('.preview p', { hasText: 'w999 w000' })).toHaveCount(1)
  // The end of the long line, then a word typed there.
  await editor(app).click()
  await app.page.keyboard.press('Control+End')
  await app.page.keyboard.press('ArrowUp')
  await app.page.keyboard.press('End')
  await app.page.keyboard.type(' TAIL')
  await expect(app.page.locator('.preview p', { hasText: 'w999 w000' })).toContainText('TAIL')
  await app.page.keyboard.press('Control+s')
  await expect(saveState(app)).toHaveText(/Saved/)
  expect(await readFile(join(folder, 'long-line.md'), 'utf8')).toBe(`# Long Line Post\n\n${line} TAIL\n`)
})

test('post names with spaces, accents, emoji and right-to-left script list, open and save', async ({ folder, launch }) => {
  const names = ['my first post.md', 'café crème.md', '🌊 waves 🌊.md', 'مرحبا بالعالم.md', 'שלום.md']
  for (const name of names) await writeFile(join(folder, name), `Body of ${name}.\n`)
  const app = await launch()
  const list = app.page.locator('.post-list')
  for (const name of names) {
    const title = name.replace(/\.md$/, '')
    await expect(list.locator('.post-title', { hasText: title })).toHaveCount(1)
    await list.getByRole('button', { name: title }).first().click()
    await expect(statusBar(app)).toContainText(name)
    await expect(editor(app)).toContainText(`Body of ${name}.`)
    await appendAndSave(app, `Saved ${title}.`)
    expect(await readFile(join(folder, name), 'utf8')).toBe(`Body of ${name}.\nSaved ${title}.`)
  }
})

test('image links out of the folder show as missing and are never requested', async ({ folder, launch }) => {
  // A real file beside the folder: a leak would find something to serve.
  await writeFile(join(dirname(folder), 'secret.png'), 'not for posts')
  const text = [
    '# Escaping Images',
    '',
    '![up and out](../../secret.png)',
    '',
    '![one level up](../secret.png)',
    '',
    `![absolute](${join(dirname(folder), 'secret.png')})`,
    '',
    '![file url](file:///etc/passwd)',
    '',
    '![encoded](%2e%2e/secret.png)',
    '',
    '<img alt="html up" src="../secret.png">',
    '',
    '<picture><source srcset="../secret.png"><img alt="picture up" src="../secret.png"></picture>',
    '',
    'End.'
  ].join('\n')
  await writeFile(join(folder, 'escaping.md'), text)
  const app = await launch()
  const requests: string[] = []
  app.page.context().on('request', (request) => void requests.push(decodeURIComponent(request.url())))
  await openPost(app, 'Escaping Images', 'escaping.md')
  await expect(app.page.locator('.preview')).toContainText('End.')
  const images = app.page.locator('.preview img')
  await expect(images).toHaveCount(7)
  const seen = await images.evaluateAll((imgs: HTMLImageElement[]) => imgs.map((img) => ({ alt: img.alt, src: img.getAttribute('src') ?? img.dataset.src ?? null, missing: img.dataset.missing ?? null })))
  for (const image of seen) expect(image, image.alt).toEqual({ alt: image.alt, src: null, missing: expect.any(String) })
  await app.page.waitForTimeout(500)
  expect(requests.filter((url) => /secret|passwd/.test(url))).toEqual([])
  // A <picture>'s <source srcset> would load past the resolver: the sanitizer drops it.
  expect(await app.page.locator('.preview source').count()).toBe(0)
})

test('a 50 MB post opens with the very-large warning, a preview of its beginning, and edits and saves', async ({ folder, launch }) => {
  // No timing is asserted; the test only has to finish (about 20 s here; it took minutes,
  // or never finished, before the preview and the checker were limited for such posts).
  test.setTimeout(240_000)
  const paragraph = 'Lorem ipsum dolor sit amet, *consectetur* adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.\n\n'
  const sections: string[] = ['# Huge Post\n\n']
  let size = sections[0]!.length
  for (let n = 1; size < 50 * 1024 * 1024; n++) {
    sections.push(`## Section ${n}\n\n${paragraph.repeat(40)}`)
    size += sections.at(-1)!.length
  }
  const text = sections.join('')
  await writeFile(join(folder, 'huge.md'), text)
  const app = await launch()
  const { page } = app
  await page.locator('.post-item[title="huge.md"]').click()
  await expect(page.locator('.notice')).toContainText('This post is very large (50 MB)', { timeout: 60_000 })
  await expect(editor(app)).toContainText('Huge Post')
  // The preview renders its first 256 KB in the worker: seconds on a loaded machine.
  await expect(page.locator('.preview h2').first()).toHaveText('Section 1', { timeout: 60_000 })
  await expect(page.locator('.preview .preview-cut')).toContainText('the preview shows only its beginning', { timeout: 60_000 })
  await expect(page.locator('.preview h2', { hasText: `Section ${sections.length - 1}` })).toHaveCount(0)
  await editor(app).click()
  await page.keyboard.press('Control+End')
  await page.keyboard.type('The very end.')
  await page.keyboard.press('Control+s')
  await expect(saveState(app)).toHaveText(/Saved/, { timeout: 60_000 })
  const saved = await readFile(join(folder, 'huge.md'), 'utf8')
  expect(saved.length).toBe(text.length + 'The very end.'.length)
  expect(saved.startsWith(text)).toBe(true)
  expect(saved.endsWith(`${paragraph}The very end.`)).toBe(true)
})
