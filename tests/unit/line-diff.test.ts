import { describe, expect, test } from 'vitest'
import { diffCounts, foldUnchanged, lineDiff, type DiffLine } from '../../common/line-diff'

/** Renders a diff the way `diff -u` marks lines, for exact comparisons. */
const marks = (lines: DiffLine[]) => lines.map((l) => `${l.kind === 'add' ? '+' : l.kind === 'del' ? '-' : ' '}${l.text}`)

/** Applying a diff's kept and added lines gives the new text; kept and removed, the old. */
const sides = (lines: DiffLine[]) => ({
  before: lines.filter((l) => l.kind !== 'add').map((l) => l.text).join('\n'),
  after: lines.filter((l) => l.kind !== 'del').map((l) => l.text).join('\n')
})

describe('lineDiff', () => {
  test('equal texts are all unchanged lines, numbered on both sides', () => {
    expect(lineDiff('a\nb', 'a\nb')).toEqual([
      { kind: 'same', text: 'a', oldLine: 1, newLine: 1 },
      { kind: 'same', text: 'b', oldLine: 2, newLine: 2 }
    ])
  })

  test('a line typed at the end is one added line', () => {
    expect(marks(lineDiff('# Post\n\nText.\n', '# Post\n\nText.\n\nTyped before the crash.'))).toEqual([' # Post', ' ', ' Text.', ' ', '+Typed before the crash.'])
  })

  test('a changed line in the middle is removed then added, with each side numbered', () => {
    const diff = lineDiff('one\ntwo\nthree', 'one\n2\nthree')
    expect(marks(diff)).toEqual([' one', '-two', '+2', ' three'])
    expect(diff[1]).toEqual({ kind: 'del', text: 'two', oldLine: 2 })
    expect(diff[2]).toEqual({ kind: 'add', text: '2', newLine: 2 })
    expect(diff[3]).toMatchObject({ oldLine: 3, newLine: 3 })
  })

  test('finds the shortest edit (the classic ABCABBA / CBABAC example: 5 edits)', () => {
    const diff = lineDiff('A\nB\nC\nA\nB\nB\nA', 'C\nB\nA\nB\nA\nC')
    expect(diffCounts(diff)).toEqual({ added: 2, removed: 3 })
    expect(sides(diff)).toEqual({ before: 'A\nB\nC\nA\nB\nB\nA', after: 'C\nB\nA\nB\nA\nC' })
  })

  test('from and to an empty text', () => {
    expect(marks(lineDiff('', 'a\nb'))).toEqual(['-', '+a', '+b'])
    expect(marks(lineDiff('a', ''))).toEqual(['-a', '+'])
  })

  test('past the edit limit the middle shows as one removed and one added block, still exact', () => {
    const before = Array.from({ length: 40 }, (_, i) => `old ${i}`).join('\n')
    const after = Array.from({ length: 40 }, (_, i) => `new ${i}`).join('\n')
    const diff = lineDiff(`top\n${before}\nend`, `top\n${after}\nend`, 10)
    expect(marks(diff).slice(0, 3)).toEqual([' top', '-old 0', '-old 1'])
    expect(diffCounts(diff)).toEqual({ added: 40, removed: 40 })
    expect(sides(diff)).toEqual({ before: `top\n${before}\nend`, after: `top\n${after}\nend` })
  })

  test('random edits always diff back to both texts', () => {
    let seed = 7
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n
    for (let round = 0; round < 200; round++) {
      const a = Array.from({ length: rand(12) }, () => 'abcd'[rand(4)]!).join('\n')
      const b = Array.from({ length: rand(12) }, () => 'abcd'[rand(4)]!).join('\n')
      expect(sides(lineDiff(a, b))).toEqual({ before: a, after: b })
    }
  })
})

describe('foldUnchanged', () => {
  const text = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`)
  test('keeps context lines around a change and folds the rest', () => {
    const changed = [...text]
    changed[9] = 'line ten'
    const folded = foldUnchanged(lineDiff(text.join('\n'), changed.join('\n')), 2)
    expect(folded.map((l) => (l.kind === 'skip' ? `… ${l.count}` : `${l.kind} ${l.text}`))).toEqual([
      '… 7',
      'same line 8',
      'same line 9',
      'del line 10',
      'add line ten',
      'same line 11',
      'same line 12',
      '… 8'
    ])
  })

  test('no change: everything is one fold', () => {
    expect(foldUnchanged(lineDiff(text.join('\n'), text.join('\n')))).toEqual([{ kind: 'skip', count: 20 }])
  })
})
