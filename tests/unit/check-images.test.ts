import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { altFromFileName } from '../../common/images'
import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../../common/api'
import { applyFix, checkPost, fixAll, linkTarget, type PostFileFacts } from '../../common/check'
import { gatherPostFiles } from '../../electron/services/check-files'
import { factsFor, jpeg, writePost } from './check-fixtures'

const only = (rule: string, ds: Diagnostic[]) => ds.filter((d) => d.rule === rule)
const check = (text: string, files: PostFileFacts) => checkPost({ text, relPath: 'trip.md', files, options: { markdownlint: false } })

describe('linkTarget', () => {
  it('tells URLs, local paths and paths outside the post folder apart', () => {
    expect(linkTarget('https://example.org/a.jpg')).toEqual({ kind: 'url' })
    expect(linkTarget('data:image/png;base64,AAAA')).toEqual({ kind: 'url' })
    expect(linkTarget('//cdn.example.org/a.jpg')).toEqual({ kind: 'url' })
    expect(linkTarget('trip-images/my%20photo.jpg?v=2')).toEqual({ kind: 'local', path: 'trip-images/my photo.jpg' })
    expect(linkTarget('./trip-images/../trip-images/a.jpg')).toEqual({ kind: 'local', path: 'trip-images/a.jpg' })
    for (const outside of ['../other-images/a.jpg', '/var/www/a.jpg', 'C:\\photos\\a.jpg', 'file:///tmp/a.jpg', '\\\\server\\a.jpg']) {
      expect(linkTarget(outside)).toEqual({ kind: 'outside' })
    }
  })
})

describe('image rules', () => {
  const text = `# T\n\n![A beach](trip-images/beach.jpg)\n![Gone](trip-images/gone.jpg)\n![Case](trip-images/Dock.JPG)\n![Up](../elsewhere.jpg)\n![Web](https://example.org/x.jpg)\n\n<img src="trip-images/html.png" alt="h">\n\n<!--\n![](trip-images/later.jpg)\n-->\n`
  const files: PostFileFacts = {
    imageFiles: ['trip-images/beach.jpg', 'trip-images/dock.jpg', 'trip-images/html.png', 'trip-images/later.jpg', 'trip-images/unused.jpg', 'trip-images/notes.txt', 'trip-images/.DS_Store'],
    existing: ['trip-images/beach.jpg', 'trip-images/html.png', 'trip-images/later.jpg'],
    escaping: []
  }

  it('reports missing files as errors, with a fix when only the case differs', () => {
    const missing = only('image-missing', check(text, files))
    expect(missing.map((d) => [d.line, d.severity])).toEqual([
      [4, 'error'],
      [5, 'error']
    ])
    expect(missing[0]?.fix).toBeUndefined()
    expect(missing[1]?.fix?.label).toBe('Use trip-images/dock.jpg')
    const fixed = applyFix(text, missing[1] as Diagnostic)
    expect(fixed).toContain('![Case](trip-images/dock.jpg)')
    expect(only('image-missing', check(fixed, { ...files, existing: [...files.existing, 'trip-images/dock.jpg'] }))).toHaveLength(1)
  })

  it('reports references outside the post folder, not URLs', () => {
    const outside = only('image-outside', check(text, files))
    expect(outside.map((d) => d.line)).toEqual([6])
    expect(only('image-outside', check('![x](trip-images/link.jpg)\n', { ...factsFor([]), escaping: ['trip-images/link.jpg'] }))).toHaveLength(1)
  })

  it('reports orphaned images only: not other files, not images mentioned in drafting notes', () => {
    const orphans = only('image-orphan', check(text, files))
    expect(orphans.map((d) => d.message)).toEqual(['trip-images/unused.jpg in trip-images/ is not used in the post'])
    expect(only('image-orphan', check(text.replace('<!--', '').replace('-->', ''), files)).map((d) => d.message)).toHaveLength(1)
  })

  it('is quiet for a correct post', () => {
    const ok = '# T\n\n![A beach](trip-images/beach.jpg)\n'
    expect(check(ok, factsFor(['trip-images/beach.jpg'])).filter((d) => d.rule.startsWith('image'))).toEqual([])
  })
})

describe('alt text', () => {
  it('proposes alt text from the file name', () => {
    expect(altFromFileName('lisbon-images/field-museum-patagotitan-maroyum.jpg')).toBe('Field Museum Patagotitan Maroyum')
    expect(altFromFileName('the-lions-of-tsavo.jpeg')).toBe('The Lions of Tsavo')
  })

  it('fixes one image or all of them, and the result checks clean', () => {
    const text = '# T\n\n![](trip-images/tram-on-the-hill.jpg)\n![ ](trip-images/blue-tiles.jpg)\n![Already fine](trip-images/fine.jpg)\n'
    const files = factsFor(['trip-images/tram-on-the-hill.jpg', 'trip-images/blue-tiles.jpg', 'trip-images/fine.jpg'])
    const missing = only('image-alt', check(text, files))
    expect(missing.map((d) => [d.line, d.fix?.label])).toEqual([
      [3, 'Add alt text “Tram on the Hill”'],
      [4, 'Add alt text “Blue Tiles”']
    ])
    expect(applyFix(text, missing[0] as Diagnostic)).toContain('![Tram on the Hill](trip-images/tram-on-the-hill.jpg)\n![ ](')
    const all = fixAll(text, missing)
    expect(all).toBe('# T\n\n![Tram on the Hill](trip-images/tram-on-the-hill.jpg)\n![Blue Tiles](trip-images/blue-tiles.jpg)\n![Already fine](trip-images/fine.jpg)\n')
    expect(check(all, files)).toEqual(check(all, files).filter((d) => d.severity === 'info'))
  })
})

describe('gatherPostFiles (real files)', () => {
  it('lists the image folder and finds which references exist, case-exact', async () => {
    const text = '![a](trip-images/beach.jpg)\n![b](trip-images/Beach.jpg)\n![c](trip-images/missing.jpg)\n![d](trip-images/sub/deep.jpg)\n'
    const { post, dir } = await writePost('trip', text, ['beach.jpg', 'spare.jpg'])
    await mkdir(join(dir, 'trip-images', 'sub'))
    await writeFile(join(dir, 'trip-images', 'sub', 'deep.jpg'), await jpeg())
    const facts = await gatherPostFiles(post, text)
    expect(facts.imageFiles.sort()).toEqual(['trip-images/beach.jpg', 'trip-images/spare.jpg'])
    expect(facts.existing.sort()).toEqual(['trip-images/beach.jpg', 'trip-images/sub/deep.jpg'])
    expect(facts.escaping).toEqual([])
    const ds = checkPost({ text, relPath: 'trip.md', files: facts })
    expect(only('image-missing', ds).map((d) => d.line)).toEqual([2, 3])
    expect(only('image-orphan', ds).map((d) => d.message)).toEqual(['trip-images/spare.jpg in trip-images/ is not used in the post'])
  })

  it('reports a symlink that leads out of the post folder as escaping, without following it further', async () => {
    const outsideDir = join(tmpdir(), `folio-outside-${process.pid}-${Date.now()}`)
    await mkdir(outsideDir, { recursive: true })
    await writeFile(join(outsideDir, 'secret.jpg'), await jpeg())
    const text = '![s](trip-images/secret.jpg)\n'
    const { post, dir } = await writePost('trip', text, [])
    await symlink(join(outsideDir, 'secret.jpg'), join(dir, 'trip-images', 'secret.jpg'))
    const facts = await gatherPostFiles(post, text)
    expect(facts).toMatchObject({ existing: [], escaping: ['trip-images/secret.jpg'] })
    expect(only('image-outside', checkPost({ text, relPath: 'trip.md', files: facts })).map((d) => d.line)).toEqual([1])
  })
})
