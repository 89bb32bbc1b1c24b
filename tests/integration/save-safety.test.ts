import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { execFileSync, spawnSync } from 'node:child_process'
import { chmod, chown, lstat, mkdir, mkdtemp, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'
import type { CallReply } from '../../common/api'
import { dispatchCall } from '../../electron/services/dispatch'
import { createFolioService, type FolioService } from '../../electron/services/handlers'
import { injectFsError, snapshot, tempFilesIn, tempFolder } from './fs-helpers'

/**
 * What a save does to the file it replaces: it refuses a file the user could not write in
 * place (read-only), keeps mode, owner and symlinks of the others, and on a full disk leaves
 * the old file whole and says so. Saves go through the handler table, as the renderer's do.
 */
let root: string
let cleanup: () => Promise<void>
let service: FolioService
const restores: (() => void)[] = []

const file = (relPath: string) => join(root, relPath)
const save = (relPath: string, text: string, expectedMtimeMs: number | null = null): Promise<CallReply> =>
  dispatchCall(service.handlers, 'savePost', [relPath, { text, expectedMtimeMs }])
const errorOf = (reply: CallReply) => (reply.ok ? null : reply.error)

const newService = (): FolioService =>
  createFolioService({
    pickFolder: async () => null,
    pickImages: async () => [],
    pickExportPath: async () => null,
    trash: async () => undefined,
    openExternal: async () => undefined,
    emit: () => undefined
  })

beforeEach(async () => {
  ;({ dir: root, cleanup } = await tempFolder('folio-save-safety-'))
  service = newService()
  await service.open(root)
})
afterEach(async () => {
  while (restores.length) restores.pop()!()
  await service.dispose()
  await chmod(root, 0o755).catch(() => undefined)
  await cleanup()
})

describe('read-only posts are not replaced', () => {
  test.each([0o444, 0o400, 0o555, 0o000])('mode %o: refused with a plain message, the file untouched', async (mode) => {
    await writeFile(file('locked.md'), '# Locked\n\nOriginal.\n')
    await chmod(file('locked.md'), mode)
    const before = await snapshot(file('locked.md')).catch(() => null)
    const reply = await save('locked.md', '# Locked\n\nEdited.\n')
    expect(errorOf(reply)).toMatchObject({ code: 'read-only' })
    expect(errorOf(reply)?.message).toMatch(/^locked\.md is read-only/)
    expect(errorOf(reply)?.message).toMatch(/save it as a new post/i)
    expect(errorOf(reply)?.message).not.toContain(root)
    await chmod(file('locked.md'), 0o644)
    expect(await readFile(file('locked.md'), 'utf8')).toBe('# Locked\n\nOriginal.\n')
    if (before) expect((await stat(file('locked.md'))).mtimeMs).toBe(before.mtimeMs)
    expect(await tempFilesIn(root)).toEqual([])
  })

  test('a symlink to a read-only post is refused, link and target untouched', async () => {
    await mkdir(file('real'))
    await writeFile(file('real/post.md'), '# Real\n')
    await chmod(file('real/post.md'), 0o444)
    await symlink('real/post.md', file('link.md'))
    expect(errorOf(await save('link.md', '# Edited\n'))).toMatchObject({ code: 'read-only' })
    expect(await readlink(file('link.md'))).toBe('real/post.md')
    expect(await readFile(file('real/post.md'), 'utf8')).toBe('# Real\n')
  })

  test('force does not override it (force is for changes on disk, not permissions)', async () => {
    await writeFile(file('locked.md'), '# Locked\n')
    await chmod(file('locked.md'), 0o444)
    const reply = await dispatchCall(service.handlers, 'savePost', ['locked.md', { text: 'x', expectedMtimeMs: null, force: true }])
    expect(errorOf(reply)).toMatchObject({ code: 'read-only' })
    expect(await readFile(file('locked.md'), 'utf8')).toBe('# Locked\n')
  })

  test('renaming an image does not rewrite a read-only post either', async () => {
    await writeFile(file('trip.md'), '![A](trip-images/a.png)\n')
    await mkdir(file('trip-images'))
    await writeFile(file('trip-images/a.png'), 'png')
    await chmod(file('trip.md'), 0o444)
    const reply = await dispatchCall(service.handlers, 'renameImage', ['trip.md', 'a.png', 'b'])
    expect(errorOf(reply)).toMatchObject({ code: 'read-only' })
    expect(await readFile(file('trip.md'), 'utf8')).toBe('![A](trip-images/a.png)\n')
    expect(await readFile(file('trip-images/a.png'), 'utf8')).toBe('png')
  })

  test('“Save as a new post” writes the text beside it under a free name, the read-only post untouched', async () => {
    await writeFile(file('locked.md'), '# Locked\n')
    await writeFile(file('locked-copy.md'), '# Someone else’s\n')
    await chmod(file('locked.md'), 0o444)
    const reply = await dispatchCall(service.handlers, 'savePostAs', ['locked.md', 'locked copy', { text: '# Locked, edited\n' }])
    expect(reply).toMatchObject({ ok: true, value: { relPath: 'locked-copy-1.md' } })
    expect(await readFile(file('locked-copy-1.md'), 'utf8')).toBe('# Locked, edited\n')
    expect(await readFile(file('locked-copy.md'), 'utf8')).toBe('# Someone else’s\n')
    expect(await readFile(file('locked.md'), 'utf8')).toBe('# Locked\n')
  })

  test('…in a sub-folder, next to the post, in its encoding and line endings', async () => {
    await mkdir(file('posts'))
    await writeFile(file('posts/old.md'), Buffer.from('# Old\r\n', 'latin1'))
    await chmod(file('posts/old.md'), 0o444)
    const reply = await dispatchCall(service.handlers, 'savePostAs', ['posts/old.md', 'old-copy', { text: '# Olé\n', encoding: 'latin1', eol: 'crlf' }])
    expect(reply).toMatchObject({ ok: true, value: { relPath: 'posts/old-copy.md' } })
    expect((await readFile(file('posts/old-copy.md'))).equals(Buffer.from('# Olé\r\n', 'latin1'))).toBe(true)
  })
})

describe('what a normal save keeps', () => {
  test.each([0o600, 0o644, 0o664, 0o755])('the mode %o', async (mode) => {
    await writeFile(file('post.md'), '# Post\n')
    await chmod(file('post.md'), mode)
    expect((await save('post.md', '# Saved\n')).ok).toBe(true)
    expect((await stat(file('post.md'))).mode & 0o7777).toBe(mode)
    expect(await readFile(file('post.md'), 'utf8')).toBe('# Saved\n')
  })

  test('the owner, where the process may set it (root here)', async (context) => {
    if (process.getuid?.() !== 0) context.skip('only root may give a file to another user; run as root to test this')
    await writeFile(file('post.md'), '# Post\n')
    await chown(file('post.md'), 65534, 65534)
    expect((await save('post.md', '# Saved\n')).ok).toBe(true)
    const info = await stat(file('post.md'))
    expect([info.uid, info.gid]).toEqual([65534, 65534])
  })

  test('a symlinked post stays a symlink, its target updated and its mode kept', async () => {
    await mkdir(file('drafts'))
    await writeFile(file('drafts/real.md'), '# Real\n')
    await chmod(file('drafts/real.md'), 0o640)
    await symlink('drafts/real.md', file('link.md'))
    expect((await save('link.md', '# Via the link\n')).ok).toBe(true)
    expect((await lstat(file('link.md'))).isSymbolicLink()).toBe(true)
    expect(await readlink(file('link.md'))).toBe('drafts/real.md')
    expect(await readFile(file('drafts/real.md'), 'utf8')).toBe('# Via the link\n')
    expect((await stat(file('drafts/real.md'))).mode & 0o777).toBe(0o640)
    expect(await tempFilesIn(file('drafts'))).toEqual([])
  })
})

/**
 * The same saves as an unprivileged user (nobody, through setpriv), where the operating
 * system's own permission check applies: a file they do not own in a folder they may write
 * must not be replaced by a rename. The saving code is bundled into one file nobody can read.
 */
describe('as an unprivileged user', () => {
  let work: string
  let script: string
  const nobody = 65534
  const canSwitch = process.getuid?.() === 0 && spawnSync('setpriv', ['--version']).status === 0

  beforeAll(async () => {
    if (!canSwitch) return
    work = await mkdtemp(join(tmpdir(), 'folio-nobody-'))
    await chmod(work, 0o755)
    script = join(work, 'save.cjs')
    await build({
      stdin: {
        contents: `import { savePost } from ${JSON.stringify(resolve(import.meta.dirname, '../../electron/services/workspace.ts'))}
const [root, relPath, text] = process.argv.slice(2)
savePost(root, relPath, { text, expectedMtimeMs: null }).then(
  () => console.log(JSON.stringify({ ok: true })),
  (error) => console.log(JSON.stringify({ ok: false, code: error.code, message: error.message }))
)`,
        resolveDir: import.meta.dirname,
        loader: 'ts'
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: script,
      logLevel: 'silent'
    })
  })
  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true })
  })

  const saveAsNobody = (folder: string, relPath: string, text: string): { ok: boolean; code?: string; message?: string } => {
    const out = execFileSync('setpriv', [`--reuid=${nobody}`, `--regid=${nobody}`, '--clear-groups', process.execPath, script, folder, relPath, text], { encoding: 'utf8' })
    return JSON.parse(out) as { ok: boolean; code?: string; message?: string }
  }

  async function blogOwnedByNobody(): Promise<string> {
    const blog = await mkdtemp(join(work, 'blog-'))
    await chown(blog, nobody, nobody)
    return blog
  }

  test('their own 0444 post is refused and kept', async (context) => {
    if (!canSwitch) context.skip('needs root and setpriv to run a save as another user')
    const blog = await blogOwnedByNobody()
    await writeFile(join(blog, 'post.md'), '# Theirs\n')
    await chown(join(blog, 'post.md'), nobody, nobody)
    await chmod(join(blog, 'post.md'), 0o444)
    expect(saveAsNobody(blog, 'post.md', '# Edited\n')).toMatchObject({ ok: false, code: 'read-only' })
    expect(await readFile(join(blog, 'post.md'), 'utf8')).toBe('# Theirs\n')
  })

  test('someone else’s 0644 post in a folder they may write is refused, not replaced by a rename', async (context) => {
    if (!canSwitch) context.skip('needs root and setpriv to run a save as another user')
    const blog = await blogOwnedByNobody()
    await writeFile(join(blog, 'post.md'), '# Root’s\n')
    await chmod(join(blog, 'post.md'), 0o644)
    expect(saveAsNobody(blog, 'post.md', '# Edited\n')).toMatchObject({ ok: false, code: 'read-only' })
    const info = await stat(join(blog, 'post.md'))
    expect(info.uid).toBe(0)
    expect(await readFile(join(blog, 'post.md'), 'utf8')).toBe('# Root’s\n')
  })

  test('their own 0644 post saves, and keeps its mode', async (context) => {
    if (!canSwitch) context.skip('needs root and setpriv to run a save as another user')
    const blog = await blogOwnedByNobody()
    await writeFile(join(blog, 'post.md'), '# Theirs\n')
    await chown(join(blog, 'post.md'), nobody, nobody)
    await chmod(join(blog, 'post.md'), 0o640)
    expect(saveAsNobody(blog, 'post.md', '# Edited\n')).toEqual({ ok: true })
    expect(await readFile(join(blog, 'post.md'), 'utf8')).toBe('# Edited\n')
    expect((await stat(join(blog, 'post.md'))).mode & 0o777).toBe(0o640)
  })
})

/** A 64 KiB tmpfs: a real full disk, where the machine lets the tests mount one (root on Linux). */
describe('a full disk', () => {
  let disk: string | null = null
  let blog: string
  let diskService: FolioService
  const whyNoDisk = 'mounting a tiny tmpfs needs root on Linux; the injected ENOSPC tests below cover the write and the rename'

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'folio-full-'))
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' })
      disk = dir
    } catch {
      await rm(dir, { recursive: true, force: true })
    }
  })
  afterAll(async () => {
    if (!disk) return
    execFileSync('umount', [disk])
    await rm(disk, { recursive: true, force: true })
  })
  beforeEach(async () => {
    if (!disk) return
    blog = await mkdtemp(join(disk, 'blog-'))
    await writeFile(join(blog, 'post.md'), `# Post\n\n${'Old words. '.repeat(1000)}\n`)
    diskService = newService()
    await diskService.open(blog)
  })
  afterEach(async () => {
    if (!disk) return
    await diskService.dispose()
    await rm(blog, { recursive: true, force: true })
  })

  test('a save too big for the disk: "the disk is full", the old file whole, no temp file', async (context) => {
    if (!disk) return context.skip(whyNoDisk)
    const before = await snapshot(join(blog, 'post.md'))
    const reply = await dispatchCall(diskService.handlers, 'savePost', ['post.md', { text: `# Post\n\n${'New words. '.repeat(8000)}\n`, expectedMtimeMs: null }])
    expect(errorOf(reply)).toMatchObject({ code: 'disk-full' })
    expect(errorOf(reply)?.message).toMatch(/^Could not save post\.md: the disk is full\. Nothing was changed on disk/)
    expect(errorOf(reply)?.message).not.toContain(blog)
    expect(await snapshot(join(blog, 'post.md'))).toEqual(before)
    expect(await tempFilesIn(blog)).toEqual([])
  })

  test('a new post on a full disk: refused, and no empty or partial file left', async (context) => {
    if (!disk) return context.skip(whyNoDisk)
    const reply = await dispatchCall(diskService.handlers, 'savePost', ['new.md', { text: 'x'.repeat(200_000), expectedMtimeMs: null }])
    expect(errorOf(reply)).toMatchObject({ code: 'disk-full' })
    await expect(stat(join(blog, 'new.md'))).rejects.toThrow()
    expect(await tempFilesIn(blog)).toEqual([])
  })

  test('a save that fits still goes through afterwards', async (context) => {
    if (!disk) return context.skip(whyNoDisk)
    expect((await dispatchCall(diskService.handlers, 'savePost', ['post.md', { text: '# Small\n', expectedMtimeMs: null }])).ok).toBe(true)
    expect(await readFile(join(blog, 'post.md'), 'utf8')).toBe('# Small\n')
  })
})

describe('a full disk, injected where the operating system reports it', () => {
  const isTemp = (first: unknown) => typeof first === 'string' && /post\.md\.\d+$/.test(first)

  test.each([
    ['the write', 'write' as const, () => true],
    ['the rename', 'rename' as const, isTemp]
  ])('ENOSPC at %s: "the disk is full", the old file whole, no temp file', async (_label, call, applies) => {
    await writeFile(file('post.md'), '# Post\n\nOld words.\n')
    const before = await snapshot(file('post.md'))
    restores.push(injectFsError(call, 'ENOSPC', applies))
    const reply = await save('post.md', 'x'.repeat(50_000))
    expect(errorOf(reply)).toMatchObject({ code: 'disk-full' })
    expect(errorOf(reply)?.message).toMatch(/^Could not save post\.md: the disk is full\. Nothing was changed on disk; the text is still in the editor\.$/)
    expect(await snapshot(file('post.md'))).toEqual(before)
    expect(await tempFilesIn(root)).toEqual([])
  })

  test('EDQUOT (over quota) reads as a full disk too', async () => {
    await writeFile(file('post.md'), '# Post\n')
    restores.push(injectFsError('write', 'EDQUOT'))
    expect(errorOf(await save('post.md', 'x'))).toMatchObject({ code: 'disk-full', message: expect.stringMatching(/the disk is full/) })
  })
})

describe('saves of one post at once', () => {
  test('the last save asked for is the one on disk, and no temp file is left', async () => {
    await writeFile(file('post.md'), '# Post\n')
    // A large first save and a small second: without the queue the second finishes first and the first's rename wins.
    const saves = [save('post.md', `# First\n${'x'.repeat(4_000_000)}`), save('post.md', '# Second\n')]
    expect((await Promise.all(saves)).map((reply) => reply.ok)).toEqual([true, true])
    expect(await readFile(file('post.md'), 'utf8')).toBe('# Second\n')
    expect(await tempFilesIn(root)).toEqual([])
  })
})
