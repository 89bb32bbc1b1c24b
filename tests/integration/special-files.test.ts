import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { CallReply } from '../../common/api'
import { dispatchCall } from '../../electron/services/dispatch'
import { createFolioService, type FolioService } from '../../electron/services/handlers'
import { serveWorkspaceFile } from '../../electron/services/files'
import { listPosts } from '../../electron/services/workspace'
import { listRecoveries, writeRecovery } from '../../electron/services/recovery'
import { tempFolder } from './fs-helpers'
import { testPicture } from './image-helpers'

/**
 * A FIFO (or socket, or device) where a post or an image should be: opening one for reading
 * blocks until a writer comes, and each blocked call holds one of libuv's four threads, so a
 * few of them stop every file operation. Every call must answer, quickly, with a clear refusal.
 * Each call is raced against a short timeout so a hang fails the test instead of the suite,
 * and every FIFO is opened for writing afterwards, which releases a reader stuck on it.
 */
let root: string
let dataDir: string
let cleanups: (() => Promise<void>)[] = []
let fifos: string[] = []
let service: FolioService

// Long enough for a loaded machine to start the checker thread (6.5 s seen at load 18); a
// blocked read never answers, so a hang still shows.
const answerWithin = 15_000

/** The call's reply, or 'hung' when it did not answer in time. */
async function within<T>(promise: Promise<T>): Promise<T | 'hung'> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), answerWithin)))
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}

const call = (name: string, ...args: unknown[]): Promise<CallReply | 'hung'> => within(dispatchCall(service.handlers, name, args))

function mkfifo(relPath: string): string {
  const path = join(root, relPath)
  execFileSync('mkfifo', [path])
  fifos.push(path)
  return path
}

/**
 * Releases every reader blocked on the FIFO: a non-blocking open for writing succeeds only
 * while some reader has it open (or waits in open), and the open-and-close lets that reader
 * through to an empty read. A library may open the file again and again (libvips tries one
 * loader after another), so this goes on until no reader has come for a while. It runs in a
 * child process: with this process's four libuv threads stuck, its own open would never run.
 */
const releaseScript = `
const fs = require('node:fs')
const pause = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 15)
for (let quiet = 0, tries = 0; quiet < 20 && tries < 1000; tries++) {
  let fd = -1
  try { fd = fs.openSync(process.argv[1], fs.constants.O_WRONLY | fs.constants.O_NONBLOCK) } catch {}
  quiet = fd >= 0 ? 0 : quiet + 1
  if (fd >= 0) fs.closeSync(fd)
  pause()
}`
const release = (path: string): void => void execFileSync(process.execPath, ['-e', releaseScript, path])

beforeEach(async () => {
  const a = await tempFolder('folio-fifo-')
  const b = await tempFolder('folio-fifo-data-')
  root = a.dir
  dataDir = b.dir
  cleanups = [a.cleanup, b.cleanup]
  fifos = []
  await writeFile(join(root, 'trip.md'), '# Trip\n\n![A photo](trip-images/photo.jpg)\n\n![Real](trip-images/real.png)\n')
  await mkdir(join(root, 'trip-images'))
  await testPicture(40, 30).png().toFile(join(root, 'trip-images/real.png'))
  service = createFolioService({
    pickFolder: async () => null,
    pickImages: async () => [],
    pickExportPath: async () => join(dataDir, 'out.html'),
    trash: async () => undefined,
    openExternal: async () => undefined,
    emit: () => undefined,
    dataDir,
    thumbnailDir: join(dataDir, 'thumbs')
  })
  await service.open(root)
})
afterEach(async () => {
  fifos.forEach(release)
  await service.dispose()
  await Promise.all(cleanups.map((c) => c()))
})

/** A refusal that names the file and says what it is, with the special-file code. */
const refusedAsSpecial = (reply: CallReply | 'hung', name: RegExp) => {
  expect(reply, 'the call never answered').not.toBe('hung')
  expect(reply).toMatchObject({ ok: false, error: { code: 'special-file' } })
  const { message } = (reply as { error: { message: string } }).error
  expect(message).toMatch(name)
  expect(message).toMatch(/not a regular file/)
  expect(message).not.toContain(root)
}

describe('a FIFO named like a post', () => {
  beforeEach(() => void mkfifo('pipe.md'))

  test('readPost refuses it', async () => refusedAsSpecial(await call('readPost', 'pipe.md'), /pipe\.md/))

  test('savePost refuses it and writes nothing', async () => {
    refusedAsSpecial(await call('savePost', 'pipe.md', { text: '# Mine\n', expectedMtimeMs: null }), /pipe\.md/)
    expect(await readFile(join(root, 'trip.md'), 'utf8')).toContain('# Trip')
  })

  test('a symlink to it is refused too', async () => {
    await symlink(join(root, 'pipe.md'), join(root, 'link.md'))
    refusedAsSpecial(await call('readPost', 'link.md'), /link\.md/)
  })

  test('listPosts answers, and lists the real posts', async () => {
    const posts = await within(listPosts(root))
    expect(posts).not.toBe('hung')
    expect((posts as { relPath: string }[]).map((p) => p.relPath)).toEqual(['trip.md'])
  })

  test('listImages and imageSizes of it answer', async () => {
    expect(await call('listImages', 'pipe.md')).toMatchObject({ ok: true })
    expect(await call('imageSizes', 'pipe.md')).toMatchObject({ ok: true })
  })

  test('renamePost refuses it', async () => refusedAsSpecial(await call('renamePost', 'pipe.md', 'other'), /pipe\.md/))

  test('exportHtml refuses it', async () => {
    const reply = await call('exportHtml', 'pipe.md', { singleFile: true })
    expect(reply).not.toBe('hung')
    expect(reply).toMatchObject({ ok: false })
  })

  test('checkPost answers', async () => expect(await call('checkPost', 'pipe.md', '# Text\n')).toMatchObject({ ok: true }))

  test('listRecoveries answers, offering the kept text', async () => {
    await writeRecovery(dataDir, root, 'pipe.md', 'kept text')
    const found = await within(listRecoveries(dataDir, root))
    expect(found).not.toBe('hung')
    expect((found as { text: string }[]).map((r) => r.text)).toEqual(['kept text'])
  })
})

describe('a FIFO named like an image of the post', () => {
  beforeEach(() => void mkfifo('trip-images/photo.jpg'))

  test('imageSizes answers with the real image', async () => {
    const reply = await call('imageSizes', 'trip.md')
    expect(reply).toEqual({ ok: true, value: { 'trip-images/real.png': { width: 40, height: 30 } } })
  })

  test('imageSizes answers when only the editor text references it', async () => {
    expect(await call('imageSizes', 'trip.md', '![x](trip-images/photo.jpg)\n')).toEqual({ ok: true, value: { 'trip-images/real.png': { width: 40, height: 30 } } })
  })

  test('listImages answers', async () => {
    const reply = await call('listImages', 'trip.md')
    expect(reply).toMatchObject({ ok: true })
    expect((reply as { value: { images: { name: string }[] } }).value.images.map((i) => i.name)).toEqual(['real.png'])
  })

  test('a symlinked image that points at it is measured as nothing, not waited on', async () => {
    await symlink(join(root, 'trip-images/photo.jpg'), join(root, 'trip-images/linked.jpg'))
    expect(await call('listImages', 'trip.md', '![x](trip-images/linked.jpg)\n')).toMatchObject({ ok: true })
    expect(await call('imageSizes', 'trip.md', '![x](trip-images/linked.jpg)\n')).toMatchObject({ ok: true })
  })

  test('imageThumbnail refuses it', async () => {
    const reply = await call('imageThumbnail', 'trip.md', 'photo.jpg')
    expect(reply).not.toBe('hung')
    expect(reply).toMatchObject({ ok: false })
    expect((reply as { error: { message: string } }).error.message).toMatch(/photo\.jpg/)
  })

  test('the preview’s image protocol refuses it', async () => {
    expect(await within(serveWorkspaceFile(root, '/trip-images/photo.jpg'))).toBeNull()
  })

  test('exportHtml answers, leaving the image out with a warning', async () => {
    const reply = await call('exportHtml', 'trip.md', { singleFile: true })
    expect(reply).not.toBe('hung')
    expect(reply).toMatchObject({ ok: true })
    expect(JSON.stringify(reply)).toMatch(/photo\.jpg/)
  })

  test('four stuck reads never pile up: after them a save still goes through', async () => {
    for (let i = 0; i < 4; i++) await call('imageSizes', 'trip.md')
    const reply = await call('savePost', 'trip.md', { text: '# Trip, saved\n', expectedMtimeMs: null })
    expect(reply).toMatchObject({ ok: true })
  })
})

describe('other special files', () => {
  test('a unix socket named like a post is refused by readPost and savePost', async () => {
    const { createServer } = await import('node:net')
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(join(root, 'socket.md'), resolve))
    try {
      refusedAsSpecial(await call('readPost', 'socket.md'), /socket\.md/)
      refusedAsSpecial(await call('savePost', 'socket.md', { text: 'x', expectedMtimeMs: null }), /socket\.md/)
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  test('a character device named like a post is refused (where mknod is allowed)', async (context) => {
    try {
      execFileSync('mknod', [join(root, 'zero.md'), 'c', '1', '5'], { stdio: 'ignore' })
    } catch {
      context.skip('mknod is not allowed for this user, so no device can be made to test with')
    }
    refusedAsSpecial(await call('readPost', 'zero.md'), /zero\.md/)
  })
})
