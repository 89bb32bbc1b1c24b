import { describe, expect, it } from 'vitest'
import { frontMatterEdit, readFrontMatter, tagsOf } from '../../common/frontmatter'
import { headingsOf, sectionAt } from '../../common/outline'
import { parseMarkdown } from '../../common/markdown/parse'
import { summarizePost } from '../../common/posts'

const apply = (text: string, edit: { from: number; to: number; insert: string } | null) => (edit ? text.slice(0, edit.from) + edit.insert + text.slice(edit.to) : text)

describe('front matter', () => {
  it('reads ABlog-style keys, comma tags and YAML lists', () => {
    const fm = readFrontMatter('---\nblogpost: true\ntags: python, django , community\n---\nBody')
    expect(fm.data.blogpost).toBe(true)
    expect(tagsOf(fm.data)).toEqual(['python', 'django', 'community'])
    expect(tagsOf(readFrontMatter('---\ntags:\n  - a\n  - b\n---\n').data)).toEqual(['a', 'b'])
    expect(readFrontMatter('No front matter').length).toBe(0)
  })

  it('reports malformed YAML with its line, without throwing', () => {
    const fm = readFrontMatter('---\ntitle: ok\ntags: [unclosed\n---\nBody')
    expect(fm.error).toMatch(/^front matter line \d+/)
    expect(fm.data).toEqual({})
  })

  it('edits one key and keeps other keys, their order and comments', () => {
    const text = '---\n# drafted on the train\nblogpost: true\ntitle: Old # keep me\ntags: a, b\n---\n\nBody\n'
    const out = apply(text, frontMatterEdit(text, 'title', 'New Title'))
    expect(out).toBe('---\n# drafted on the train\nblogpost: true\ntitle: New Title # keep me\ntags: a, b\n---\n\nBody\n')
    const removed = apply(out, frontMatterEdit(out, 'tags', ''))
    expect(removed).toBe('---\n# drafted on the train\nblogpost: true\ntitle: New Title # keep me\n---\n\nBody\n')
    const dated = apply(removed, frontMatterEdit(removed, 'date', 'Jul 20, 2026'))
    expect(readFrontMatter(dated).data.date).toBe('Jul 20, 2026')
  })

  it('keeps YAML types and quotes strings that would change type', () => {
    const text = '---\ntitle: x\n---\n'
    expect(apply(text, frontMatterEdit(text, 'title', 'true'))).toBe('---\ntitle: "true"\n---\n')
  })

  it('adds a block to a post without one and never rewrites malformed YAML', () => {
    expect(apply('# Hi\n', frontMatterEdit('# Hi\n', 'title', 'Hi'))).toBe('---\ntitle: Hi\n---\n\n# Hi\n')
    expect(frontMatterEdit('---\na: [\n---\n', 'title', 'x')).toBeNull()
  })
})

describe('outline and post summary', () => {
  const post = '---\ntitle: From Front Matter\n---\n\n# Heading Title\n\n## Intro\n\n<!-- check dates -->\n\n### Intro\n\n## Intro\n'

  it('lists headings with GitHub slugs, lines and the notes of each section', () => {
    const headings = headingsOf(parseMarkdown(post))
    expect(headings.map((h) => [h.depth, h.slug, h.line])).toEqual([
      [1, 'heading-title', 5],
      [2, 'intro', 7],
      [3, 'intro-1', 11],
      [2, 'intro-2', 13]
    ])
    expect(headings[1]!.notes).toEqual([{ text: 'check dates', line: 9 }])
    expect(sectionAt(headings, 12)?.slug).toBe('intro-1')
    expect(sectionAt(headings, 2)).toBeUndefined()
    // On every line, the last heading at or above it.
    for (let line = 1; line <= 20; line++) expect(sectionAt(headings, line)).toBe(headings.filter((h) => h.line <= line).at(-1))
  })

  it('titles a post from front matter, else its first heading, else its file name', () => {
    expect(summarizePost('a.md', post, 1).title).toBe('From Front Matter')
    expect(summarizePost('a.md', '# Only Heading\n', 1).title).toBe('Only Heading')
    expect(summarizePost('notes/untitled-idea.md', 'just text', 1).title).toBe('untitled-idea')
    expect(summarizePost('a.md', '---\ndate: Jul 20, 2026\ncategory: Travel\n---\n', 1)).toMatchObject({ date: 'Jul 20, 2026', category: 'Travel', problem: null })
    expect(summarizePost('a.md', '---\n: [\n---\n', 1).problem).toMatch(/front matter/)
  })
})
