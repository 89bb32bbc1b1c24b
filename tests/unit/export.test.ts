import { describe, expect, it, beforeAll } from 'vitest'
import { lstat, readdir, readFile, writeFile, mkdir, rm, stat, symlink } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import GithubSlugger from 'github-slugger'
import { select, selectAll } from 'hast-util-select'
import sharp from 'sharp'
import type { Element } from 'hast'
import { exportPost, ExportTargetExistsError, findResourcesDir } from '../../electron/services/export'
import { activeContent, comments, externalReferences, makeBlog, parsePage, tempDir, textOf, unresolvedAnchors, validationErrors } from './export-helpers'

let blog: Awaited<ReturnType<typeof makeBlog>>
beforeAll(async () => {
  blog = await makeBlog()
})

/** Every file under a folder, relative, sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1).split('\\').join('/'))
    .sort()
}

const headingsOf = (tree: ReturnType<typeof parsePage>): Element[] =>
  selectAll('h1, h2, h3, h4, h5, h6', tree).filter((h) => !String(h.properties.id ?? '').startsWith('user-content-'))

describe('exportPost, folder form', () => {
  let out: string
  let html: string
  let warnings: string[]
  beforeAll(async () => {
    out = await tempDir()
    const result = await exportPost(join(blog.posts, 'recap.md'), { singleFile: false, outDir: out })
    expect(result.outPath).toBe(join(out, 'recap.html'))
    html = await readFile(result.outPath, 'utf8')
    warnings = result.warnings
  })

  it('writes the page and only the images the post uses', async () => {
    expect(await filesUnder(out)).toEqual(['recap-images/food/noodles.png', 'recap-images/lake-at-dawn.jpg', 'recap.html'])
  })

  it('points every <img> at a file that exists in the export, with its size', async () => {
    const images = selectAll('img', parsePage(html))
    expect(images).toHaveLength(3)
    for (const img of images) {
      const src = String(img.properties.src)
      expect(src).not.toMatch(/^(\/|[a-z]+:)/i)
      expect((await stat(join(out, ...decodeURIComponent(src).split('/')))).isFile()).toBe(true)
    }
    expect(images[0]!.properties).toMatchObject({ width: 1600, height: 1000, alt: 'Lake at dawn' })
  })

  it('gives headings GitHub slugs, and every #link lands on an id', () => {
    const tree = parsePage(html)
    const slugger = new GithubSlugger()
    const headings = headingsOf(tree)
    expect(headings.map((h) => h.properties.id)).toEqual(headings.map((h) => slugger.slug(textOf(h))))
    expect(headings.map((h) => h.properties.id)).toEqual(['lakeside-sprint-recap', 'table-of-contents', 'day-1-arrival-', 'lunch', 'lunch-1', 'the-code--tables'])
    expect(selectAll('a[href^="#"]', tree).length).toBeGreaterThan(6)
    expect(unresolvedAnchors(tree)).toEqual([])
    expect(warnings).toEqual([])
  })

  it('resolves footnote links despite the sanitizer prefix', () => {
    const tree = parsePage(html)
    const ref = select('a[data-footnote-ref]', tree)
    expect(ref).toBeDefined()
    expect(select(`[id="${String(ref!.properties.href).slice(1)}"]`, tree)?.tagName).toBe('li')
  })

  it('drops drafting notes and never shows the front matter as text', () => {
    const tree = parsePage(html)
    expect(comments(tree)).toEqual([])
    expect(html).not.toContain('drafting note')
    expect(html).not.toContain('second note')
    const text = textOf(select('body', tree)!)
    expect(text).not.toMatch(/blogpost|tags:|category:|---/)
  })

  it('has the title and meta tags from the front matter', () => {
    const tree = parsePage(html)
    expect(textOf(select('title', tree)!)).toBe('Lakeside Sprint: A Recap')
    const meta = (name: string) => select(`meta[name="${name}"]`, tree)?.properties.content
    expect(meta('description')).toBe('Three days of sprinting by the lake.')
    expect(meta('keywords')).toBe('python, sprints, travel')
    expect(meta('author')).toBe('Ana Ribeiro')
    expect(meta('date')).toBe('2026-05-02')
    expect(select('html', tree)?.properties.lang).toBe('en')
    expect(textOf(select('.byline', tree)!)).toBe('2026-05-02 · Lakeside, Ontario · Conferences')
  })

  it('highlights code, inlines the theme and links other posts to their pages', () => {
    const tree = parsePage(html)
    expect(selectAll('pre code.language-python .hljs-keyword', tree).length).toBeGreaterThan(0)
    expect(textOf(select('style', tree)!)).toContain('.hljs-keyword')
    expect(textOf(select('style', tree)!)).toContain('prefers-color-scheme: dark')
    expect(select('a[href="other-post.html"]', tree)).toBeDefined()
    expect(selectAll('td.align-right', tree)).toHaveLength(1)
  })

  it('is valid HTML5', async () => {
    expect(await validationErrors(html)).toEqual([])
  })
})

describe('exportPost, single file', () => {
  it('inlines images and references nothing outside itself', async () => {
    const out = await tempDir()
    const result = await exportPost(join(blog.posts, 'recap.md'), { singleFile: true, outDir: out })
    expect(await filesUnder(out)).toEqual(['recap.html'])
    const html = await readFile(result.outPath, 'utf8')
    const tree = parsePage(html)
    const images = selectAll('img', tree)
    expect(images).toHaveLength(3)
    for (const img of images) expect(String(img.properties.src)).toMatch(/^data:image\/(jpeg|png);base64,/)
    expect(externalReferences(tree, html)).toEqual([])
    expect(unresolvedAnchors(tree)).toEqual([])
    expect(await validationErrors(html)).toEqual([])
    // Local links cannot work in a single file: removed, and said so.
    expect(select('a[href="other-post.html"]', tree)).toBeUndefined()
    expect(result.warnings.join('\n')).toMatch(/line \d+: the link to other-post\.md was removed/)
  })

  it('downscales inlined images when asked', async () => {
    const out = await tempDir()
    const result = await exportPost(join(blog.posts, 'recap.md'), { singleFile: true, outDir: out, maxImageWidth: 400 })
    const src = String(selectAll('img', parsePage(await readFile(result.outPath, 'utf8')))[0]!.properties.src)
    const bytes = Buffer.from(src.slice(src.indexOf(',') + 1), 'base64')
    expect((await sharp(bytes).metadata()).width).toBe(400)
  })
})

describe('exportPost on a hostile post', () => {
  for (const singleFile of [false, true]) {
    it(`${singleFile ? 'single file' : 'folder'}: strips active content and refuses files outside the post's folder`, async () => {
      const out = await tempDir()
      const result = await exportPost(join(blog.posts, 'evil.md'), { singleFile, outDir: out })
      const html = await readFile(result.outPath, 'utf8')
      const tree = parsePage(html)
      expect(activeContent(tree)).toEqual([])
      expect(html).not.toMatch(/alert\(|onerror|onclick|javascript:/i)
      expect(select('[style]', tree)).toBeUndefined()

      const warnings = result.warnings.join('\n')
      expect(warnings).toMatch(/image \.\.\/\.\.\/secret\.png was left out: it is outside the post’s folder/)
      expect(warnings).toMatch(/secret\.png was left out: absolute paths are not exported/)
      expect(warnings).toMatch(/image \.\.%2F\.\.%2Fsecret\.png was left out: it is outside the post’s folder/)
      expect(warnings).toMatch(/image evil-images\/link-out\.png was left out: it links to a file outside the post’s folder/)
      expect(warnings).toMatch(/image evil-images\/missing\.png was left out: the file does not exist/)
      expect(warnings).toMatch(/an image with no usable source was left out/)

      // Only the one legitimate image made it, and the secret's bytes are nowhere.
      const secret = (await readFile(blog.secret)).toString('base64')
      const files = await filesUnder(out)
      for (const file of files) expect((await readFile(join(out, file))).toString('base64')).not.toContain(secret)
      expect(html).not.toContain(secret)
      const local = selectAll('img', tree).filter((img) => !String(img.properties.src).startsWith('http'))
      expect(local).toHaveLength(1)
      expect(local[0]!.properties.alt).toBe('')
      if (singleFile) {
        expect(files).toEqual(['evil.html'])
        expect(externalReferences(tree, html)).toEqual([])
        expect(warnings).toMatch(/the web image https:\/\/example\.com\/photo\.jpg was left out/)
      } else {
        expect(files).toEqual(['evil-images/ok.png', 'evil.html'])
        expect(select('img[src="https://example.com/photo.jpg"]', tree)).toBeDefined()
      }
      expect(await validationErrors(html)).toEqual([])
    })
  }
})

describe('exportPost targets', () => {
  it('never overwrites an existing page or images folder without overwrite', async () => {
    const out = await tempDir()
    await writeFile(join(out, 'recap.html'), 'mine')
    await expect(exportPost(join(blog.posts, 'recap.md'), { singleFile: true, outDir: out })).rejects.toBeInstanceOf(ExportTargetExistsError)
    expect(await readFile(join(out, 'recap.html'), 'utf8')).toBe('mine')

    const other = await tempDir()
    await mkdir(join(other, 'recap-images'))
    await expect(exportPost(join(blog.posts, 'recap.md'), { singleFile: false, outDir: other })).rejects.toThrow(/recap-images already exists/)
    expect(await readdir(other)).toEqual(['recap-images'])

    await exportPost(join(blog.posts, 'recap.md'), { singleFile: true, outDir: out, overwrite: true })
    expect(await readFile(join(out, 'recap.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/)
  })

  it('refuses to export into the post’s own images folder', async () => {
    await expect(exportPost(join(blog.posts, 'recap.md'), { singleFile: false, outDir: blog.posts, overwrite: true })).rejects.toThrow(/would overwrite the post's own files/)
  })

  it('uses the given name and theme', async () => {
    const out = await tempDir()
    const theme = join(out, 'my.css')
    await writeFile(theme, 'body { color: rebeccapurple }')
    const result = await exportPost(join(blog.posts, 'recap.md'), { singleFile: false, outDir: join(out, 'site'), name: 'lakeside', themeFile: theme })
    expect(result.outPath).toBe(join(out, 'site', 'lakeside.html'))
    const html = await readFile(result.outPath, 'utf8')
    expect(html).toContain('rebeccapurple')
    expect(html).toContain('src="lakeside-images/lake-at-dawn.jpg"')
    expect(await filesUnder(join(out, 'site'))).toContain('lakeside-images/food/noodles.png')
  })

  it('reports progress per image', async () => {
    const seen: string[] = []
    await exportPost(join(blog.posts, 'recap.md'), { singleFile: true, outDir: await tempDir(), onProgress: (p) => seen.push(`${p.done}/${p.total}`) })
    expect(seen).toEqual(['0/2', '1/2', '2/2'])
  })

  it('replaces a symlink in an existing images folder instead of writing through it', async () => {
    const out = await tempDir()
    await exportPost(join(blog.posts, 'recap.md'), { singleFile: false, outDir: out })
    const planted = join(out, 'recap-images', 'lake-at-dawn.jpg')
    await rm(planted)
    await symlink(blog.secret, planted)
    const secret = await readFile(blog.secret)
    await exportPost(join(blog.posts, 'recap.md'), { singleFile: false, outDir: out, overwrite: true })
    expect((await lstat(planted)).isFile()).toBe(true)
    expect(await readFile(blog.secret)).toEqual(secret)
    expect(await readFile(planted)).toEqual(await readFile(join(blog.posts, 'recap-images', 'lake-at-dawn.jpg')))
  })

  it('finds the bundled theme from the source tree', async () => {
    const dir = await findResourcesDir()
    expect(await readFile(join(dir, 'theme', 'export.css'), 'utf8')).toContain('@media print')
  })

  it('refuses a file that is not a post', async () => {
    await expect(exportPost(blog.secret, { singleFile: true, outDir: await tempDir() })).rejects.toThrow(/not a markdown post/)
  })
})

describe('exportPost images', () => {
  /** A post of its own, `trip.md` in a fresh folder, with `images` (path -> bytes) beside it. */
  async function post(text: string, images: Record<string, Buffer>): Promise<string> {
    const dir = await tempDir()
    for (const [name, bytes] of Object.entries(images)) {
      await mkdir(dirname(join(dir, name)), { recursive: true })
      await writeFile(join(dir, name), bytes)
    }
    await writeFile(join(dir, 'trip.md'), text)
    return join(dir, 'trip.md')
  }
  const jpeg = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#3366aa' } }).jpeg().toBuffer()

  it('measures an animated image by its first frame, in both forms', async () => {
    const frames = await Promise.all(['#f00', '#0f0', '#00f'].map((background) => sharp({ create: { width: 40, height: 30, channels: 3, background } }).png().toBuffer()))
    const gif = await sharp(frames, { join: { animated: true } }).gif().toBuffer()
    const file = await post('![Spinning](trip-images/spin.gif)\n', { 'trip-images/spin.gif': gif })
    for (const singleFile of [false, true]) {
      const result = await exportPost(file, { singleFile, outDir: await tempDir() })
      expect(select('img', parsePage(await readFile(result.outPath, 'utf8')))!.properties).toMatchObject({ width: 40, height: 30 })
    }
  })

  it('copies only what the page shows, names clashes in the order the post uses them, and leaves nothing else behind', async () => {
    const file = await post(
      ['# Trip', '', '<!-- later: ![](trip-images/note-only.jpg) -->', '', '![](other/a.jpg)', '![](trip-images/a.jpg)', '![again](other/a.jpg)', '<img src="trip-images/raw.jpg" alt="raw">', ''].join('\n'),
      { 'trip-images/note-only.jpg': await jpeg(10, 10), 'trip-images/a.jpg': await jpeg(20, 10), 'other/a.jpg': await jpeg(30, 10), 'trip-images/raw.jpg': await jpeg(40, 10) }
    )
    const out = await tempDir()
    const result = await exportPost(file, { singleFile: false, outDir: out })
    expect((await readdir(out)).sort()).toEqual(['trip-images', 'trip.html']) // no hidden copies left
    expect(await filesUnder(out)).toEqual(['trip-images/a-2.jpg', 'trip-images/a.jpg', 'trip-images/raw.jpg', 'trip.html'])
    const images = selectAll('img', parsePage(await readFile(result.outPath, 'utf8'))).map((img) => [img.properties.src, img.properties.width])
    expect(images).toEqual([
      ['trip-images/a.jpg', 30],
      ['trip-images/a-2.jpg', 20],
      ['trip-images/a.jpg', 30],
      ['trip-images/raw.jpg', 40]
    ])
  })

  it('re-exporting over an earlier export removes the images it no longer shows, and nothing else', async () => {
    const file = await post('![](trip-images/a.jpg)\n![](trip-images/day-2/b.jpg)\n', { 'trip-images/a.jpg': await jpeg(20, 10), 'trip-images/day-2/b.jpg': await jpeg(30, 10) })
    const out = await tempDir()
    await exportPost(file, { singleFile: false, outDir: out })
    await writeFile(join(out, 'trip-images', 'favicon.png'), 'put there by hand')
    expect(await filesUnder(out)).toEqual(['trip-images/a.jpg', 'trip-images/day-2/b.jpg', 'trip-images/favicon.png', 'trip.html'])

    await writeFile(file, '![](trip-images/a.jpg)\n')
    await exportPost(file, { singleFile: false, outDir: out, overwrite: true })
    expect(await filesUnder(out)).toEqual(['trip-images/a.jpg', 'trip-images/favicon.png', 'trip.html'])
    expect(await readdir(join(out, 'trip-images'))).toEqual(['a.jpg', 'favicon.png']) // the emptied sub-folder went too

    // A page of the same name that Folio did not write says nothing about the folder's files.
    await writeFile(join(out, 'trip.html'), '<img src="trip-images/a.jpg"><img src="trip-images/favicon.png">')
    await writeFile(file, 'No photos today.\n')
    await exportPost(file, { singleFile: false, outDir: out, overwrite: true })
    expect(await filesUnder(out)).toEqual(['trip-images/a.jpg', 'trip-images/favicon.png', 'trip.html'])
  })

  it('cleans up only inside the images folder, never through a link, and not after a failed export', async () => {
    const file = await post('![](trip-images/a.jpg)\n![](trip-images/sub/b.jpg)\n', { 'trip-images/a.jpg': await jpeg(20, 10), 'trip-images/sub/b.jpg': await jpeg(30, 10) })
    const out = await tempDir()
    await exportPost(file, { singleFile: false, outDir: out })
    // The earlier export's sub-folder is now a link to a folder of someone else's files.
    const elsewhere = await tempDir()
    await writeFile(join(elsewhere, 'b.jpg'), 'not the export’s')
    await rm(join(out, 'trip-images', 'sub'), { recursive: true })
    await symlink(elsewhere, join(out, 'trip-images', 'sub'))
    await writeFile(file, 'No photos today.\n')
    await exportPost(file, { singleFile: false, outDir: out, overwrite: true })
    expect(await readFile(join(elsewhere, 'b.jpg'), 'utf8')).toBe('not the export’s')
    expect(await readdir(join(out, 'trip-images'))).toEqual(['sub'])

    // A failed export removes nothing the earlier one made.
    const again = await tempDir()
    await writeFile(file, '![](trip-images/a.jpg)\n')
    await exportPost(file, { singleFile: false, outDir: again })
    await writeFile(file, '![](trip-images/sub/b.jpg)\n')
    await writeFile(join(again, 'trip-images', 'sub'), 'a file where the new export needs a folder')
    await expect(exportPost(file, { singleFile: false, outDir: again, overwrite: true })).rejects.toThrow()
    expect(await filesUnder(again)).toEqual(['trip-images/a.jpg', 'trip-images/sub', 'trip.html'])
  })

  it('leaves no images behind when the page cannot be written', async () => {
    const file = await post('![](trip-images/a.jpg)\n', { 'trip-images/a.jpg': await jpeg(20, 10) })
    const out = join(await tempDir(), 'site')
    await mkdir(join(out, 'trip.html'), { recursive: true }) // a folder where the page should go
    await expect(exportPost(file, { singleFile: false, outDir: out, overwrite: true })).rejects.toThrow()
    expect(await readdir(out)).toEqual(['trip.html']) // no images folder, no hidden copies
  })
})
