import { readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright'
import { test, expect, openPost, cursorToEnd, readPostFile } from './fixtures'

const editorText = (page: Page) => page.evaluate(() => (document.querySelector('.cm-content') as HTMLElement & { cmView?: unknown }).innerText)
const cursorLine = async (page: Page) => Number((await page.getByTestId('cursor').innerText()).match(/Ln (\d+)/)![1])

test('formatting shortcuts wrap the selection and toggle back', async ({ app }) => {
  const { page } = app
  await openPost(app, 'Sourdough Notes')
  await cursorToEnd(app)
  await page.keyboard.type('\nrye flour')
  await page.keyboard.press('Shift+Home')
  await page.keyboard.press('Control+b')
  await expect(page.locator('.cm-content')).toContainText('**rye flour**')
  await page.keyboard.press('Control+b')
  await expect(page.locator('.cm-content')).not.toContainText('**rye flour**')
  await page.keyboard.press('Control+i')
  await expect(page.locator('.cm-content')).toContainText('*rye flour*')
  await page.keyboard.press('Control+i')
  await page.keyboard.press('Control+k')
  await page.keyboard.type('https://example.org')
  await expect(page.locator('.cm-content')).toContainText('[rye flour](https://example.org)')
  await page.keyboard.press('Home')
  await page.keyboard.press('Control+Alt+ArrowDown')
  await expect(page.locator('.cm-content')).toContainText('# [rye flour]')
  await page.keyboard.press('Control+Alt+ArrowDown')
  await expect(page.locator('.cm-content')).toContainText('## [rye flour]')
  await page.keyboard.press('Control+/')
  await expect(page.locator('.cm-content')).toContainText('<!-- ## [rye flour](https://example.org) -->')
  await expect(page.locator('.preview aside.draft-note').last()).toContainText('## [rye flour](https://example.org)')
  // The toolbar sends the same commands as the keys.
  await page.locator('.cm-content').click()
  await page.keyboard.press('Control+End')
  await page.keyboard.type('\nsalt')
  await page.keyboard.press('Shift+Home')
  await page.getByRole('button', { name: 'Bold' }).click()
  await expect(page.locator('.cm-content')).toContainText('**salt**')
})

test('long headings and code lines wrap: nothing is cut off in the outline or the preview', async ({ app }) => {
  const { page } = app
  await openPost(app, 'Sourdough Notes')
  await cursorToEnd(app)
  const heading = 'A very long heading about the overnight rye starter that keeps rising past the rim of the jar'
  const code = `starter = feed(rye=50, water=50) ${'# keep it warm '.repeat(12)}`
  await page.keyboard.type(`\n\n## ${heading}\n\n\`\`\`python\n${code}\n\`\`\`\n`)
  const link = page.locator('.outline-link', { hasText: heading })
  const block = page.locator('.preview pre', { hasText: 'starter = feed' })
  await expect(block).toBeVisible()
  // Every character is on screen: the row and the block are as wide as their boxes, and taller than one line.
  for (const element of [link, block]) {
    // Laid out first: under load the outline row can still be re-rendering when the block shows.
    await expect(element).toBeVisible()
    const box = await element.evaluate((node) => {
      const style = getComputedStyle(node)
      const line = parseFloat(style.lineHeight) || 1.2 * parseFloat(style.fontSize)
      return { scroll: node.scrollWidth, client: node.clientWidth, height: node.clientHeight, line }
    })
    expect(box.scroll).toBeLessThanOrEqual(box.client)
    expect(box.height).toBeGreaterThan(1.5 * box.line)
  }
  await expect(link).toHaveText(heading)
})

test('outline lists headings and notes, jumps the editor and preview, follows the cursor', async ({ app }) => {
  const { page } = app
  await openPost(app, 'Harbour Sprint 2026 Recap')
  const outline = page.getByRole('navigation', { name: 'Outline' })
  await expect(outline.locator('.outline-link')).toHaveText([
    'Harbour Sprint 2026 Recap',
    'Table of Contents',
    'Getting There',
    'Day One: The Sprint Room',
    'What We Fixed',
    'Day Two: Lighthouse Walk',
    'Closing Dinner',
    'In Closing'
  ])
  await expect(outline.locator('.outline-note')).toContainText(['Add the ferry timetable link.'])

  const source = await readPostFile(app.service.root()!, 'harbour-sprint-recap.md')
  const closingLine = source.split('\n').indexOf('## Closing Dinner') + 1
  await outline.getByRole('button', { name: 'Closing Dinner' }).click()
  await expect.poll(() => cursorLine(page)).toBe(closingLine)
  await expect(outline.locator('.outline-row.current')).toHaveText('Closing Dinner')
  const heading = page.locator('.preview #closing-dinner')
  await expect.poll(async () => {
    const box = await heading.boundingBox()
    const pane = await page.locator('.preview').boundingBox()
    return box && pane ? Math.abs(box.y - pane.y) < 120 : false
  }).toBe(true)

  // Collapsing a section hides its children.
  await outline.getByRole('button', { name: 'Collapse Day One: The Sprint Room' }).click()
  await expect(outline.getByRole('button', { name: 'What We Fixed' })).toHaveCount(0)
  await outline.getByRole('button', { name: 'Expand Day One: The Sprint Room' }).click()
  await expect(outline.getByRole('button', { name: 'What We Fixed' })).toHaveCount(1)
})

test('scroll sync follows source position both ways, and a preview click moves the cursor', async ({ app }) => {
  const { page } = app
  await openPost(app, 'Harbour Sprint 2026 Recap')
  const source = await readPostFile(app.service.root()!, 'harbour-sprint-recap.md')
  const target = source.split('\n').indexOf('## Day Two: Lighthouse Walk') + 1

  // Editor -> preview: scroll the editor with the wheel as a user would; the preview block
  // at the top must be the one holding the editor's top line.
  await page.locator('.cm-scroller').hover()
  await page.mouse.wheel(0, 1100)
  const lines = source.split('\n')
  const editorTopLine = () =>
    page.evaluate((all) => {
      const scroller = document.querySelector('.cm-scroller') as HTMLElement
      const top = scroller.getBoundingClientRect().top
      const visible = [...document.querySelectorAll('.cm-line')].filter((el) => el.getBoundingClientRect().bottom > top + 2)
      const unique = visible.find((el) => el.textContent && all.filter((l) => l === el.textContent).length === 1)
      return unique ? all.indexOf(unique.textContent!) + 1 : -1
    }, lines)
  const previewTopBlock = () =>
    page.evaluate(() => {
      const preview = document.querySelector('.preview') as HTMLElement
      const top = preview.getBoundingClientRect().top
      const blocks = [...preview.querySelectorAll<HTMLElement>('[data-line]')]
      const index = blocks.findIndex((el) => el.getBoundingClientRect().bottom > top + 2)
      return { line: Number(blocks[index]?.dataset.line), next: Number(blocks[index + 1]?.dataset.line ?? Infinity) }
    })
  await expect.poll(async () => {
    const line = await editorTopLine()
    const block = await previewTopBlock()
    return line > 10 && block.line <= line + 1 && line < block.next + 1
  }).toBe(true)
  expect(target).toBeGreaterThan(0)

  // Preview -> editor: once the wheel's smooth scroll has settled, scroll the preview to
  // the closing dinner section.
  let lastTop = -1
  await expect.poll(async () => {
    const top = await page.locator('.cm-scroller').evaluate((el) => el.scrollTop)
    const settled = top === lastTop
    lastTop = top
    return settled
  }, { intervals: [150] }).toBe(true)
  await page.evaluate(() => {
    const preview = document.querySelector('.preview') as HTMLElement
    const heading = preview.querySelector('#closing-dinner') as HTMLElement
    preview.scrollTop = (heading.closest('[data-line]') as HTMLElement).offsetTop
  })
  const closingLine = lines.indexOf('## Closing Dinner') + 1
  await expect.poll(async () => Math.abs((await editorTopLine()) - closingLine)).toBeLessThanOrEqual(2)

  // Clicking a preview block puts the cursor on its source line.
  await page.locator('.preview p', { hasText: 'Paella for forty' }).click()
  await expect.poll(() => cursorLine(page)).toBe(source.split('\n').findIndex((l) => l.startsWith('Paella for forty')) + 1)
})

test('a scrolled preview stays where it was put while the editor follows: sync does not echo back', async ({ folder, app }) => {
  const { page } = app
  // Long wrapped paragraphs: CodeMirror estimates the heights of lines it has not drawn, and
  // corrects its scroll position once it has. Synced back, each correction moved the preview.
  const words = 'harbour ferry lighthouse sprint coffee stickers docs tram market terrace '.repeat(6)
  const sections = Array.from({ length: 120 }, (_, i) => `## Stop ${i + 1}\n\n${i % 3 ? words : 'Short.'} About stop ${i + 1}.\n`)
  await writeFile(join(folder, 'stops.md'), `# Stops\n\n${sections.join('\n')}`)
  await openPost(app, 'Stops', 'stops.md')
  await expect(page.locator('.preview .block')).toHaveCount(241)
  for (const share of [0.2, 0.35, 0.5, 0.65, 0.8, 0.3]) {
    // Put the preview somewhere, as dragging its scroll bar does; the editor follows.
    const put = await page.locator('.preview').evaluate((preview, share) => {
      preview.scrollTop = Math.round(preview.scrollHeight * share)
      return { top: preview.scrollTop, line: Number([...preview.querySelectorAll<HTMLElement>('[data-line]')].find((block) => block.offsetTop + block.offsetHeight > preview.scrollTop)!.dataset.line) }
    }, share)
    await expect.poll(() => page.locator('.cm-scroller').evaluate((scroller, line) => {
      const top = scroller.getBoundingClientRect().top
      const first = [...scroller.querySelectorAll('.cm-line')].find((el) => el.getBoundingClientRect().bottom > top + 2 && /stop/i.test(el.textContent ?? ''))
      const stop = /About stop (\d+)|Stop (\d+)/.exec(first?.textContent ?? '')
      return stop ? Math.abs(Number(stop[1] ?? stop[2]) - Math.ceil((line - 2) / 4)) <= 1 : false
    }, put.line)).toBe(true)
    // Once the editor has settled, the preview is still where it was put.
    await page.waitForTimeout(500)
    expect(await page.locator('.preview').evaluate((preview) => preview.scrollTop)).toBe(put.top)
  }
})

test('new post, rename and delete work on real files', async ({ app, folder }) => {
  const { page } = app
  await page.getByRole('button', { name: '+ New' }).click()
  await page.getByLabel('Title').fill('Tide Pools of Leça')
  await page.getByRole('button', { name: 'Create' }).click()
  await expect(page.locator('.post-list')).toContainText('Tide Pools of Leça')
  const created = await readFile(join(folder, 'tide-pools-of-leça.md'), 'utf8')
  expect(created).toContain('title: "Tide Pools of Leça"')
  expect(created).toContain('# Tide Pools of Leça')
  expect((await stat(join(folder, 'tide-pools-of-leça-images'))).isDirectory()).toBe(true)
  await expect(page.locator('.statusbar')).toContainText('tide-pools-of-leça.md')

  // Rename the dune post while it is open, with unsaved edits: they are saved first, and its
  // image folder and image links move with it.
  await openPost(app, 'A Weekend in the Dunes')
  await cursorToEnd(app)
  await page.keyboard.type('\nWritten just before the rename.')
  await expect(page.getByTestId('save-state')).toHaveText(/Unsaved/)
  await page.getByRole('button', { name: 'Rename A Weekend in the Dunes' }).click()
  await page.getByLabel('New name').fill('sleeping-bear-dunes')
  await page.getByRole('button', { name: 'Rename', exact: true }).click()
  await expect(page.locator('.statusbar')).toContainText('sleeping-bear-dunes.md')
  const files = await readdir(folder)
  expect(files).toContain('sleeping-bear-dunes.md')
  expect(files).toContain('sleeping-bear-dunes-images')
  expect(files).not.toContain('dune-weekend.md')
  const renamed = await readFile(join(folder, 'sleeping-bear-dunes.md'), 'utf8')
  expect(renamed).toContain('![Dunes at sunset](sleeping-bear-dunes-images/dunes-at-sunset.jpg)')
  expect(renamed).toContain('Written just before the rename.')
  await expect.poll(() => page.locator('.preview img[alt="Dunes at sunset"]').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1200)

  // Delete goes to the trash, never straight to oblivion.
  await page.getByRole('button', { name: 'Delete Sourdough Notes' }).click()
  await page.getByRole('button', { name: 'Move to Trash' }).click()
  await expect(page.locator('.post-list')).not.toContainText('Sourdough Notes')
  expect(await readdir(folder)).not.toContain('sourdough-notes.md')
  expect((await readdir(app.trashDir)).some((f) => f.endsWith('sourdough-notes.md'))).toBe(true)
})

test('changes by other programs: silent reload when clean, a choice when edited', async ({ app, folder }) => {
  const { page } = app
  await openPost(app, 'Sourdough Notes')
  const file = join(folder, 'sourdough-notes.md')
  const original = await readFile(file, 'utf8')

  await writeFile(file, original.replace('A running log', 'A running (git pulled) log'))
  await expect(page.locator('.cm-content')).toContainText('A running (git pulled) log')
  await expect(page.getByTestId('save-state')).toHaveText(/Saved/)

  // A new post appearing on disk shows up in the list.
  await writeFile(join(folder, 'from-git.md'), '# Pulled From Git\n')
  await expect(page.locator('.post-list')).toContainText('Pulled From Git')

  // With local edits, the other program's change is not overwritten without asking.
  await cursorToEnd(app)
  await page.keyboard.type('\nMy unsaved line.')
  await writeFile(file, original.replace('A running log', 'A running (second pull) log'))
  await expect(page.locator('.notice.conflict')).toContainText('changed on disk')
  await page.keyboard.press('Control+s')
  await expect(page.locator('.notice.conflict')).toBeVisible()
  expect(await readFile(file, 'utf8')).toContain('(second pull)')
  await page.getByRole('button', { name: 'Keep mine and save' }).click()
  await expect(page.getByTestId('save-state')).toHaveText(/Saved/)
  const saved = await readFile(file, 'utf8')
  expect(saved).toContain('My unsaved line.')
  expect(saved).toContain('(git pulled)')
})

test('front matter fields edit the YAML in place, keeping other keys and comments', async ({ app, folder }) => {
  const { page } = app
  const file = join(folder, 'dune-weekend.md')
  const original = await readFile(file, 'utf8')
  await writeFile(file, original.replace('location: Sleeping Bear, Michigan', 'location: Sleeping Bear, Michigan # the lakeshore\nseries: summer-trips'))
  await openPost(app, 'A Weekend in the Dunes')
  await page.getByRole('button', { name: /Front matter/ }).click()
  const panel = page.getByRole('region', { name: 'Front matter' })
  await panel.getByLabel('Title').fill('A Long Weekend in the Dunes')
  await panel.getByLabel('Title').press('Enter')
  await panel.getByLabel('Date').fill('Jul 20, 2026')
  await panel.getByLabel('Date').press('Enter')
  await panel.getByLabel('Add tag').fill('camping')
  await panel.getByLabel('Add tag').press('Enter')
  await panel.getByRole('button', { name: 'Remove tag lakes' }).click()
  await expect(page.locator('.fm-header .fm-date')).toHaveText('Jul 20, 2026')
  await page.keyboard.press('Control+s')
  await expect(page.getByTestId('save-state')).toHaveText(/Saved/)
  const saved = await readFile(file, 'utf8')
  const frontMatter = saved.split('\n---\n')[0]!
  expect(frontMatter).toBe(
    ['---', 'blogpost: true', 'title: A Long Weekend in the Dunes', 'location: Sleeping Bear, Michigan # the lakeshore', 'series: summer-trips', 'category: Travel', 'tags: hiking, photography, camping', 'date: Jul 20, 2026'].join('\n')
  )
  expect(saved.slice(frontMatter.length)).toBe(original.slice(original.indexOf('\n---\n')))

  // Malformed YAML is reported and never rewritten.
  await page.locator('.cm-content').click()
  await page.keyboard.press('Control+Home')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.type('broken: [unclosed\n')
  await expect(panel.locator('.fm-error')).toContainText('front matter line')
  await expect(panel.getByLabel('Title')).toHaveCount(0)
})

test('clicking back on the open post while another is loading keeps the open post', async ({ app }) => {
  const { page } = app
  await openPost(app, 'Sourdough Notes', 'sourdough-notes.md')
  // Both clicks land before the recap's read comes back.
  await page.evaluate(() => {
    for (const post of ['harbour-sprint-recap.md', 'sourdough-notes.md']) document.querySelector<HTMLElement>(`.post-item[title="${post}"]`)!.click()
  })
  // A read of the same file issued after the first returns after it; then React has a frame.
  await page.evaluate(async () => {
    await (window as unknown as { folio: { readPost(path: string): Promise<unknown> } }).folio.readPost('harbour-sprint-recap.md')
    await new Promise(requestAnimationFrame)
  })
  await expect(page.locator('.statusbar')).toContainText('sourdough-notes.md')
  await expect(page.locator('.post-item[title="sourdough-notes.md"]')).toHaveAttribute('aria-current', /./)
  expect(await editorText(page)).toContain('Hydration Table')
})

test('undo history is kept per post while switching; filter and sort the list', async ({ app }) => {
  const { page } = app
  await openPost(app, 'Sourdough Notes')
  await cursorToEnd(app)
  await page.keyboard.type('\nKept across switches.')
  await openPost(app, 'Harbour Sprint 2026 Recap')
  await openPost(app, 'Sourdough Notes')
  await expect(page.locator('.cm-content')).toContainText('Kept across switches.')
  await expect(page.locator('.post-list .dirty-dot')).toHaveCount(1)
  await page.locator('.cm-content').click()
  await page.keyboard.press('Control+z')
  await expect(page.locator('.cm-content')).not.toContainText('Kept across switches.')
  expect(await editorText(page)).toContain('Hydration Table')

  await page.getByLabel('Filter posts').fill('#baking')
  await expect(page.locator('.post-list .post-title')).toHaveText(['Sourdough Notes'])
  await page.getByLabel('Filter posts').fill('@travel')
  await expect(page.locator('.post-list .post-title')).toHaveText(['A Weekend in the Dunes'])
  await page.getByLabel('Filter posts').fill('')
  await page.getByLabel('Sort posts').selectOption('title')
  await expect(page.locator('.post-list .post-title')).toHaveText(['A Weekend in the Dunes', 'Harbour Sprint 2026 Recap', 'Sourdough Notes'])
})

test('the editor sits over its place in the pane from outside React’s root, and follows the layout', async ({ app }) => {
  const { page } = app
  await openPost(app, 'Sourdough Notes')
  // Outside the root that React listens on, so no delegated listener is on its events' path.
  expect(await page.evaluate(() => document.getElementById('root')!.contains(document.querySelector('.cm-editor')))).toBe(false)
  const boxes = () =>
    page.evaluate(() => [document.querySelector('.editor-slot'), document.querySelector('.cm-editor')].map((el) => el!.getBoundingClientRect().toJSON() as { left: number; top: number; width: number; height: number }))
  const aligned = async () => {
    const [slot, editor] = await boxes()
    for (const side of ['left', 'top', 'width', 'height'] as const) expect(Math.abs(slot![side] - editor![side])).toBeLessThan(1)
    return slot!
  }
  const before = await aligned()
  expect(before.width).toBeGreaterThan(200)
  // Hiding the preview widens the pane; dragging the list's splitter moves it.
  await page.getByRole('button', { name: 'Preview' }).click()
  await expect.poll(async () => (await boxes())[0]!.width).toBeGreaterThan(before.width + 100)
  await aligned()
  const splitter = page.getByRole('separator', { name: 'Resize post list' })
  await splitter.focus()
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight')
  await expect.poll(async () => (await boxes())[0]!.left).toBeGreaterThan(before.left + 20)
  await aligned()
  // It still takes typing where it is shown.
  await page.locator('.cm-line').first().click()
  await page.keyboard.type('Hello ')
  await expect(page.locator('.cm-line').first()).toContainText('Hello ')
})

test('Tab reaches the editor after the front matter and leaves it for the preview, as the layout reads', async ({ app }) => {
  const { page } = app
  await openPost(app, 'Harbour Sprint 2026 Recap')
  const focused = () =>
    page.evaluate(() => {
      const active = document.activeElement!
      const slot = document.querySelector('.editor-slot')!
      return {
        inEditor: active.classList.contains('cm-content'),
        pane: active.closest('.front-matter, .preview-pane, .editor-pane')?.className.split(' ')[0] ?? active.tagName,
        afterSlot: (slot.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0
      }
    })
  await page.locator('.cm-line').first().click()
  expect((await focused()).inEditor).toBe(true)
  // Tab indents in the editor; Escape then Tab leaves it (CodeMirror's way out).
  await page.keyboard.press('Tab')
  expect((await focused()).inEditor).toBe(true)
  await expect(page.locator('.cm-line').first()).toHaveText(/^\s+\S/)
  await page.keyboard.press('Control+z')
  // Shift-Tab goes back to what comes before the editor's place in the pane, Tab comes back in.
  await page.keyboard.press('Escape')
  await page.keyboard.press('Shift+Tab')
  expect(await focused()).toMatchObject({ inEditor: false, afterSlot: false })
  const before = await page.evaluate(() => document.activeElement!.outerHTML.slice(0, 80))
  await page.keyboard.press('Tab')
  expect((await focused()).inEditor).toBe(true)
  // Tab goes on to the splitter beside the editor, then the preview, not to the end of the document.
  await page.keyboard.press('Escape')
  await page.keyboard.press('Tab')
  await expect(page.getByRole('separator', { name: 'Resize editor and preview' })).toBeFocused()
  await page.keyboard.press('Tab')
  expect(await focused()).toMatchObject({ inEditor: false, pane: 'preview-pane', afterSlot: true })
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('Shift+Tab')
  expect((await focused()).inEditor).toBe(true)
  await page.keyboard.press('Escape')
  await page.keyboard.press('Shift+Tab')
  expect(await page.evaluate(() => document.activeElement!.outerHTML.slice(0, 80))).toBe(before)
})
