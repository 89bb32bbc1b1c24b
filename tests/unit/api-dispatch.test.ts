import { describe, expect, test, vi } from 'vitest'
import { callNames, type Handlers } from '../../common/api'
import { dispatchCall } from '../../electron/services/dispatch'
import { UserError } from '../../common/errors'

/** A handler table whose every handler records that it ran; nothing invalid may reach one. */
function spyHandlers() {
  const ran = vi.fn()
  const handlers = Object.fromEntries(
    callNames.map((name) => [
      name,
      async (...args: unknown[]) => {
        ran(name, args)
        return 'ran'
      }
    ])
  ) as unknown as Handlers
  return { handlers, ran }
}

const save = { text: 'x', expectedMtimeMs: 1 }

describe('dispatchCall refuses bad calls before any handler runs', () => {
  const bad: [string, string, unknown[], RegExp][] = [
    ['unknown call', 'deleteEverything', [], /unknown call/],
    ['__proto__', '__proto__', [], /unknown call/],
    ['constructor', 'constructor', [], /unknown call/],
    ['toString', 'toString', [], /unknown call/],
    ['hasOwnProperty', 'hasOwnProperty', ['readPost'], /unknown call/],
    ['empty name', '', [], /unknown call/],
    ['wrong type: number as path', 'readPost', [42], /invalid arguments for readPost/],
    ['wrong type: object as path', 'readPost', [{ toString: () => 'a.md' }], /invalid arguments/],
    ['missing argument', 'readPost', [], /invalid arguments/],
    ['extra argument', 'readPost', ['a.md', 'b.md'], /invalid arguments/],
    ['empty path', 'readPost', [''], /invalid arguments/],
    ['../ path', 'readPost', ['../secret.md'], /relative to the opened folder/],
    ['../ in the middle', 'readPost', ['posts/../../secret.md'], /relative to the opened folder/],
    ['..\\ path', 'readPost', ['posts\\..\\..\\secret.md'], /relative to the opened folder/],
    ['absolute POSIX path', 'readPost', ['/etc/passwd'], /relative to the opened folder/],
    ['absolute Windows path', 'readPost', ['C:\\Windows\\win.ini'], /relative to the opened folder/],
    ['UNC path', 'readPost', ['\\\\server\\share\\x.md'], /relative to the opened folder/],
    ['NUL byte in path', 'readPost', ['a.md\0.png'], /relative to the opened folder/],
    ['save: text not a string', 'savePost', ['a.md', { text: 1, expectedMtimeMs: 1 }], /invalid arguments/],
    ['save: mtime as string', 'savePost', ['a.md', { text: 'x', expectedMtimeMs: '1' }], /invalid arguments/],
    ['save: unknown encoding', 'savePost', ['a.md', { ...save, encoding: 'ebcdic' }], /invalid arguments/],
    ['save: ../ path', 'savePost', ['../a.md', save], /relative to the opened folder/],
    ['recovery: ../ path', 'storeRecovery', ['../a.md', 'text'], /relative to the opened folder/],
    ['recovery: text not a string', 'storeRecovery', ['a.md', 5], /invalid arguments/],
    ['discard: absolute path', 'discardRecovery', ['/tmp/a.md'], /relative to the opened folder/],
    ['setDirty: not a boolean', 'setDirty', ['yes'], /invalid arguments/],
    ['setDirty: ../ post', 'setDirty', [true, '../a.md'], /relative to the opened folder/],
    ['openExternal: not a URL', 'openExternal', ['javascript alert(1)'], /invalid arguments/],
    ['createPost: blank title', 'createPost', ['   '], /invalid arguments/]
  ]
  for (const [label, name, args, message] of bad) {
    test(label, async () => {
      const { handlers, ran } = spyHandlers()
      const reply = await dispatchCall(handlers, name, args)
      expect(reply.ok).toBe(false)
      expect(reply.ok ? '' : reply.error.message).toMatch(message)
      expect(reply.ok ? '' : reply.error.code).toBe('invalid')
      expect(ran).not.toHaveBeenCalled()
    })
  }
})

describe('dispatchCall passes good calls through, cleaned', () => {
  test('a valid call reaches its handler', async () => {
    const { handlers, ran } = spyHandlers()
    expect(await dispatchCall(handlers, 'readPost', ['posts/a b.md'])).toEqual({ ok: true, value: 'ran' })
    expect(ran).toHaveBeenCalledWith('readPost', ['posts/a b.md'])
  })

  test('unknown keys (including __proto__) are dropped from object arguments', async () => {
    const { handlers, ran } = spyHandlers()
    const options = JSON.parse('{"text":"x","expectedMtimeMs":1,"__proto__":{"polluted":true},"extra":1}') as object
    expect((await dispatchCall(handlers, 'savePost', ['a.md', options])).ok).toBe(true)
    const passed = ran.mock.calls[0]?.[1] as unknown[]
    expect(passed[1]).toEqual({ text: 'x', expectedMtimeMs: 1 })
    expect(Object.hasOwn(passed[1] as object, '__proto__')).toBe(false)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  test('a handler error comes back as a coded message, not a throw', async () => {
    const handlers = { ...spyHandlers().handlers, readPost: async () => Promise.reject(new Error('nope')) } as Handlers
    expect(await dispatchCall(handlers, 'readPost', ['a.md'])).toEqual({ ok: false, error: { code: 'failed', message: 'Could not finish that: nope.' } })
  })

  test('a UserError keeps its code and message', async () => {
    const handlers = { ...spyHandlers().handlers, savePost: async () => Promise.reject(new UserError('a.md is read-only.', 'read-only')) } as Handlers
    expect(await dispatchCall(handlers, 'savePost', ['a.md', save])).toEqual({ ok: false, error: { code: 'read-only', message: 'a.md is read-only.' } })
  })

  test('a raw Node error becomes words: no errno code, no absolute path', async () => {
    const path = `/home/someone/blog/${'a'.repeat(4000)}.md`
    const raw = Object.assign(new Error(`ENAMETOOLONG: name too long, realpath '${path}'`), { code: 'ENAMETOOLONG', path, syscall: 'realpath' })
    const handlers = { ...spyHandlers().handlers, readPost: async () => Promise.reject(raw) } as Handlers
    expect(await dispatchCall(handlers, 'readPost', ['a.md'])).toEqual({ ok: false, error: { code: 'invalid', message: 'Could not finish that: the name is too long.' } })
  })

  test('an unknown error keeps its words, without the absolute paths in them', async () => {
    const handlers = { ...spyHandlers().handlers, readPost: async () => Promise.reject(new Error("sharp: cannot open '/home/someone/blog/x-images/a.png'")) } as Handlers
    const reply = await dispatchCall(handlers, 'readPost', ['a.md'])
    expect(reply).toEqual({ ok: false, error: { code: 'failed', message: "Could not finish that: sharp: cannot open 'a.png'." } })
  })

  test('the recovery and close calls are part of the contract', () => {
    expect(callNames).toEqual(expect.arrayContaining(['storeRecovery', 'listRecoveries', 'discardRecovery', 'setDirty']))
  })
})
