import { applyFixes } from 'markdownlint'
import { lint } from 'markdownlint/sync'
import { describe, expect, it } from 'vitest'
import { checkPost, fixAll } from '../../common/check'
import { fixInfoEdit, markdownlintConfig } from '../../common/check/markdownlint'
import { applyEdits, lineStarts } from '../../common/edits'

const files = { imageFiles: [], existing: [], escaping: [] }
const lintRules = (text: string) => checkPost({ text, relPath: 'p.md', files }).filter((d) => d.rule.startsWith('markdownlint/'))

describe('markdownlint rules', () => {
  it('takes a front matter title and an H1 as one title, but flags a second H1', () => {
    expect(lintRules('---\ntitle: Trip\n---\n\n# Trip\n\nText.\n').map((d) => d.rule)).not.toContain('markdownlint/MD025')
    expect(lintRules('---\ntitle: Trip\n---\n\n# Trip\n\nText.\n\n# Another\n\nMore.\n').map((d) => d.rule)).toContain('markdownlint/MD025')
  })

  it('maps markdownlint results to diagnostics with their line, column and fix', () => {
    const found = lintRules('# T\n\nTrailing space \n\n\n\n* a\n* b\n')
    expect(found.map((d) => [d.rule, d.line, d.column, d.severity, Boolean(d.fix)])).toEqual([
      ['markdownlint/MD009', 3, 15, 'warning', true],
      ['markdownlint/MD012', 5, undefined, 'warning', true],
      ['markdownlint/MD012', 6, undefined, 'warning', true]
    ])
    expect(found[0]?.message).toBe('Trailing spaces (Expected: 0 or 2; Actual: 1)')
  })

  it('turns off rules that fight blog style or that Folio checks itself', () => {
    const blog = [
      '---',
      'blogpost: true',
      '---',
      '',
      '# A Very Long Title That Goes On And On And On And On And On And On And On And On And On And On',
      '',
      'Table of Contents',
      '-----------------',
      '',
      '- [Hello!](#hello)',
      '    - [Deep](#deep)',
      '',
      '## Hello!',
      '',
      '#### Deep',
      '',
      '![](x.jpg) [dead](#nowhere)',
      '',
      '🔝 <sub>[**back to top**](#table-of-contents)</sub>',
      '',
      '## Hello!',
      '',
      'text',
      ''
    ].join('\n')
    expect(lintRules(blog)).toEqual([])
    expect(markdownlintConfig).toMatchObject({ MD013: false, MD033: false, MD024: false })
  })

  it('converts fixInfo to edits that give the same text as markdownlint applyFixes', () => {
    const text = '#Title\n\nText  with trailing \n* a\n+ b\n\n\n\nLast line   \n## Heading\nNo final newline'
    const results = lint({ strings: { post: text }, config: markdownlintConfig }).post ?? []
    const starts = lineStarts(text)
    const edits = results.map((e) => fixInfoEdit(text, starts, e)).filter((e) => e !== null)
    expect(edits.length).toBeGreaterThan(4)
    // One fix per line at most, so markdownlint's own merge and ours must agree exactly.
    const oneEach = results.filter((e, i) => e.fixInfo && results.findIndex((x) => x.fixInfo && x.lineNumber === e.lineNumber) === i)
    expect(applyEdits(text, oneEach.map((e) => fixInfoEdit(text, starts, e)).filter((e) => e !== null))).toBe(applyFixes(text, oneEach))
  })

  it('can be turned off or reconfigured per check', () => {
    const text = '# T\n\nTrailing \n'
    expect(checkPost({ text, relPath: 'p.md', files, options: { markdownlint: false } }).filter((d) => d.rule.startsWith('markdownlint'))).toEqual([])
    expect(checkPost({ text, relPath: 'p.md', files, options: { markdownlint: { MD009: false } } }).filter((d) => d.rule.startsWith('markdownlint'))).toEqual([])
    expect(fixAll(text, lintRules(text))).toBe('# T\n\nTrailing\n')
  })
})
