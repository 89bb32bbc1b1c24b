import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../../common/api'
import { applyFix, checkPost, type Generator } from '../../common/check'

const files = { imageFiles: [], existing: [], escaping: [] }
const frontMatter = (yaml: string, generator: Generator = 'auto'): Diagnostic[] =>
  checkPost({ text: `---\n${yaml}\n---\n\n# Post\n\nText.\n`, relPath: 'p.md', files, options: { generator } }).filter((d) => d.rule.startsWith('front-matter'))
const brief = (ds: Diagnostic[]) => ds.map((d) => [d.rule, d.severity, d.line])

describe('front matter rules', () => {
  it('reports malformed YAML as an error on its line in the post', () => {
    const found = frontMatter('title: Trip\ntags: [python, django\ncategory: x')
    expect(brief(found)).toEqual([['front-matter-yaml', 'error', 4]]) // where the parser notices the unclosed list
    expect(found[0]?.message).toMatch(/^Front matter is not valid YAML: /)
    expect(brief(frontMatter('title: a\n  nested: : b'))[0]?.slice(0, 2)).toEqual(['front-matter-yaml', 'error'])
  })

  it('reports an unclosed front matter block', () => {
    const found = checkPost({ text: '---\ntitle: x\n\n# Post\n', relPath: 'p.md', files }).filter((d) => d.rule === 'front-matter-yaml')
    expect(brief(found)).toEqual([['front-matter-yaml', 'error', 1]])
  })

  it('calls a post without a date a draft (info), never an error', () => {
    expect(brief(frontMatter('blogpost: true\ntags: a, b, c'))).toEqual([['front-matter-draft', 'info', 1]])
    expect(brief(frontMatter('title: x\ndate:'))).toEqual([['front-matter-draft', 'info', 3]])
    expect(brief(checkPost({ text: '# Post\n', relPath: 'p.md', files }).filter((d) => d.rule.startsWith('front-matter')))).toEqual([['front-matter-draft', 'info', 1]])
  })

  it('accepts the dates each generator reads', () => {
    for (const date of ['2026-07-20', 'Jul 20, 2026', 'July 20, 2026', '20 July 2026', 'Sept 1, 2026', '2026/07/20']) {
      expect(frontMatter(`blogpost: true\ndate: ${date}\ntags: a, b`), date).toEqual([])
    }
    for (const generator of ['jekyll', 'hugo', 'auto'] as const) {
      for (const date of ['2026-07-20', '2026-07-20 10:30:00 +0200', '2026-07-20T10:30:00Z', '"2026-07-20"']) {
        expect(frontMatter(`date: ${date}\ntags: [a, b]`, generator), `${generator} ${date}`).toEqual([])
      }
    }
  })

  it('reports dates the generator cannot read, with a fix to ISO where the date is clear', () => {
    expect(brief(frontMatter('date: 2026-02-30'))).toEqual([['front-matter-date', 'error', 2]])
    expect(brief(frontMatter('blogpost: true\ndate: next Tuesday'))).toEqual([['front-matter-date', 'error', 3]])
    expect(frontMatter('blogpost: true\ndate: Jul 32, 2026')[0]?.message).toBe('ABlog cannot read the date “Jul 32, 2026”: use a date like 2026-07-20 or Jul 20, 2026')
    const jekyll = frontMatter('title: Trip\ndate: Jul 20, 2026', 'jekyll')
    expect(jekyll.map((d) => [d.line, d.message, d.fix?.label])).toEqual([[3, 'Jekyll cannot read the date “Jul 20, 2026”: use an ISO date like 2026-07-20', 'Write it as 2026-07-20']])
    const text = '---\ntitle: Trip\ndate: Jul 20, 2026\n---\n\n# Post\n'
    const d = checkPost({ text, relPath: 'p.md', files, options: { generator: 'hugo' } }).find((x) => x.rule === 'front-matter-date') as Diagnostic
    const fixed = applyFix(text, d)
    expect(fixed).toBe('---\ntitle: Trip\ndate: 2026-07-20\n---\n\n# Post\n')
    expect(checkPost({ text: fixed, relPath: 'p.md', files, options: { generator: 'hugo' } }).filter((x) => x.rule.startsWith('front-matter'))).toEqual([])
  })

  it('accepts tags as a list or comma-separated text, and reports anything else', () => {
    expect(frontMatter('date: 2026-07-20\ntags: a, b, c')).toEqual([])
    expect(frontMatter('date: 2026-07-20\ntags: [a, b]')).toEqual([])
    expect(frontMatter('date: 2026-07-20\ntags:\n  - a\n  - 2026')).toEqual([])
    expect(brief(frontMatter('date: 2026-07-20\ntags:\n  a: b'))).toEqual([['front-matter-tags', 'error', 3]])
    expect(brief(frontMatter('date: 2026-07-20\ntags: [[a], b]'))).toEqual([['front-matter-tags', 'error', 3]])
  })

  it('offers Hugo and Jekyll users a YAML list for comma-separated tags', () => {
    const text = '---\ndate: 2026-07-20\ntags: python, "django", big data\n---\n\n# Post\n'
    const hugo = checkPost({ text, relPath: 'p.md', files, options: { generator: 'hugo' } }).filter((d) => d.rule === 'front-matter-tags')
    expect(hugo.map((d) => [d.severity, d.line, d.message])).toEqual([['warning', 3, 'Hugo reads tags only as a list']])
    expect(applyFix(text, hugo[0] as Diagnostic)).toContain('tags: [python, "\\"django\\"", big data]\n')
    expect(checkPost({ text, relPath: 'p.md', files, options: { generator: 'ablog' } }).filter((d) => d.rule === 'front-matter-tags')).toEqual([])
  })
})
