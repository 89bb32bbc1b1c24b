import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../../common/api'
import { applyFix, checkPost, fixAll, fixPost } from '../../common/check'
import { applyEdits, diffEdit, editsConflict } from '../../common/edits'
import { factsFor, garbledTop, recapImages, recapPost } from './check-fixtures'

const files = factsFor(recapImages.map((name) => `lisbon-recap-images/${name}`))
const input = { text: recapPost, relPath: 'lisbon-recap.md', files }

describe('edits', () => {
  it('applies non-overlapping edits in any order and refuses overlapping ones', () => {
    expect(applyEdits('abcdef', [{ from: 4, to: 5, insert: 'E' }, { from: 0, to: 1, insert: 'A' }, { from: 2, to: 2, insert: '+' }])).toBe('Ab+cdEf')
    expect(() => applyEdits('abcdef', [{ from: 0, to: 3, insert: '' }, { from: 2, to: 4, insert: '' }])).toThrow(/overlaps/)
    expect(editsConflict({ from: 0, to: 2, insert: '' }, { from: 2, to: 2, insert: 'x' })).toBe(true)
    expect(diffEdit('hello world', 'hello there world')).toEqual({ from: 6, to: 6, insert: 'there ' })
  })

  it('fixAll skips a fix that touches one already taken, and leaves diagnostics without fixes alone', () => {
    const a: Diagnostic = { rule: 'a', severity: 'warning', line: 1, message: '', fix: { label: 'a', edits: [{ from: 0, to: 3, insert: 'ABC' }] } }
    const b: Diagnostic = { rule: 'b', severity: 'warning', line: 1, message: '', fix: { label: 'b', edits: [{ from: 1, to: 2, insert: 'x' }] } }
    const c: Diagnostic = { rule: 'c', severity: 'info', line: 1, message: '' }
    expect(fixAll('abcdef', [a, b, c])).toBe('ABCdef')
    expect(applyFix('abcdef', c)).toBe('abcdef')
  })
})

describe('acceptance: a draft built like a real conference recap', () => {
  it('lists each problem once, with its line', () => {
    const found = checkPost(input).map((d) => [d.line, d.severity, d.rule])
    expect(found).toEqual([
      [1, 'info', 'front-matter-draft'],
      [10, 'warning', 'toc-outdated'],
      [22, 'info', 'draft-note'],
      [26, 'warning', 'image-alt'],
      [28, 'warning', 'mojibake'],
      [34, 'warning', 'image-alt'],
      [37, 'info', 'heading-empty'],
      [39, 'info', 'draft-note'],
      [43, 'warning', 'mojibake'],
      [49, 'warning', 'image-alt'],
      [51, 'warning', 'mojibake']
    ])
  })

  it('fix-all leaves a post that checks clean except notes and draft status, and says what the author meant', () => {
    const fixed = fixPost(input)
    expect(checkPost({ ...input, text: fixed }).filter((d) => d.severity !== 'info')).toEqual([])
    expect(checkPost({ ...input, text: fixed }).map((d) => d.rule)).toEqual(['front-matter-draft', 'draft-note', 'heading-empty', 'draft-note'])
    const expected = recapPost
      .replace(
        '- [Arrival](#arrival)\n- [Day One](#day-one)\n    - [Opening Keynote](#opening-keynote)\n- [Goodbye](#goodbye)',
        '- [Arrival](#arrival)\n- [Day One](#day-one)\n    - [Opening Keynote](#opening-keynote)\n    - [Lightning Talks](#lightning-talks)\n- [Day Two](#day-two)'
      )
      .replace('![](lisbon-recap-images/tram-28-on-the-hill.jpg)', '![Tram 28 on the Hill](lisbon-recap-images/tram-28-on-the-hill.jpg)')
      .replace('![](lisbon-recap-images/keynote-stage-wide.jpg)', '![Keynote Stage Wide](lisbon-recap-images/keynote-stage-wide.jpg)')
      .replace('![](lisbon-recap-images/sprint-room.jpg)', '![Sprint Room](lisbon-recap-images/sprint-room.jpg)')
      .replaceAll(garbledTop, '🔝')
    expect(fixed).toBe(expected)
  })

  it('fixes one rule at a time too: all alt texts at once leave the rest untouched', () => {
    const alts = checkPost(input).filter((d) => d.rule === 'image-alt')
    const text = fixAll(recapPost, alts)
    expect(text.match(/!\[\]/g)).toBeNull()
    expect(checkPost({ ...input, text }).filter((d) => d.rule === 'mojibake')).toHaveLength(3)
  })
})
