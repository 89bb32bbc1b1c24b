import { describe, expect, test } from 'vitest'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { largePreviewChars, largestCheckedPost, previewPart, veryLargePost } from '../../common/large-post'
import { createFolioService } from '../../electron/services/handlers'
import { largePostBytes } from '../../electron/services/text-file'

test('the service warns at the same size the renderer limits the preview', () => expect(largePostBytes).toBe(veryLargePost))

describe('previewPart', () => {
  test('a post up to the very-large size is previewed whole', () => {
    const text = 'a'.repeat(veryLargePost)
    expect(previewPart(text)).toEqual({ text, cut: false })
    expect(previewPart('# Short\n')).toEqual({ text: '# Short\n', cut: false })
  })

  test('a very large post is cut at the last blank line before the preview limit', () => {
    const paragraph = `${'word '.repeat(199)}word\n\n`
    const text = paragraph.repeat(Math.ceil((veryLargePost + 1) / paragraph.length))
    const part = previewPart(text)
    expect(part.cut).toBe(true)
    expect(part.text.length).toBeLessThanOrEqual(largePreviewChars + 1)
    expect(part.text.length).toBeGreaterThan(largePreviewChars - paragraph.length)
    expect(part.text.endsWith('word\n')).toBe(true)
    expect(text.startsWith(part.text)).toBe(true)
  })

  test('without blank lines it cuts at a line end, and without lines at the limit', () => {
    const lines = 'line of text\n'.repeat(Math.ceil((veryLargePost + 1) / 13))
    const byLine = previewPart(lines)
    expect(byLine.text.endsWith('line of text\n')).toBe(true)
    expect(byLine.text.length).toBeLessThanOrEqual(largePreviewChars + 1)
    const oneLine = 'x'.repeat(veryLargePost + 1)
    expect(previewPart(oneLine)).toEqual({ text: 'x'.repeat(largePreviewChars), cut: true })
  })

  test('an edit after the cut leaves the previewed part unchanged', () => {
    const text = 'para\n\n'.repeat(Math.ceil((veryLargePost + 1) / 6))
    expect(previewPart(`${text}more`).text).toBe(previewPart(text).text)
  })
})

test('checkPost runs the checker up to the limit and not above it', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'folio-large-'))
  try {
    const service = createFolioService({ pickFolder: async () => null, pickImages: async () => [], pickExportPath: async () => null, trash: async () => {}, openExternal: async () => {}, emit: () => {} })
    await service.open(folder)
    const found = await service.handlers.checkPost('huge.md', `# Huge\n\n${'Some text. '.repeat(largestCheckedPost / 11 + 1)}`)
    expect(found).toEqual([{ rule: 'too-large', severity: 'info', line: 1, message: 'This post is too long to check while you write; check it from the command line with `folio check`.' }])
    const checked = await service.handlers.checkPost('short.md', '# Short\n\n![](short-images/missing.jpg)\n')
    expect(checked.map((d) => d.rule)).toContain('image-missing')
    await service.dispose()
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
})
