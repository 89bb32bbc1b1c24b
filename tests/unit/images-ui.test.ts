import { describe, expect, it } from 'vitest'
import { EditorSelection, EditorState, Text, type TransactionSpec } from '@codemirror/state'
import type { EditorView } from '@codemirror/view'
import { markdown, markdownLanguage } from '@codemirror/lang-markdown'
import { yamlFrontmatter } from '@codemirror/lang-yaml'
import { imageBlockChange, imageReferenceEdits } from '../../renderer/src/images/markdown-edits'
import {
  carriesImages,
  formatBytes,
  galleryImageType,
  galleryMarkdown,
  headingForLine,
  importSources,
  importSummaryText,
  linesLabel,
  pastedImages,
  progressLabel,
  sizeKeyFromSrc
} from '../../renderer/src/images/import-helpers'
import { blockAt, insertAtPoint, insertPoints, trackInsertPoint } from '../../renderer/src/editor/insert-points'
import { rewriteImageReferences } from '../../common/image-refs'
import type { Heading } from '../../common/outline'

const img = '![A](p-images/a.jpg)'

/** Inserts `img` where ‸ marks the drop in `marked`, treating each line as its own block. */
const dropAt = (marked: string): string => {
  const pos = marked.indexOf('‸')
  const doc = Text.of(marked.replace('‸', '').split('\n'))
  const change = imageBlockChange(doc, pos, img)
  return doc.replace(change.from, change.to, Text.of(change.insert.split('\n'))).toString()
}

describe('where dropped images go (line rules)', () => {
  it('makes the images a paragraph of their own, adding only the blank lines needed', () => {
    expect(dropAt('One line‸\nNext line')).toBe(`One line\n\n${img}\n\nNext line`)
    expect(dropAt('One ‸line\n\nNext')).toBe(`One line\n\n${img}\n\nNext`)
    expect(dropAt('‸Start here\nmore')).toBe(`${img}\n\nStart here\nmore`)
    expect(dropAt('Para\n‸\nNext')).toBe(`Para\n\n${img}\n\nNext`)
    expect(dropAt('Para\n\n‸\n\nNext')).toBe(`Para\n\n${img}\n\nNext`)
    expect(dropAt('‸')).toBe(img)
    expect(dropAt('Last line‸')).toBe(`Last line\n\n${img}`)
    expect(dropAt('Last line\n‸')).toBe(`Last line\n\n${img}`)
  })

  it('never puts images into the front matter', () => {
    expect(dropAt('---\ntitle: ‸X\n---\n# X')).toBe(`---\ntitle: X\n---\n\n${img}\n\n# X`)
    expect(dropAt('‸---\ntitle: X\n---\n\n# X')).toBe(`---\ntitle: X\n---\n\n${img}\n\n# X`)
  })

  it('puts the cursor at the end of the inserted markdown', () => {
    const doc = Text.of(['Para', 'Next'])
    const change = imageBlockChange(doc, 2, img)
    expect(change.insert.slice(0, change.cursor - change.from)).toBe(`\n\n${img}`)
  })
})

const language = [yamlFrontmatter({ content: markdown({ base: markdownLanguage }) })]

/** A minimal view for the state functions: state and dispatch. */
function fakeView(doc: string, cursor = 0) {
  const view = {
    state: EditorState.create({ doc, selection: EditorSelection.cursor(cursor), extensions: [language, insertPoints] }),
    dispatch(spec: TransactionSpec) {
      view.state = view.state.update(spec).state
    }
  }
  return view
}

describe('where dropped images go (markdown blocks)', () => {
  const post = '---\ntitle: T\n---\n\n# Trip\nFirst line of text\nsecond line of text.\n\n```js\na()\n\nb()\n```\n- one\n- two\n'
  const drop = (needle: string, offset = 0) => {
    const view = fakeView(post)
    const pos = post.indexOf(needle) + offset
    const spec = { changes: imageBlockChange(view.state.doc, pos, img, blockAt(view.state, pos)) }
    view.dispatch(spec)
    return view.state.doc.toString()
  }

  it('finds the top-level block at a position', () => {
    const state = fakeView(post).state
    const at = (needle: string) => {
      const block = blockAt(state, post.indexOf(needle) + 2)
      return block && post.slice(block.from, block.to)
    }
    expect(at('First line')).toBe('First line of text\nsecond line of text.')
    expect(at('b()')).toBe('```js\na()\n\nb()\n```')
    expect(at('- two')).toBe('- one\n- two')
    expect(blockAt(state, post.indexOf('```js') - 1)).toBeNull()
  })

  it('goes after the paragraph, code block or list dropped on, never into it', () => {
    expect(drop('First line', 5)).toContain(`second line of text.\n\n${img}\n\n\`\`\`js`)
    expect(drop('\nb()', 0)).toContain(`b()\n\`\`\`\n\n${img}\n\n- one`)
    expect(drop('- one', 3)).toBe(`${post.trimEnd()}\n\n${img}\n`)
  })

  it('goes before a block dropped on at its start, and after a heading followed at once by text', () => {
    expect(drop('First line')).toContain(`# Trip\n\n${img}\n\nFirst line`)
    expect(drop('# Trip', 3)).toContain(`# Trip\n\n${img}\n\nFirst line`)
  })
})

describe('insert points tracked while an import runs', () => {
  it('follows edits made meanwhile and inserts there as one change', () => {
    const view = fakeView('Intro\n\nOutro', 5)
    const id = trackInsertPoint(view as unknown as EditorView, 5)
    view.dispatch({ changes: { from: 0, insert: 'New first line\n' } })
    const spec = insertAtPoint(view.state, id, img)!
    view.dispatch(spec)
    expect(view.state.doc.toString()).toBe(`New first line\nIntro\n\n${img}\n\nOutro`)
    expect(insertAtPoint(view.state, id, img)).toBeNull()
  })

  it('moves the cursor after the images only when the user left it where it was', () => {
    const still = fakeView('Intro\n', 6)
    const a = trackInsertPoint(still as unknown as EditorView, 6)
    still.dispatch(insertAtPoint(still.state, a, img)!)
    expect(still.state.selection.main.head).toBe(still.state.doc.toString().indexOf(img) + img.length)

    const typing = fakeView('Intro\n\nOutro', 0)
    const b = trackInsertPoint(typing as unknown as EditorView, 13)
    typing.dispatch({ changes: { from: 0, insert: 'Hi ' }, selection: { anchor: 3 } })
    typing.dispatch(insertAtPoint(typing.state, b, img)!)
    expect(typing.state.doc.toString()).toBe(`Hi Intro\n\nOutro\n\n${img}`)
    expect(typing.state.selection.main.head).toBe(3)
  })

  it('forgets a point when the import inserted nothing', () => {
    const view = fakeView('Text', 4)
    const id = trackInsertPoint(view as unknown as EditorView, 4)
    view.dispatch(insertAtPoint(view.state, id, '')!)
    expect(view.state.doc.toString()).toBe('Text')
    expect(insertAtPoint(view.state, id, img)).toBeNull()
  })
})

describe('rename edits', () => {
  it('give exactly what rewriteImageReferences gives, one edit per reference', () => {
    const text = '![a](t-images/old.jpg) and ![b](./t-images/old.jpg)\n<img src="t-images/old.jpg">\n![c](t-images/other.jpg)'
    const edits = imageReferenceEdits(text, 't-images/old.jpg', 't-images/new name.jpg')
    expect(edits).toHaveLength(3)
    let out = text
    for (const edit of [...edits].reverse()) out = out.slice(0, edit.from) + edit.insert + out.slice(edit.to)
    expect(out).toBe(rewriteImageReferences(text, 't-images/old.jpg', 't-images/new name.jpg'))
    expect(out).toContain('./t-images/new%20name.jpg')
  })
})

describe('import helpers', () => {
  it('sends paths when the platform knows them, bytes otherwise', async () => {
    const withPath = new File([new Uint8Array([1, 2])], 'IMG_1.JPG', { type: 'image/jpeg' })
    const pasted = new File([new Uint8Array([3, 4, 5])], '', { type: 'image/png' })
    const sources = await importSources([withPath, pasted], (f) => (f === withPath ? '/photos/IMG_1.JPG' : ''))
    expect(sources[0]).toEqual({ kind: 'path', path: '/photos/IMG_1.JPG' })
    expect(sources[1]).toMatchObject({ kind: 'bytes', name: 'image' })
    expect([...(sources[1] as { bytes: Uint8Array }).bytes]).toEqual([3, 4, 5])
  })

  it('names imports after the heading above the line, within the contract’s limit', () => {
    const h = (text: string, line: number, depth = 2): Heading => ({ depth, text, slug: '', line, notes: [] })
    const headings = [h('Trip', 1, 1), h('Day  One', 10), h('x'.repeat(300), 20)]
    expect(headingForLine(headings, 15)).toBe('Day One')
    expect(headingForLine(headings, 10)).toBe('Day One')
    expect(headingForLine([h('Later', 5)], 2)).toBeNull()
    expect(headingForLine(headings, 25)).toHaveLength(200)
  })

  it('imports pasted images only when there is no text to paste', () => {
    const png = new File([new Uint8Array([1])], 'image.png', { type: 'image/png' })
    const txt = new File([new Uint8Array([1])], 'a.txt', { type: 'text/plain' })
    expect(pastedImages([png, txt], '')).toEqual([png])
    expect(pastedImages([png], 'A1\tB1')).toEqual([])
  })

  it('words the progress and the outcome', () => {
    expect(progressLabel({ done: 0, total: 0 })).toBe('Preparing import…')
    expect(progressLabel({ done: 2, total: 20 })).toBe('Importing 3 of 20')
    expect(progressLabel({ done: 20, total: 20 })).toBe('Importing 20 of 20')
    const a = { link: 'p-images/a.jpg', alt: '' }
    expect(importSummaryText({ imported: [a], skipped: [] }, true)).toBe('Imported 1 image.')
    expect(importSummaryText({ imported: [a, a], skipped: [{ name: 'x', reason: 'r' }] }, true)).toBe('Imported 2 images. 1 skipped:')
    expect(importSummaryText({ imported: [a], skipped: [], cancelled: true }, true)).toBe('Import cancelled after 1 image.')
    expect(importSummaryText({ imported: [], skipped: [{ name: 'x', reason: 'r' }] }, true)).toBe('No image was imported. 1 skipped:')
    expect(importSummaryText({ imported: [a], skipped: [] }, false)).toMatch(/links were not inserted/)
    expect(formatBytes(840)).toBe('840 B')
    expect(formatBytes(12_400)).toBe('12 KB')
    expect(formatBytes(3_420_000)).toBe('3.4 MB')
    expect(formatBytes(42_000_000)).toBe('42 MB')
    expect(linesLabel([4])).toBe('Line 4')
    expect(linesLabel([4, 12])).toBe('Lines 4, 12')
  })

  it('maps a preview image URL back to the imageSizes key', () => {
    const base = 'http://folio.test/@workspace/'
    expect(sizeKeyFromSrc(`${base}trip-images/a%20b.jpg`, base, 'trip.md')).toBe('trip-images/a b.jpg')
    expect(sizeKeyFromSrc(`${base}posts/trip-images/a.jpg`, base, 'posts/trip.md')).toBe('trip-images/a.jpg')
    expect(sizeKeyFromSrc(`${base}shared/a.jpg`, base, 'posts/trip.md')).toBeNull()
    expect(sizeKeyFromSrc('https://example.com/a.jpg', base, 'trip.md')).toBeNull()
    expect(sizeKeyFromSrc(`${base}bad%E0.jpg`, base, 'trip.md')).toBeNull()
  })

  it('recognises drags it takes, and reads a gallery drag', () => {
    expect(carriesImages(['Files'])).toBe(true)
    expect(carriesImages([galleryImageType, 'text/plain'])).toBe(true)
    expect(carriesImages(['text/plain'])).toBe(false)
    const data = (value: string) => ({ getData: (type: string) => (type === galleryImageType ? value : '') })
    expect(galleryMarkdown(data(JSON.stringify({ link: 'p-images/a.jpg', alt: 'A [b]' })))).toBe('![A \\[b\\]](p-images/a.jpg)')
    expect(galleryMarkdown(data(''))).toBeNull()
    expect(galleryMarkdown(data('{bad'))).toBeNull()
    expect(galleryMarkdown(data(JSON.stringify({ link: 'a.jpg) [x](javascript:alert(1)', alt: '' })))).toBeNull()
  })
})
