import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../../common/api'
import { applyFix, checkPost } from '../../common/check'

const files = { imageFiles: [], existing: [], escaping: [] }
const run = (text: string, rule: string): Diagnostic[] =>
  checkPost({ text, relPath: 'p.md', files, options: { markdownlint: false } }).filter((d) => d.rule === rule)
const brief = (ds: Diagnostic[]) => ds.map((d) => [d.line, d.severity, d.message])

describe('headings', () => {
  it('reports a skipped level, and the fix lifts the heading one level', () => {
    const text = '# T\n\n## A\n\ntext\n\n#### Deep\n\ntext\n\n### Fine\n\ntext\n'
    const found = run(text, 'heading-increment')
    expect(brief(found)).toEqual([[7, 'warning', 'Heading “Deep” jumps from H2 to H4']])
    const fixed = applyFix(text, found[0] as Diagnostic)
    expect(fixed).toContain('\n### Deep\n')
    expect(run(fixed, 'heading-increment')).toEqual([])
    expect(run('# T\n\n## A\n\nx\n\n### B\n\nx\n\n## C\n\nx\n', 'heading-increment')).toEqual([])
  })

  it('reports empty sections and sections holding only drafting notes', () => {
    const text = '# T\n\n## Empty\n\n## Notes only\n\n<!-- write this -->\n\n## Parent\n\n### Child\n\nText.\n\n### Last\n'
    expect(brief(run(text, 'heading-empty'))).toEqual([
      [3, 'warning', 'Section “Empty” is empty'],
      [5, 'info', 'Section “Notes only” has only drafting notes so far'],
      [15, 'warning', 'Section “Last” is empty']
    ])
  })

  it('reports repeated headings: a warning among siblings, a note under different parents', () => {
    const text = '# T\n\n## Monday\n\n### Lunch\n\nx\n\n### Lunch\n\nx\n\n## Tuesday\n\n### Lunch\n\nx\n'
    expect(brief(run(text, 'heading-duplicate'))).toEqual([
      [9, 'warning', 'Heading “Lunch” repeats the H3 at line 5 in the same section'],
      [15, 'info', 'Heading “Lunch” repeats the H3 at line 5']
    ])
    expect(run('## A\n\nx\n\n### A\n\nx\n', 'heading-duplicate')).toEqual([])
  })
})

describe('drafting notes', () => {
  it('lists every comment with its line, but not tool directives', () => {
    const text = '# T\n\n<!--\nAsk Ana\nabout the café\n-->\n\nText <!-- inline note --> here.\n\n<!-- toc -->\n<!-- tocstop -->\n\n<!-- markdownlint-disable MD009 -->\n\n```\n<!-- in code -->\n```\n'
    expect(brief(run(text, 'draft-note'))).toEqual([
      [3, 'info', 'Drafting note: Ask Ana'],
      [8, 'info', 'Drafting note: inline note']
    ])
  })
})

describe('anchors', () => {
  const text = '# My Trip\n\n## Day One!\n\n## Day One!\n\nSee [the second](#day-one-1), [top](#), [title](#my-trip), [html](#photo) and [typo](#day-onee) or [gone](#nowhere-at-all).\n\n<a id="photo"></a>\n'

  it('accepts GitHub slugs (duplicates numbered), # and raw HTML ids; reports the rest with a fix when close', () => {
    const found = run(text, 'anchor')
    expect(found.map((d) => [d.line, d.message, d.fix?.label])).toEqual([
      [7, 'Link to #day-onee matches no heading (did you mean #day-one?)', 'Link to #day-one'],
      [7, 'Link to #nowhere-at-all matches no heading', undefined]
    ])
    const fixed = applyFix(text, found[0] as Diagnostic)
    expect(fixed).toContain('[typo](#day-one)')
    expect(run(fixed, 'anchor')).toHaveLength(1)
  })

  it('counts #table-of-contents only when the TOC heading exists', () => {
    const link = '\n\n## A\n\nx\n\n🔝 <sub>[**back to top**](#table-of-contents)</sub>\n'
    expect(run(`# T\n\n## Table of Contents\n\n- [A](#a)${link}`, 'anchor')).toEqual([])
    expect(run(`# T\n\n<!-- toc -->\n\n- [A](#a)\n\n<!-- tocstop -->${link}`, 'anchor')).toHaveLength(1)
  })
})

describe('table of contents rule', () => {
  const text = '# T\n\n## Table of Contents\n\n- [Old](#old)\n\n## New\n\nx\n'

  it('reports an outdated TOC once (not its dead links too) and the fix regenerates it', () => {
    const all = checkPost({ text, relPath: 'p.md', files })
    expect(all.filter((d) => d.rule === 'toc-outdated').map((d) => [d.line, d.severity, d.fix?.label])).toEqual([[3, 'warning', 'Update the table of contents']])
    expect(all.filter((d) => d.rule === 'anchor')).toEqual([])
    const fixed = applyFix(text, all.find((d) => d.rule === 'toc-outdated') as Diagnostic)
    expect(fixed).toBe('# T\n\n## Table of Contents\n\n- [New](#new)\n\n## New\n\nx\n')
    expect(checkPost({ text: fixed, relPath: 'p.md', files }).filter((d) => d.severity !== 'info')).toEqual([])
  })

  it('is quiet for a current TOC and for posts without one', () => {
    expect(run('# T\n\n## Table of Contents\n\n- [New](#new)\n\n## New\n\nx\n', 'toc-outdated')).toEqual([])
    expect(run('# T\n\n## New\n\nx\n', 'toc-outdated')).toEqual([])
  })

  it('asks for back-to-top links only once a post uses them', () => {
    const uses = '# T\n\n## A\n\nx\n\n🔝 <sub>[**back to top**](#top)</sub>\n\n## B\n\ny\n'
    const found = run(uses, 'back-to-top')
    expect(found.map((d) => [d.line, d.severity, d.fix?.label])).toEqual([[9, 'info', 'Add a back-to-top link']])
    expect(applyFix(uses, found[0] as Diagnostic)).toBe(`${uses}\n🔝 <sub>[**back to top**](#top)</sub>\n`)
    expect(run('# T\n\n## A\n\nx\n\n## B\n\ny\n', 'back-to-top')).toEqual([])
  })
})
