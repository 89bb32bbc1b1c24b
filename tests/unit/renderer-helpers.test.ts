import { describe, expect, it } from 'vitest'
import { anchorList, lineForOffset, offsetForLine, type Anchor } from '../../renderer/src/scroll-sync'
import { textStats } from '../../renderer/src/stats'
import { filterPosts, sortPosts } from '../../renderer/src/post-filter'
import type { PostSummary } from '../../common/api'

describe('scroll sync by source position', () => {
  const anchors = anchorList([
    { line: 1, top: 0 },
    { line: 10, top: 400 },
    { line: 20, top: 1400 }
  ])
  const end = { line: 31, top: 2000 }
  it('maps lines to preview offsets, interpolating inside a block', () => {
    expect(offsetForLine(anchors, 10, end)).toBe(400)
    expect(offsetForLine(anchors, 15, end)).toBe(900)
    expect(offsetForLine(anchors, 31, end)).toBe(2000)
  })
  it('maps preview offsets back to the same lines', () => {
    for (const line of [1, 5.5, 10, 15, 25]) expect(lineForOffset(anchors, offsetForLine(anchors, line, end), end)).toBeCloseTo(line)
  })
  it('reads only a few anchors of a long preview, with the answers of a full scan', () => {
    const list: Anchor[] = Array.from({ length: 10_000 }, (_, i) => ({ line: 3 + i * 2, top: 10 + i * 37 + (i % 7) * 5 }))
    const far = { line: 30_000, top: 400_000 }
    let reads = 0
    const counted = { count: list.length, line: (i: number) => (reads++, list[i]!.line), top: (i: number) => (reads++, list[i]!.top) }
    // The answers of a plain scan for the block before and after.
    const scan = (key: 'line' | 'top', value: number) => {
      const after = list.findIndex((anchor) => anchor[key] > value)
      const i = after < 0 ? list.length - 1 : after - 1
      return [i < 0 ? { line: 1, top: 0 } : list[i]!, list[i + 1] ?? far] as const
    }
    for (const line of [1, 2, 3, 4.5, 777.25, 19_999, 20_001, 29_000]) {
      const [before, after] = scan('line', line)
      const expected = after.line > before.line ? before.top + ((line - before.line) / (after.line - before.line)) * (after.top - before.top) : before.top
      reads = 0
      expect(offsetForLine(counted, line, far)).toBeCloseTo(expected)
      expect(reads).toBeLessThan(40)
    }
    for (const offset of [0, 9, 10, 12_345.5, 369_000, 399_999]) {
      const [before, after] = scan('top', offset)
      const expected = after.top > before.top ? before.line + ((offset - before.top) / (after.top - before.top)) * (after.line - before.line) : before.line
      reads = 0
      expect(lineForOffset(counted, offset, far)).toBeCloseTo(expected)
      expect(reads).toBeLessThan(40)
    }
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
