/**
 * One post that uses every way of referring to an image, and the five features that ask
 * which images a post uses: the gallery, delete, rename, the checker and the export. They
 * must all give the same answer (the export leaves out drafting notes, which it never publishes).
 */
import { cp, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkPost } from '../../common/check'
import { imageReferences, rewriteImageReferences } from '../../common/image-refs'
import { gatherPostFiles } from '../../electron/services/check-files'
import { exportPost } from '../../electron/services/export'
import { deleteImage, listImages, renameImage } from '../../electron/services/gallery'
import { makeImage, tempDir } from './export-helpers'

const post = `---
title: Harbour walk
---

# Harbour walk

![Harbour](trip-images/harbour.jpg)

![Quay](<trip-images/quay at night.jpg> "The quay")

![Boats][boats]

[full-size photo](trip-images/harbour-full.jpg)

![Café](trip-images/caf%C3%A9.jpg) and ![Pier](./trip-images/pier.jpg)

<img src="trip-images/lighthouse.png" alt="Lighthouse">

<img src="trip-images/gull.jpg" srcset="trip-images/gull-2x.jpg 2x, trip-images/gull-3x.jpg 3x" alt="Gull">

<picture>
  <source srcset="trip-images/dunes.webp" type="image/webp">
  <img src="trip-images/dunes.jpg" alt="Dunes">
</picture>

<video controls poster="trip-images/poster.jpg"><source src="trip-images/clip.mp4"></video>

Write \`![x](trip-images/in-code.jpg)\` to show an image.

\`\`\`markdown
![y](trip-images/in-fence.jpg)
\`\`\`

<!-- later: ![](trip-images/for-later.jpg) -->

[boats]: trip-images/boats.jpg
`

/** Images the post shows when published. */
const published = [
  'boats.jpg',
  'café.jpg',
  'dunes.jpg',
  'dunes.webp',
  'gull-2x.jpg',
  'gull-3x.jpg',
  'gull.jpg',
  'harbour-full.jpg',
  'harbour.jpg',
  'lighthouse.png',
  'pier.jpg',
  'poster.jpg',
  'quay at night.jpg'
]
/** Named only in a drafting note: in use (deleting it would break the note), but not exported. */
const inNote = ['for-later.jpg']
/** Named only in code, or nowhere: not used. */
const unused = ['in-code.jpg', 'in-fence.jpg', 'unused.jpg']
const used = [...published, ...inNote].sort()

async function makePost(): Promise<string> {
  const root = await tempDir('folio-refs-')
  await writeFile(join(root, 'trip.md'), post)
  for (const name of [...used, ...unused]) await makeImage(join(root, 'trip-images', name), 8, 8)
  return root
}

const sorted = (names: Iterable<string>): string[] => [...names].sort()

describe('which images a post uses: every feature agrees', () => {
  it('the gallery', async () => {
    const root = await makePost()
    const gallery = await listImages(root, 'trip.md')
    expect(sorted(gallery.images.filter((image) => image.lines.length).map((image) => image.name))).toEqual(used)
    expect(gallery.broken).toEqual([])
  })

  it('delete refuses exactly the used images', async () => {
    const root = await makePost()
    const trashed: string[] = []
    const refused: string[] = []
    for (const name of [...used, ...unused]) {
      await deleteImage(root, 'trip.md', name, async (path) => void trashed.push(path)).catch(() => refused.push(name))
    }
    expect(sorted(refused)).toEqual(used)
    expect(trashed).toHaveLength(unused.length)
  })

  it('rename rewrites the post for exactly the used images', async () => {
    const source = await makePost()
    const rewritten: string[] = []
    for (const name of [...used, ...unused]) {
      const root = await tempDir('folio-refs-')
      await cp(source, root, { recursive: true })
      const renamed = await renameImage(root, 'trip.md', name, 'renamed')
      if (renamed.text !== post) rewritten.push(name)
      expect(await readFile(join(root, 'trip.md'), 'utf8')).toBe(renamed.text)
    }
    expect(sorted(rewritten)).toEqual(used)
  })

  it('the checker calls exactly the unused images orphans, and none missing', async () => {
    const root = await makePost()
    const files = await gatherPostFiles(join(root, 'trip.md'), post)
    const found = checkPost({ text: post, relPath: 'trip.md', files })
    const orphans = found.filter((d) => d.rule === 'image-orphan').map((d) => /trip-images\/(.*) in trip-images/.exec(d.message)?.[1] ?? d.message)
    expect(sorted(orphans)).toEqual(unused)
    expect(found.filter((d) => d.rule === 'image-missing' || d.rule === 'image-outside')).toEqual([])
  })

  it('the export takes exactly the published images', async () => {
    const root = await makePost()
    const out = await tempDir('folio-refs-out-')
    await exportPost(join(root, 'trip.md'), { singleFile: false, outDir: out })
    expect(sorted(await readdir(join(out, 'trip-images')))).toEqual(published)
    const html = await readFile(join(out, 'trip.html'), 'utf8')
    expect(html).toContain('href="trip-images/harbour-full.jpg"')
  })
})

describe('the finder itself', () => {
  it('reads the forms one by one', () => {
    const paths = (text: string) => imageReferences(text).map((ref) => [ref.path, ref.inNote])
    expect(paths('[![Thumb](t-images/small.jpg)](t-images/big.jpg)')).toEqual([
      ['t-images/big.jpg', false],
      ['t-images/small.jpg', false]
    ])
    expect(paths('![a][Pic One]\n\n[pic one]: <t-images/a b.jpg>')).toEqual([['t-images/a b.jpg', false]])
    expect(paths('[unused]: t-images/kept.png')).toEqual([['t-images/kept.png', false]])
    expect(paths('[a pdf](t-images/notes.pdf) [text][nothing]')).toEqual([])
    expect(paths('<img src="t-images/a&amp;b.jpg">')).toEqual([['t-images/a&b.jpg', false]])
    expect(paths('``x ![a](t-images/code.jpg) y`` and\n\n    ~~~\n![b](t-images/fence.jpg)\n    ~~~\n')).toEqual([['t-images/fence.jpg', false]])
    expect(paths('~~~\n![b](t-images/fence.jpg)\n~~~\n> ```\n> ![c](t-images/quoted-fence.jpg)\n> ```\n')).toEqual([])
    expect(paths('<!--\nlater:\n\n![b](t-images/later.jpg)\n-->\n![c](t-images/now.jpg)')).toEqual([
      ['t-images/later.jpg', true],
      ['t-images/now.jpg', false]
    ])
    expect(paths('`<!--` ![a](t-images/after-code.jpg)')).toEqual([['t-images/after-code.jpg', false]])
  })

  it('rewrites each destination once, in every form', () => {
    const text = '![a][r] ![b][r]\n\n<img srcset="t-images/x.jpg 1x, t-images/x.jpg 2x">\n\n[r]: ./t-images/x.jpg\n'
    expect(rewriteImageReferences(text, 't-images/x.jpg', 't-images/y z.jpg')).toBe(
      '![a][r] ![b][r]\n\n<img srcset="t-images/y%20z.jpg 1x, t-images/y%20z.jpg 2x">\n\n[r]: ./t-images/y%20z.jpg\n'
    )
  })
})
