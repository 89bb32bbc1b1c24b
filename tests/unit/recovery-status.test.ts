import { describe, expect, test } from 'vitest'
import { copyState, formatWhen, keptFor } from '../../renderer/src/recovery/recovery-status'

const day = 24 * 60 * 60 * 1000

describe('copyState', () => {
  test('a copy of a post no longer on disk', () => {
    expect(copyState({ relPath: 'a.md', text: 'x', savedAt: 1000 })).toBe('gone')
  })
  test('a file changed after the copy was kept', () => {
    expect(copyState({ relPath: 'a.md', text: 'x', savedAt: 1000, diskText: 'y', diskMtimeMs: 60_000 })).toBe('changed')
  })
  test('a copy kept after the last change on disk (a second of clock slack)', () => {
    expect(copyState({ relPath: 'a.md', text: 'x', savedAt: 60_000, diskText: 'y', diskMtimeMs: 1000 })).toBe('unsaved')
    expect(copyState({ relPath: 'a.md', text: 'x', savedAt: 60_000, diskText: 'y', diskMtimeMs: 60_500 })).toBe('unsaved')
  })
})

describe('formatWhen', () => {
  const now = new Date(2026, 4, 14, 15, 0).getTime()
  test('today, yesterday, another day, another year', () => {
    expect(formatWhen(new Date(2026, 4, 14, 10, 42).getTime(), now, 'en-GB')).toBe('today at 10:42')
    expect(formatWhen(new Date(2026, 4, 13, 9, 3).getTime(), now, 'en-GB')).toBe('yesterday at 09:03')
    expect(formatWhen(new Date(2026, 4, 2, 18, 20).getTime(), now, 'en-GB')).toBe('2 May at 18:20')
    expect(formatWhen(new Date(2025, 11, 31, 8, 0).getTime(), now, 'en-GB')).toBe('31 Dec 2025 at 08:00')
  })
})

describe('keptFor', () => {
  const at = Date.UTC(2026, 4, 1)
  test('counts down the 14 days', () => {
    expect(keptFor({ discardedAt: at }, at + 60_000)).toBe('kept 13 more days')
    expect(keptFor({ discardedAt: at }, at + 12.5 * day)).toBe('kept until tomorrow')
    expect(keptFor({ discardedAt: at }, at + 13.5 * day)).toBe('deleted soon')
  })
})
