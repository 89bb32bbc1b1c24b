import { describe, expect, test } from 'vitest'
import { decodeCallError, encodeCallError, errorCodes } from '../../common/api'
import { describeFsError, fsProblem, shortenPath, toUserError, UserError, withoutAbsolutePaths } from '../../common/errors'

const errno = (code: string, path?: string) => Object.assign(new Error(`${code}: something, open '${path ?? '/x'}'`), { code, path })

describe('shortenPath', () => {
  test('a short path is kept as it is', () => expect(shortenPath('posts/trip.md')).toBe('posts/trip.md'))
  test('a long one is cut in the middle, keeping the file name', () => {
    const long = `posts/${'a'.repeat(4000)}/final-day.md`
    const short = shortenPath(long)
    expect(Array.from(short)).toHaveLength(60)
    expect(short.startsWith('posts/aaa')).toBe(true)
    expect(short.endsWith('aaa/final-day.md')).toBe(true)
    expect(short).toContain('…')
  })
  test('exactly at the limit nothing is cut', () => expect(shortenPath('a'.repeat(60))).toBe('a'.repeat(60)))
  test('the limit can be chosen', () => expect(shortenPath('abcdefghij', 5)).toBe('a…hij'))
  test('never splits an emoji in two', () => {
    const short = shortenPath('😀'.repeat(100), 9)
    expect(short).toBe(`${'😀'.repeat(3)}…${'😀'.repeat(5)}`)
    expect(encodeURIComponent(short)).toBeTruthy() // throws on a lone surrogate
  })
})

describe('describeFsError and fsProblem', () => {
  test.each([
    ['ENOSPC', 'disk-full', 'the disk is full'],
    ['EDQUOT', 'disk-full', 'the disk is full (your quota is used up)'],
    ['EACCES', 'permission', 'permission denied'],
    ['EPERM', 'permission', 'permission denied'],
    ['EROFS', 'permission', 'the disk is read-only'],
    ['ENOENT', 'not-found', 'the file or folder does not exist'],
    ['ENAMETOOLONG', 'invalid', 'the name is too long'],
    ['EISDIR', 'special-file', 'a folder has that name'],
    ['ENXIO', 'special-file', 'it is not a regular file'],
    ['EEXIST', 'exists', 'a file with that name already exists'],
    ['EBUSY', 'busy', 'another program is using the file'],
    ['ERR_FS_FILE_TOO_LARGE', 'too-large', 'the file is over 2 GB, more than Folio can open']
  ])('%s: %s, “%s”', (code, kind, words) => {
    expect(describeFsError(errno(code))).toBe(words)
    expect(fsProblem(errno(code))).toEqual({ code: kind, words })
  })
  test('an unknown code keeps the message, without the errno prefix or the absolute path', () => {
    expect(describeFsError(errno('EWEIRD', '/home/me/blog/post.md'))).toBe("something, open 'post.md'")
  })
  test('not an error at all', () => expect(describeFsError('plain text')).toBe('plain text'))
})

describe('withoutAbsolutePaths', () => {
  test.each([
    ["open '/home/me/blog/post.md'", "open 'post.md'"],
    ['at C:\\Users\\me\\blog\\post.md now', 'at post.md now'],
    ['share \\\\server\\blog\\post.md', 'share post.md'],
    ['relative posts/trip.md stays', 'relative posts/trip.md stays'],
    ['a fraction 1/2 stays', 'a fraction 1/2 stays']
  ])('%s', (input, output) => expect(withoutAbsolutePaths(input)).toBe(output))
})

describe('toUserError', () => {
  test('a UserError is itself', () => {
    const error = new UserError('a.md is read-only.', 'read-only')
    expect(toUserError(error)).toBe(error)
  })
  test('UserError’s code defaults to failed, so existing calls keep working', () => expect(new UserError('x').code).toBe('failed'))
  test('an errno error names the action and the relative path, shortened', () => {
    const error = toUserError(errno('ENAMETOOLONG', `/home/me/${'a'.repeat(4000)}.md`), { action: 'open', path: `${'a'.repeat(4000)}.md` })
    expect(error.code).toBe('invalid')
    expect(error.message).toMatch(/^Could not open a{23}…a{33}\.md: the name is too long\.$/)
  })
  test('an error that is not an Error', () => expect(toUserError(42, { action: 'save', path: 'a.md' }).message).toBe('Could not save a.md: 42.'))
  test('a multi-line message keeps its first line, and a long one is cut', () => {
    expect(toUserError(new Error('first\nsecond')).message).toBe('Could not finish that: first.')
    expect(toUserError(new Error('x'.repeat(500))).message.length).toBeLessThan(240)
  })
})

describe('the code crosses the transport inside the message', () => {
  test.each(errorCodes)('%s round-trips', (code) => {
    expect(decodeCallError(encodeCallError({ code, message: 'It failed: “x”.\nSecond line.' }))).toEqual({ code, message: 'It failed: “x”.\nSecond line.' })
  })
  test('…even with a prefix a transport added', () => {
    expect(decodeCallError(`Error invoking remote method: Error: ${encodeCallError({ code: 'conflict', message: 'm' })}`)).toEqual({ code: 'conflict', message: 'm' })
  })
  test('a message without a code is failed, as it is', () => expect(decodeCallError('Something broke')).toEqual({ code: 'failed', message: 'Something broke' }))
  test('an unknown code is not trusted', () => expect(decodeCallError('[folio:nonsense] m')).toEqual({ code: 'failed', message: '[folio:nonsense] m' }))
})
