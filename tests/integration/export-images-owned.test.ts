/**
 * An export never writes over images that are not its page's: the real export services on
 * real files. The page being replaced (confirmed in the app's dialog, or --force) owns the
 * images it showed; anything else in its images folder was put there by someone else.
 */
import { describe, expect, it } from 'vitest'
import { mkdir, readdir, readFile, writeFile, copyFile } from 'node:fs/promises'
import { join } from 'node:path'
import { selectAll } from 'hast-util-select'
import { createExportCalls } from '../../electron/services/export-calls'
import { exportPost } from '../../electron/services/export'
import { foldName } from '../../common/export-names'
import { makeImage, parsePage, tempDir } from '../unit/export-helpers'

const sources = async (page: string) => selectAll('img', parsePage(await readFile(page, 'utf8'))).map((img) => decodeURIComponent(String(img.properties.src)))

async function blogWith(text: string, images: string[]): Promise<string> {
  const posts = await tempDir()
  await writeFile(join(posts, 'post.md'), text)
  for (const [i, image] of images.entries()) await makeImage(join(posts, 'post-images', image), 64, 48, { r: 10 * i, g: 200, b: 30 })
  return posts
}

describe('export images', () => {
  it('the app’s export to a new page keeps a file already in that page’s images folder', async () => {
    const posts = await blogWith('# Post\n\n![Dawn](post-images/dawn.jpg)\n', ['dawn.jpg'])
    const out = await tempDir()
    await mkdir(join(out, 'notes-images'))
    await writeFile(join(out, 'notes-images', 'dawn.jpg'), 'someone else’s dawn')
    // The dialog confirmed nothing: notes.html did not exist.
    const calls = createExportCalls({ pickExportPath: async () => join(out, 'notes.html'), emit: () => undefined }, () => posts)
    const result = await calls.exportHtml('post.md', { singleFile: false })
    expect(result?.outPath).toBe(join(out, 'notes.html'))
    expect(await readFile(join(out, 'notes-images', 'dawn.jpg'), 'utf8')).toBe('someone else’s dawn')
    expect(await sources(join(out, 'notes.html'))).toEqual(['notes-images/dawn-2.jpg'])
    expect(await readFile(join(out, 'notes-images', 'dawn-2.jpg'))).toEqual(await readFile(join(posts, 'post-images', 'dawn.jpg')))
  })

  it('re-exporting replaces the images the old page showed, keeps the others, and reuses identical ones', async () => {
    const posts = await blogWith('# Post\n\n![Dawn](post-images/dawn.jpg)\n', ['dawn.jpg', 'noon.jpg', 'dusk.jpg'])
    const out = await tempDir()
    await exportPost(join(posts, 'post.md'), { singleFile: false, outDir: out })
    expect(await sources(join(out, 'post.html'))).toEqual(['post-images/dawn.jpg'])
    // Put into the images folder by hand: a different noon, and a copy of the post's own dusk.
    await writeFile(join(out, 'post-images', 'noon.jpg'), 'a hand-made noon')
    await copyFile(join(posts, 'post-images', 'dusk.jpg'), join(out, 'post-images', 'dusk.jpg'))
    await makeImage(join(posts, 'post-images', 'dawn.jpg'), 32, 32) // the post's dawn changed

    await writeFile(join(posts, 'post.md'), '# Post\n\n![Dawn](post-images/dawn.jpg)\n![Noon](post-images/noon.jpg)\n![Dusk](post-images/dusk.jpg)\n')
    await exportPost(join(posts, 'post.md'), { singleFile: false, outDir: out, overwrite: true })
    expect(await sources(join(out, 'post.html'))).toEqual(['post-images/dawn.jpg', 'post-images/noon-2.jpg', 'post-images/dusk.jpg'])
    expect(await readFile(join(out, 'post-images', 'dawn.jpg'))).toEqual(await readFile(join(posts, 'post-images', 'dawn.jpg')))
    expect(await readFile(join(out, 'post-images', 'noon.jpg'), 'utf8')).toBe('a hand-made noon')
    expect((await readdir(join(out, 'post-images'))).sort()).toEqual(['dawn.jpg', 'dusk.jpg', 'noon-2.jpg', 'noon.jpg'])
  })

  it('gives images whose names differ only in case or Unicode form distinct names', async () => {
    const nfc = 'caf\u00e9.jpg'
    const nfd = 'cafe\u0301.jpg'
    const posts = await blogWith(`# Post\n\n![a](post-images/${nfc})\n![b](post-images/${nfd})\n![c](post-images/Cafe.jpg)\n![d](post-images/cafe.jpg)\n`, [nfc, nfd, 'Cafe.jpg', 'cafe.jpg'])
    const out = await tempDir()
    await exportPost(join(posts, 'post.md'), { singleFile: false, outDir: out })
    const names = await sources(join(out, 'post.html'))
    expect(names).toEqual([`post-images/${nfc}`, `post-images/${nfd.replace('.jpg', '-2.jpg')}`, 'post-images/Cafe.jpg', 'post-images/cafe-2.jpg'])
    expect(new Set(names.map(foldName)).size).toBe(4)
    expect(await readdir(join(out, 'post-images'))).toHaveLength(4)
  })
})
