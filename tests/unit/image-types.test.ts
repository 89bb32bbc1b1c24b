/**
 * Which files are images: one table (common/images.ts) for the importer, the gallery, the
 * image finder and checker, the preview's file server and the export.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkPost } from '../../common/check'
import { imageExtensions, importableExtensions, isImageName } from '../../common/images'
const webImageExtensions = ['jpg', 'jpeg', 'jpe', 'jfif', 'png', 'gif', 'webp', 'avif', 'svg', 'bmp', 'ico']
import { gatherPostFiles } from '../../electron/services/check-files'
import { imageTypes, serveWorkspaceFile } from '../../electron/services/files'
import { makeImage, tempDir } from './export-helpers'

describe('image file types', () => {
  it('the importer takes only what the gallery lists; the preview serves exactly the types a browser shows', () => {
    for (const ext of importableExtensions) expect(imageExtensions).toContain(ext)
    expect(Object.keys(imageTypes).sort()).toEqual(webImageExtensions.map((ext) => `.${ext}`).sort())
    for (const ext of webImageExtensions) expect(isImageName(`a.${ext.toUpperCase()}`)).toBe(true)
  })

  it('a .jfif photo (JPEG) is shown by the preview and called unused by the checker, like any JPEG', async () => {
    const root = await tempDir('folio-types-')
    await makeImage(join(root, 'trip-images', 'cat.jfif'), 8, 8)
    await makeImage(join(root, 'trip-images', 'dog.jfif'), 8, 8)
    const text = '# Trip\n\n![Cat](trip-images/cat.jfif)\n'
    await writeFile(join(root, 'trip.md'), text)
    await mkdir(join(root, 'trip-images'), { recursive: true })
    expect((await serveWorkspaceFile(root, 'trip-images/cat.jfif'))?.type).toBe('image/jpeg')
    const found = checkPost({ text, relPath: 'trip.md', files: await gatherPostFiles(join(root, 'trip.md'), text) })
    expect(found.filter((d) => d.rule.startsWith('image-')).map((d) => d.message)).toEqual(['trip-images/dog.jfif in trip-images/ is not used in the post'])
  })
})
