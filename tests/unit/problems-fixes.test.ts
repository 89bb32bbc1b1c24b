import { describe, expect, it } from 'vitest'
import { EditorState, type StateCommand } from '@codemirror/state'
import { history, undo } from '@codemirror/commands'
import { checkPost, type PostFileFacts } from '../../common/check'
import { applyEdits } from '../../common/edits'
import { collectFixes, diagnosticRange } from '../../renderer/src/problems/fixes'
import { editTransaction } from '../../renderer/src/editor/edit-transaction'
import { insertOrUpdateToc, tocOnSaveTransaction, updateBackToTopLinks } from '../../renderer/src/editor/toc-commands'

const files: PostFileFacts = {
  imageFiles: ['pier-walk-images/gulls-on-the-rail.jpg', 'pier-walk-images/fish-and-chips.jpg'],
  existing: ['pier-walk-images/gulls-on-the-rail.jpg', 'pier-walk-images/fish-and-chips.jpg'],
  escaping: []
}
const check = async (text: string) => checkPost({ text, relPath: 'pier-walk.md', files })

const post = [
  '# Pier Walk',
  '',
  '## Contents',
  '',
  '- [Morning](#morning)',
  '- [Old Heading](#old-heading)',
  '',
  '## Morning',
  '',
  '![](pier-walk-images/gulls-on-the-rail.jpg)',
  '',
  'üîù <sub>[**back to top**](#contents)</sub>',
  '',
  '## Lunch',
  '',
  '![](pier-walk-images/fish-and-chips.jpg)',
  ''
].join('\n')

/** Runs a state command on a text and returns the new text (or null when it did nothing). */
function run(command: StateCommand, doc: string): string | null {
  let state = EditorState.create({ doc })
  return command({ state, dispatch: (tr) => (state = tr.state) }) ? state.doc.toString() : null
}

describe('quick fixes in the editor', () => {
  it('collects every fix, round after round, as one set of edits of the starting text', async () => {
    const state = EditorState.create({ doc: post, extensions: history() })
    const { edits, fixed } = await collectFixes(post, check)
    expect(fixed).toBeGreaterThanOrEqual(4)
    let after = state.update(editTransaction(state, edits, 'input.fix')).state
    const text = after.doc.toString()
    expect(text).toContain('![Gulls on the Rail](pier-walk-images/gulls-on-the-rail.jpg)')
    expect(text).toContain('![Fish and Chips](pier-walk-images/fish-and-chips.jpg)')
    expect(text).toContain('- [Morning](#morning)\n- [Lunch](#lunch)\n')
    expect(text).not.toContain('üîù')
    expect(text.match(/🔝 <sub>\[\*\*back to top\*\*\]\(#contents\)<\/sub>/g)).toHaveLength(2)
    expect((await check(text)).filter((d) => d.fix)).toEqual([])
    // One undo step takes it all back.
    undo({ state: after, dispatch: (tr) => (after = tr.state) })
    expect(after.doc.toString()).toBe(post)
  })

  it('limits Fix all to one rule when asked', async () => {
    const { edits, fixed } = await collectFixes(post, check, { only: (d) => d.rule === 'image-alt' })
    const text = applyEdits(post, edits)
    expect(fixed).toBe(2)
    expect(text).toContain('![Gulls on the Rail]')
    expect(text).toContain('[Old Heading]')
  })

  it('selects what a single fix changed, and maps a diagnostic to its range', async () => {
    const state = EditorState.create({ doc: post })
    const alt = (await check(post)).find((d) => d.rule === 'image-alt')!
    const after = state.update(editTransaction(state, alt.fix!.edits, 'input.fix', true)).state
    const { from, to } = after.selection.main
    expect(after.sliceDoc(from, to)).toBe('Gulls on the Rail')
    expect(diagnosticRange(state.doc, alt, true)).toEqual({ from: alt.from, to: alt.to })
    const line = state.doc.line(alt.line)
    expect(diagnosticRange(state.doc, alt, false)).toEqual({ from: line.from, to: line.from })
  })
})

describe('table of contents commands', () => {
  it('updates only the TOC list, and says so when there is nothing to do', () => {
    const text = run(insertOrUpdateToc, post)!
    expect(text).toBe(post.replace('- [Old Heading](#old-heading)', '- [Lunch](#lunch)'))
    expect(run(insertOrUpdateToc, text)).toBeNull()
  })

  it('inserts a TOC after the title when the post has none', () => {
    const text = run(insertOrUpdateToc, '# Trip\n\nIntro.\n\n## Day One\n\n### Beach\n')!
    expect(text).toBe('# Trip\n\n## Table of Contents\n\n- [Day One](#day-one)\n  - [Beach](#beach)\n\nIntro.\n\n## Day One\n\n### Beach\n')
  })

  it('adds the missing back-to-top link and keeps the ones in place', () => {
    const text = run(updateBackToTopLinks, post)!
    expect(text.endsWith('![](pier-walk-images/fish-and-chips.jpg)\n\n🔝 <sub>[**back to top**](#contents)</sub>\n')).toBe(true)
    expect(text).toContain('üîù <sub>')
    expect(run(updateBackToTopLinks, text)).toBeNull()
  })

  it('on save rewrites the TOC block and nothing else; posts without one are left alone', () => {
    const state = EditorState.create({ doc: post })
    const spec = tocOnSaveTransaction(state)!
    expect(state.update(spec).state.doc.toString()).toBe(post.replace('- [Old Heading](#old-heading)', '- [Lunch](#lunch)'))
    expect(tocOnSaveTransaction(EditorState.create({ doc: '# T\n\n## A\n\ntext\n' }))).toBeNull()
  })
})
