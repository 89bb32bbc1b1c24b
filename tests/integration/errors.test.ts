import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { CallReply } from '../../common/api'
import { dispatchCall } from '../../electron/services/dispatch'
import { createFolioService, type FolioService } from '../../electron/services/handlers'
import { injectFsError, tempFolder } from './fs-helpers'

/**
 * Errors as the user reads them: every failed call answers with a code and one short
 * sentence in plain words, naming files relative to the opened folder (shortened in the
 * middle when long), never an absolute path and never a bare errno code.
 */
let root: string
let cleanup: () => Promise<void>
let service: FolioService
const restores: (() => void)[] = []

beforeEach(async () => {
  ;({ dir: root, cleanup } = await tempFolder('folio-errors-'))
  await writeFile(join(root, 'trip.md'), '# Trip\n')
  service = createFolioService({
    pickFolder: async () => null,
    pickImages: async () => [],
    pickExportPath: async () => join(root, 'out.html'),
    trash: async () => undefined,
    openExternal: async () => undefined,
    emit: () => undefined,
    dataDir: join(root, '.data')
  })
  await service.open(root)
})
afterEach(async () => {
  while (restores.length) restores.pop()!()
  await service.dispose()
  await cleanup()
})

const call = (name: string, ...args: unknown[]) => dispatchCall(service.handlers, name, args)

/** The failure of a reply, checked to read as a sentence a writer understands. */
function plainFailure(reply: CallReply): { code: string; message: string } {
  expect(reply.ok, 'the call was expected to fail').toBe(false)
  const { error } = reply as { ok: false; error: { code: string; message: string } }
  expect(typeof error.code).toBe('string')
  expect(error.message).not.toContain(root)
  expect(error.message).not.toMatch(/(^|[\s'"(])\/(tmp|home|Users|var|private)\//)
  expect(error.message).not.toMatch(/\bE[A-Z]{3,}\b/) // ENOENT, ENAMETOOLONG, EACCES...
  expect(error.message.length).toBeLessThan(240)
  expect(error.message).toMatch(/^[A-Z0-9“"a-z].*[.!?]$/s)
  return error
}

const longName = `${'a'.repeat(3997)}.md` // 4,000 characters, inside the contract's 4,096
const deepName = `${Array.from({ length: 20 }, (_, i) => `${String(i).padStart(2, '0')}${'d'.repeat(198)}`).join('/')}/post.md`

describe('a 4,000-character post name', () => {
  test('readPost: a short sentence, the name shortened in the middle', async () => {
    const error = plainFailure(await call('readPost', longName))
    expect(error.message).toMatch(/the name is too long/)
    expect(error.message).toMatch(/^Could not open aaaa+…a+\.md: the name is too long\.$/)
    expect(error.code).toBe('invalid')
  })

  test.each([
    ['readPost', [longName]],
    ['readPost', [deepName]],
    ['savePost', [longName, { text: '# x\n', expectedMtimeMs: null }]],
    ['savePost', [deepName, { text: '# x\n', expectedMtimeMs: null }]],
    ['renamePost', [longName, 'other']],
    ['deletePost', [longName]],
    ['listImages', [longName]],
    ['imageSizes', [longName, '![x](a.png)']],
    ['imageThumbnail', [longName, 'a.png']],
    ['renameImage', [longName, 'a.png', 'b']],
    ['deleteImage', [longName, 'a.png']],
    ['exportHtml', [longName, { singleFile: true }]],
    ['importImages', [longName, [{ kind: 'bytes', name: 'a.png', bytes: new Uint8Array([1]) }], { heading: null }]],
    ['storeRecovery', [deepName, 'text']]
  ])('%s answers in plain words, when it fails', async (name, args) => {
    const reply = await call(name, ...args)
    if (!reply.ok) plainFailure(reply)
  })
})

describe('each kind of failure has its code', () => {
  test('a post that does not exist: not-found', async () => {
    const error = plainFailure(await call('readPost', 'gone.md'))
    expect(error).toEqual({ code: 'not-found', message: 'Could not open gone.md: the file or folder does not exist.' })
  })

  test('a post changed on disk: conflict', async () => {
    const error = plainFailure(await call('savePost', 'trip.md', { text: '# Mine\n', expectedMtimeMs: 1 }))
    expect(error.code).toBe('conflict')
  })

  test('a folder that may not be written: permission, with the path relative', async () => {
    await mkdir(join(root, 'posts'))
    await writeFile(join(root, 'posts/a.md'), '# A\n')
    restores.push(injectFsError('open', 'EACCES', (first) => typeof first === 'string' && /a\.md\.\d+$/.test(first)))
    const error = plainFailure(await call('savePost', 'posts/a.md', { text: '# B\n', expectedMtimeMs: null }))
    expect(error).toEqual({ code: 'permission', message: 'Could not save posts/a.md: permission denied. Nothing was changed on disk; the text is still in the editor.' })
  })

  test('arguments the contract refuses: invalid', async () => {
    expect(plainFailure(await call('readPost', '../outside.md')).code).toBe('invalid')
    expect(plainFailure(await call('noSuchCall')).code).toBe('invalid')
  })

  test('a binary file opened as a post: invalid, in words', async () => {
    await writeFile(join(root, 'binary.md'), Buffer.from([0, 1, 2, 3, 0, 0]))
    const error = plainFailure(await call('readPost', 'binary.md'))
    expect(error.code).toBe('invalid')
    expect(error.message).toMatch(/not text/)
  })

  test('a folder named like a post: special-file', async () => {
    await mkdir(join(root, 'folder.md'))
    const error = plainFailure(await call('readPost', 'folder.md'))
    expect(error.code).toBe('special-file')
    expect(error.message).toMatch(/folder\.md/)
  })
})
