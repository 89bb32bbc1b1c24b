import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { chmod, mkdir, open, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { decodeCallError, encodeCallError, errorCodes, type CallReply, type ErrorCode } from '../../common/api'
import { maxTextLength, parseArgs } from '../../electron/services/call-schemas'
import { dispatchCall } from '../../electron/services/dispatch'
import { createFolioService, type FolioService } from '../../electron/services/handlers'
import { injectFsError, tempFolder } from './fs-helpers'

/**
 * Every error code, met for real: a call through dispatchCall on the real services and real
 * files, its reply carried across the transport the way the preload and the harness carry
 * it (the code inside an Error's message) and read back as the renderer reads it. The
 * renderer decides by these codes, never by the words, so each must arrive intact.
 */
let root: string
let cleanup: () => Promise<void>
let service: FolioService
const restores: (() => void)[] = []

beforeEach(async () => {
  ;({ dir: root, cleanup } = await tempFolder('folio-codes-'))
  await writeFile(join(root, 'trip.md'), '# Trip\n')
  service = createFolioService({
    pickFolder: async () => null,
    pickImages: async () => [],
    pickExportPath: async () => null,
    trash: async () => undefined,
    openExternal: async () => Promise.reject(new Error('no browser is set up')),
    emit: () => undefined
  })
  await service.open(root)
})
afterEach(async () => {
  while (restores.length) restores.pop()!()
  await service.dispose()
  await cleanup()
})

const call = (name: string, ...args: unknown[]) => dispatchCall(service.handlers, name, args)
const save = (relPath: string, text: string, expectedMtimeMs: number | null = null) => call('savePost', relPath, { text, expectedMtimeMs })
/** Makes the next write of a temp file beside `post` fail with an errno code. */
const failTempWrite = (code: string, post: string) => restores.push(injectFsError('open', code, (first) => typeof first === 'string' && new RegExp(`${post}\\.\\d+$`).test(first)))

/** One real way to meet each code; the Record makes a new code without a scenario fail to compile. */
const scenarios: Record<ErrorCode, () => Promise<CallReply>> = {
  conflict: () => save('trip.md', '# Mine\n', 1),
  'read-only': async () => {
    await chmod(join(root, 'trip.md'), 0o444)
    return save('trip.md', '# Mine\n')
  },
  permission: async () => {
    failTempWrite('EACCES', 'trip\\.md')
    return save('trip.md', '# Mine\n')
  },
  'disk-full': async () => {
    failTempWrite('ENOSPC', 'trip\\.md')
    return save('trip.md', '# Mine\n')
  },
  'not-found': () => call('readPost', 'gone.md'),
  exists: async () => {
    await mkdir(join(root, 'trip-images'))
    await writeFile(join(root, 'trip-images/a.png'), 'a')
    await writeFile(join(root, 'trip-images/b.png'), 'b')
    return call('renameImage', 'trip.md', 'a.png', 'b')
  },
  busy: async () => {
    failTempWrite('EBUSY', 'trip\\.md')
    return save('trip.md', '# Mine\n')
  },
  'too-large': () => save('trip.md', 'x'.repeat(maxTextLength + 1)),
  invalid: () => call('readPost', '../outside.md'),
  'special-file': async () => {
    await mkdir(join(root, 'folder.md'))
    return call('readPost', 'folder.md')
  },
  failed: () => call('openExternal', 'https://example.com/')
}

/** The error as the renderer receives it: thrown by the transport, decoded from the message. */
function acrossTheTransport(reply: CallReply): { code: ErrorCode; message: string } {
  expect(reply.ok, 'the call was expected to fail').toBe(false)
  if (reply.ok) throw new Error('unreachable')
  const thrown = new Error(`Error invoking remote method: Error: ${encodeCallError(reply.error)}`)
  return decodeCallError(thrown.message)
}

describe('each error code crosses dispatchCall and the transport', () => {
  test.each(errorCodes)('%s', async (code) => {
    const error = acrossTheTransport(await scenarios[code]())
    expect(error.code).toBe(code)
    expect(error.message).not.toContain(root)
    expect(error.message).toMatch(/^[A-Za-z0-9“"].*[.!?]$/s)
  })

  test('a post over 2 GB cannot be read: too-large, in words', async () => {
    const huge = await open(join(root, 'huge.md'), 'w')
    try {
      await huge.truncate(2200 * 1024 * 1024) // sparse: nothing is written
    } finally {
      await huge.close()
    }
    const error = acrossTheTransport(await call('readPost', 'huge.md'))
    expect(error).toEqual({ code: 'too-large', message: 'Could not open huge.md: the file is over 2 GB, more than Folio can open.' })
  })

  test('an over-long text is refused before any handler, in words', async () => {
    const error = acrossTheTransport(await call('listImages', 'trip.md', 'x'.repeat(maxTextLength + 1)))
    expect(error).toEqual({ code: 'too-large', message: 'The text is over 200 MB, more than Folio can save or check.' })
    expect(parseArgs('listImages', ['trip.md', 'x'.repeat(maxTextLength)])).toHaveLength(2) // exactly at the limit is taken
  })

  test('a discarded copy that is no longer kept: not-found', async () => {
    const id = `${'0'.repeat(32)}-1-${'0'.repeat(8)}`
    const serviceWithData = createFolioService({
      pickFolder: async () => null,
      pickImages: async () => [],
      pickExportPath: async () => null,
      trash: async () => undefined,
      openExternal: async () => undefined,
      emit: () => undefined,
      dataDir: join(root, '.data')
    })
    await serviceWithData.open(root)
    try {
      expect(acrossTheTransport(await dispatchCall(serviceWithData.handlers, 'restoreDiscardedRecovery', [id])).code).toBe('not-found')
    } finally {
      await serviceWithData.dispose()
    }
  })

  test('a link that is not a web or mail link: invalid', async () => {
    expect(acrossTheTransport(await call('openExternal', 'file:///etc/passwd')).code).toBe('invalid')
  })

  test('opening a page this session did not export: invalid', async () => {
    expect(acrossTheTransport(await call('openExport', join(root, 'elsewhere.html'), 'browser')).code).toBe('invalid')
  })
})
