import { describe, expect, test } from 'vitest'
import type { PostSummary } from '../../common/api'
import { autoSaveModes, type AutoSaveMode } from '../../common/settings'
import { shouldAutoSave, type AutoSaveCandidate, type AutoSaveTrigger } from '../../renderer/src/posts/autosave'
import { withDeletedPosts } from '../../renderer/src/posts/deleted-posts'
import { serialQueue } from '../../renderer/src/posts/serial-queue'

const edited: AutoSaveCandidate = { unsaved: true, deletedOnDisk: false, saveProblem: false }
const triggers: AutoSaveTrigger[] = ['typingStopped', 'focusLost', 'postSwitched']

describe('shouldAutoSave', () => {
  test('each mode saves on its own triggers only (as VS Code’s files.autoSave)', () => {
    const table = Object.fromEntries(autoSaveModes.map((mode) => [mode, triggers.filter((t) => shouldAutoSave(mode, t, edited))]))
    expect(table).toEqual({ off: [], afterDelay: ['typingStopped'], onFocusChange: ['focusLost', 'postSwitched'] })
  })

  test('never a post without unsaved text, one deleted on disk, or one whose save met a problem', () => {
    const cases: AutoSaveCandidate[] = [
      { ...edited, unsaved: false },
      { ...edited, deletedOnDisk: true },
      { ...edited, saveProblem: true }
    ]
    for (const mode of autoSaveModes as readonly AutoSaveMode[]) for (const t of triggers) for (const post of cases) expect(shouldAutoSave(mode, t, post)).toBe(false)
  })
})

describe('withDeletedPosts', () => {
  const summary = (relPath: string, title: string): PostSummary => ({ relPath, title, date: null, category: null, tags: [], mtimeMs: 1, problem: null })
  const listed = [summary('a.md', 'A'), summary('b.md', 'B')]

  test('adds an open post whose file is gone, once, after the listed posts', () => {
    expect(withDeletedPosts(listed, new Map([['gone.md', summary('gone.md', 'Gone')]])).map((p) => p.relPath)).toEqual(['a.md', 'b.md', 'gone.md'])
  })

  test('a post the folder lists again (its file is back) is not listed twice', () => {
    const merged = withDeletedPosts(listed, new Map([['b.md', summary('b.md', 'B as edited')]]))
    expect(merged.map((p) => p.title)).toEqual(['A', 'B'])
  })

  test('no deleted posts: the list as the main side sent it', () => {
    expect(withDeletedPosts(listed, new Map())).toBe(listed)
  })
})

describe('serialQueue', () => {
  test('one key’s tasks run one after the other, even when one fails; other keys do not wait', async () => {
    const queue = serialQueue<string>()
    const log: string[] = []
    const task = (name: string, ms: number, fail = false) => () =>
      new Promise<string>((done, reject) => {
        log.push(`start ${name}`)
        setTimeout(() => (log.push(`end ${name}`), fail ? reject(new Error(name)) : done(name)), ms)
      })
    const results = Promise.allSettled([queue('a.md', task('a1', 30, true)), queue('a.md', task('a2', 5)), queue('b.md', task('b1', 5))])
    expect((await results).map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled'])
    expect(log).toEqual(['start a1', 'start b1', 'end b1', 'end a1', 'start a2', 'end a2'])
  })
})
