import { describe, expect, it } from 'vitest'
import { lineForOffset, offsetForLine } from '../../renderer/src/scroll-sync'
import { textStats } from '../../renderer/src/stats'
import { filterPosts, sortPosts } from '../../renderer/src/post-filter'
import type { PostSummary } from '../../common/api'

describe('scroll sync by source position', () => {
  const anchors = [
    { line: 1, top: 0 },
    { line: 10, top: 400 },
    { line: 20, top: 1400 }
  ]
  const end = { line: 31, top: 2000 }
  it('maps lines to preview offsets, interpolating inside a block', () => {
    expect(offsetForLine(anchors, 10, end)).toBe(400)
    expect(offsetForLine(anchors, 15, end)).toBe(900)
    expect(offsetForLine(anchors, 31, end)).toBe(2000)
  })
  it('maps preview offsets back to the same lines', () => {
    for (const line of [1, 5.5, 10, 15, 25]) expect(lineForOffset(anchors, offsetForLine(anchors, line, end), end)).toBeCloseTo(line)
  })
})

describe('status bar statistics', () => {
  it('counts words of the body, not front matter, notes or image links', () => {
    const stats = textStats('---\ntitle: Not Counted\n---\n# Hello world\n\n<!-- not counted -->\n![alt words](x.jpg) It’s a well-known [link text](https://x.y).')
    expect(stats.words).toBe(7)
    expect(stats.readingMinutes).toBe(1)
    expect(textStats('').words).toBe(0)
    expect(textStats('word '.repeat(2300)).readingMinutes).toBe(10)
  })
})

describe('post list', () => {
  const post = (title: string, date: string | null, tags: string[] = [], category: string | null = null): PostSummary => ({ relPath: `${title}.md`, title, date, category, tags, mtimeMs: 0, problem: null })
  const posts = [post('Older', 'Jun 1, 2025', ['python']), post('Draft', null, [], 'Travel'), post('Newer', '2026-07-20', ['python', 'django'])]
  it('sorts drafts first, then newest', () => {
    expect(sortPosts(posts, 'date').map((p) => p.title)).toEqual(['Draft', 'Newer', 'Older'])
    expect(sortPosts(posts, 'title').map((p) => p.title)).toEqual(['Draft', 'Newer', 'Older'])
  })
  it('filters by words, #tag and @category', () => {
    expect(filterPosts(posts, '#django').map((p) => p.title)).toEqual(['Newer'])
    expect(filterPosts(posts, '@travel').map((p) => p.title)).toEqual(['Draft'])
    expect(filterPosts(posts, 'old').map((p) => p.title)).toEqual(['Older'])
    expect(filterPosts(posts, '#python new').map((p) => p.title)).toEqual(['Newer'])
  })
})
