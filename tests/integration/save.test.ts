import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { chmod, lstat, mkdir, readFile, rename, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import { readPost, savePost } from '../../electron/services/workspace'
import { snapshot, tempFilesIn, tempFolder } from './fs-helpers'

/** What a save keeps (bytes, mode, links) and when it refuses (changed on disk) or recreates (gone). */
let root: string
let cleanup: () => Promise<void>
beforeEach(async () => ({ dir: root, cleanup } = await tempFolder('folio-save-')))
afterEach(() => cleanup())

const file = (relPath: string) => join(root, relPath)

/** Another program writes the post: new content and a clearly different mtime. */
async function externalWrite(relPath: string, text: string) {
  await writeFile(file(relPath), text)
  const later = new Date(Date.now() + 5000)
  await utimes(file(relPath), later, later)
}

describe('changed on disk while open', () => {
  test('the save is refused with a message, and the other program’s text stays', async () => {
    await writeFile(file('post.md'), '# Mine\n')
    const opened = await readPost(root, 'post.md')
    await externalWrite('post.md', '# Theirs\n')
    const before = await snapshot(file('post.md'))
    await expect(savePost(root, 'post.md', { text: '# Mine, edited\n', expectedMtimeMs: opened.mtimeMs })).rejects.toThrow(
      /post\.md was changed on disk by another program since you opened it/
    )
    expect(await snapshot(file('post.md'))).toEqual(before)
  })

  test('force overwrites it, and the returned mtime is the one now on disk', async () => {
    await writeFile(file('post.md'), '# Mine\n')
    const opened = await readPost(root, 'post.md')
    await externalWrite('post.md', '# Theirs\n')
    const saved = await savePost(root, 'post.md', { text: '# Mine, edited\n', expectedMtimeMs: opened.mtimeMs, force: true })
    expect(await readFile(file('post.md'), 'utf8')).toBe('# Mine, edited\n')
    expect(saved.mtimeMs).toBe((await stat(file('post.md'))).mtimeMs)
  })

  test('force: false is no force', async () => {
    await writeFile(file('post.md'), '# Mine\n')
    const opened = await readPost(root, 'post.md')
    await externalWrite('post.md', '# Theirs\n')
    await expect(savePost(root, 'post.md', { text: 'x', expectedMtimeMs: opened.mtimeMs, force: false })).rejects.toThrow(/changed on disk/)
  })

  test('the mtime a save returns lets the next save through without force', async () => {
    await writeFile(file('post.md'), '# One\n')
    const opened = await readPost(root, 'post.md')
    const first = await savePost(root, 'post.md', { text: '# Two\n', expectedMtimeMs: opened.mtimeMs })
    await savePost(root, 'post.md', { text: '# Three\n', expectedMtimeMs: first.mtimeMs })
    expect(await readFile(file('post.md'), 'utf8')).toBe('# Three\n')
  })

  test('after reloading, the new mtime saves normally', async () => {
    await writeFile(file('post.md'), '# Mine\n')
    await externalWrite('post.md', '# Theirs\n')
    const reloaded = await readPost(root, 'post.md')
    await savePost(root, 'post.md', { text: '# Theirs, edited\n', expectedMtimeMs: reloaded.mtimeMs })
    expect(await readFile(file('post.md'), 'utf8')).toBe('# Theirs, edited\n')
  })
})

describe('deleted or renamed on disk while open', () => {
  test('saving writes the post again', async () => {
    await writeFile(file('post.md'), '# Keep me\n')
    const opened = await readPost(root, 'post.md')
    await rm(file('post.md'))
    await savePost(root, 'post.md', { text: '# Keep me, edited\n', expectedMtimeMs: opened.mtimeMs })
    expect(await readFile(file('post.md'), 'utf8')).toBe('# Keep me, edited\n')
  })

  test('…in the encoding and line endings it was opened with', async () => {
    await writeFile(file('old.md'), iconv.encode('# Café\r\n', 'latin1'))
    const opened = await readPost(root, 'old.md')
    await rm(file('old.md'))
    await savePost(root, 'old.md', { text: '# Café crème\n', expectedMtimeMs: opened.mtimeMs, encoding: opened.encoding, eol: opened.eol })
    expect((await readFile(file('old.md'))).equals(iconv.encode('# Café crème\r\n', 'latin1'))).toBe(true)
  })

  test('…and its folder, when the folder went too', async () => {
    await mkdir(file('drafts'))
    await writeFile(file('drafts/post.md'), '# Draft\n')
    const opened = await readPost(root, 'drafts/post.md')
    await rm(file('drafts'), { recursive: true })
    await savePost(root, 'drafts/post.md', { text: '# Draft\n\nstill here\n', expectedMtimeMs: opened.mtimeMs })
    expect(await readFile(file('drafts/post.md'), 'utf8')).toBe('# Draft\n\nstill here\n')
  })

  test('a rename by another program leaves the renamed file alone', async () => {
    await writeFile(file('post.md'), '# Post\n')
    const opened = await readPost(root, 'post.md')
    await rename(file('post.md'), file('renamed.md'))
    await savePost(root, 'post.md', { text: '# Post, edited\n', expectedMtimeMs: opened.mtimeMs })
    expect(await readFile(file('renamed.md'), 'utf8')).toBe('# Post\n')
    expect(await readFile(file('post.md'), 'utf8')).toBe('# Post, edited\n')
  })
})

describe('what a save keeps', () => {
  test.each([0o600, 0o640, 0o755])('the file mode %o', async (mode) => {
    await writeFile(file('post.md'), '# Mode\n')
    await chmod(file('post.md'), mode)
    await savePost(root, 'post.md', { text: '# Mode, saved\n', expectedMtimeMs: null })
    expect((await stat(file('post.md'))).mode & 0o777).toBe(mode)
  })

  test.each([
    ['LF', Buffer.from('a\nb\n'), Buffer.from('a\nb\nc\n')],
    ['CRLF', Buffer.from('a\r\nb\r\n'), Buffer.from('a\r\nb\r\nc\r\n')],
    ['UTF-8 BOM + CRLF', Buffer.from('\uFEFFa\r\nb\r\n'), Buffer.from('\uFEFFa\r\nb\r\nc\r\n')],
    ['UTF-16LE', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('a\r\nb\r\n', 'utf16le')]), Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('a\r\nb\r\nc\r\n', 'utf16le')])],
    ['Windows-1252', iconv.encode('“a”\nb\n', 'windows-1252'), iconv.encode('“a”\nb\nc\n', 'windows-1252')]
  ])('encoding and line endings: %s', async (_label, original, expected) => {
    await writeFile(file('post.md'), original)
    const opened = await readPost(root, 'post.md')
    await savePost(root, 'post.md', { text: `${opened.text}c\n`, expectedMtimeMs: opened.mtimeMs })
    expect((await readFile(file('post.md'))).equals(expected)).toBe(true)
  })

  test('a symlinked post inside the folder: the target is saved, the link stays a link', async () => {
    await writeFile(file('real.md'), '# Real\n')
    await symlink(file('real.md'), file('link.md'))
    await savePost(root, 'link.md', { text: '# Real, via link\n', expectedMtimeMs: null })
    expect((await lstat(file('link.md'))).isSymbolicLink()).toBe(true)
    expect(await readFile(file('real.md'), 'utf8')).toBe('# Real, via link\n')
  })

  test('no temp files are left behind', async () => {
    await writeFile(file('post.md'), '# Temp\n')
    for (let i = 0; i < 5; i++) await savePost(root, 'post.md', { text: `# Temp ${i}\n`, expectedMtimeMs: null })
    expect(await tempFilesIn(root)).toEqual([])
  })
})
