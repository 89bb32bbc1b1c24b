import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import iconv from 'iconv-lite'
import { listPosts, readPost, resolveInside, savePost } from '../../electron/services/workspace'
import { serveWorkspaceFile } from '../../electron/services/files'
import { injectFsError, snapshot, tempFilesIn, tempFolder } from './fs-helpers'

/**
 * Files Folio meets in real folders that are not the tidy posts it writes itself. Each case
 * has an asserted outcome: it works, or it is refused with a message that says why, and
 * nothing on disk changes (bytes and mtime compared before and after).
 */
let root: string
let outside: string
const cleanups: (() => Promise<void>)[] = []
const restores: (() => void)[] = []

beforeAll(async () => {
  const a = await tempFolder('folio-bad-input-')
  const b = await tempFolder('folio-outside-')
  root = a.dir
  outside = b.dir
  cleanups.push(a.cleanup, b.cleanup)
})
afterAll(async () => Promise.all(cleanups.map((c) => c())))
afterEach(() => restores.splice(0).forEach((restore) => restore()))

const file = (relPath: string) => join(root, relPath)
const write = async (relPath: string, bytes: Buffer | string) => {
  await mkdir(join(file(relPath), '..'), { recursive: true })
  await writeFile(file(relPath), bytes)
}

/** Runs `action`, expects it to fail with `message`, and the file to be untouched. */
async function refusedAndUnchanged(relPath: string, action: () => Promise<unknown>, message: RegExp) {
  const before = await snapshot(file(relPath))
  await expect(action()).rejects.toThrow(message)
  expect(await snapshot(file(relPath))).toEqual(before)
  expect(await tempFilesIn(join(file(relPath), '..'))).toEqual([])
}

describe('a binary file named .md', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')
  beforeAll(() => write('binary.md', png))

  test('readPost refuses with a clear message', async () => {
    await expect(readPost(root, 'binary.md')).rejects.toThrow(/not text \(it contains binary data\)/)
  })
  test('listPosts still lists it, with the problem', async () => {
    const entry = (await listPosts(root)).find((p) => p.relPath === 'binary.md')
    expect(entry?.problem).toMatch(/not text/)
  })
  test('a save over it is refused and the file is untouched', async () => {
    await refusedAndUnchanged('binary.md', () => savePost(root, 'binary.md', { text: 'x', expectedMtimeMs: null }), /not a post Folio can write/)
  })
})

describe('legacy encodings', () => {
  const latin1 = iconv.encode('---\ntitle: Café\n---\n\n# Café crème\n\nrésumé, naïve, señor, straße\n', 'latin1')
  const cp1252 = iconv.encode('# “Smart” quotes\r\n\r\nPrice: 50 € — done…\r\n', 'windows-1252')
  beforeAll(async () => {
    await write('latin1.md', latin1)
    await write('cp1252.md', cp1252)
  })

  test('a Latin-1 post opens correctly, with a note, and saves back byte-identical', async () => {
    const post = await readPost(root, 'latin1.md')
    expect(post).toMatchObject({ encoding: 'latin1', eol: 'lf' })
    expect(post.text).toContain('résumé, naïve, señor, straße')
    expect(post.warning).toMatch(/stored as latin1/)
    await savePost(root, 'latin1.md', { text: post.text, expectedMtimeMs: post.mtimeMs })
    expect((await readFile(file('latin1.md'))).equals(latin1)).toBe(true)
  })

  test('a Windows-1252 post with CRLF opens correctly and saves back byte-identical', async () => {
    const post = await readPost(root, 'cp1252.md')
    expect(post).toMatchObject({ encoding: 'windows-1252', eol: 'crlf' })
    expect(post.text).toBe('# “Smart” quotes\n\nPrice: 50 € — done…\n')
    await savePost(root, 'cp1252.md', { text: post.text, expectedMtimeMs: post.mtimeMs })
    expect((await readFile(file('cp1252.md'))).equals(cp1252)).toBe(true)
  })

  test('an edit the encoding can hold is saved in that encoding', async () => {
    const post = await readPost(root, 'cp1252.md')
    await savePost(root, 'cp1252.md', { text: `${post.text}Über‰\n`, expectedMtimeMs: post.mtimeMs })
    expect(iconv.decode(await readFile(file('cp1252.md')), 'windows-1252')).toBe('# “Smart” quotes\r\n\r\nPrice: 50 € — done…\r\nÜber‰\r\n')
  })

  test('a character the encoding cannot hold is refused by name, and nothing is written', async () => {
    const post = await readPost(root, 'latin1.md')
    const save = () => savePost(root, 'latin1.md', { text: `${post.text}Euro € and 🎉\n`, expectedMtimeMs: post.mtimeMs })
    await refusedAndUnchanged('latin1.md', save, /stored as latin1, which cannot hold “€” “🎉”. Nothing was written/)
  })
})

describe('size and shape', () => {
  test('a 50 MB post opens with a warning and saves back intact', async () => {
    const line = 'A long post line with some words in it, repeated until the file is big.\n'
    const text = `# Huge\n\n${line.repeat(Math.ceil((50 * 1024 * 1024) / line.length))}`
    await write('huge.md', text)
    let started = performance.now()
    const post = await readPost(root, 'huge.md')
    const openMs = performance.now() - started
    expect(post.warning).toMatch(/very large \(50 MB\)/)
    expect(post.text.length).toBe(text.length)
    started = performance.now()
    await savePost(root, 'huge.md', { text: `${post.text}end\n`, expectedMtimeMs: post.mtimeMs })
    const saveMs = performance.now() - started
    expect((await readFile(file('huge.md'))).length).toBe(Buffer.byteLength(text) + 4)
    // Timing is reported, not asserted: machines differ too much.
    console.info(`50 MB post: opened in ${Math.round(openMs)} ms, saved in ${Math.round(saveMs)} ms`)
  }, 120_000)

  test('malformed front matter: listed with the problem, opens with the body intact', async () => {
    const text = '---\ntitle: [unclosed\ntags: a, b\n---\n\n# Still here\n\nBody text.\n'
    await write('bad-yaml.md', text)
    const entry = (await listPosts(root)).find((p) => p.relPath === 'bad-yaml.md')
    expect(entry?.problem).toMatch(/front matter line \d+/)
    expect((await readPost(root, 'bad-yaml.md')).text).toBe(text)
  })

  test('a post with a 10,000-character line round-trips', async () => {
    const text = `# Long line\n\n${'word '.repeat(2000)}\n`
    await write('long-line.md', text)
    const post = await readPost(root, 'long-line.md')
    expect(post.text).toBe(text)
    await savePost(root, 'long-line.md', { text: post.text, expectedMtimeMs: post.mtimeMs })
    expect(await readFile(file('long-line.md'), 'utf8')).toBe(text)
  })

  test('truncated and zero-byte images are served as they are, without a crash', async () => {
    const jpegStart = Buffer.from('ffd8ffe000104a46494600010100000100010000ffdb', 'hex')
    await write('img-images/truncated.jpg', jpegStart)
    await write('img-images/empty.png', Buffer.alloc(0))
    const truncated = await serveWorkspaceFile(root, '/img-images/truncated.jpg')
    expect(truncated?.body.equals(jpegStart)).toBe(true)
    expect(truncated?.type).toBe('image/jpeg')
    expect((await serveWorkspaceFile(root, '/img-images/empty.png'))?.body.length).toBe(0)
  })
})

describe('names with spaces, accents, emoji and right-to-left script', () => {
  const names = ['Café crème.md', 'naïve résumé 2025.md', 'party 🎉 time.md', 'مرحبا بالعالم.md', 'mixed עברית and English.md']
  beforeAll(() => Promise.all(names.map((name) => write(name, `# ${name}\n`))))

  test.each(names)('%s: listed, read and saved', async (name) => {
    expect((await listPosts(root)).map((p) => p.relPath)).toContain(name)
    const post = await readPost(root, name)
    expect(post.text).toBe(`# ${name}\n`)
    await savePost(root, name, { text: `${post.text}more\n`, expectedMtimeMs: post.mtimeMs })
    expect(await readFile(file(name), 'utf8')).toBe(`# ${name}\nmore\n`)
  })

  test('images with such names are served from their URL-encoded path', async () => {
    const rel = 'party 🎉 time-images/Ünïcödé 🖼 صورة.png'
    await write(rel, Buffer.from('89504e47', 'hex'))
    const url = `/${rel.split('/').map(encodeURIComponent).join('/')}`
    expect((await serveWorkspaceFile(root, url))?.body.toString('hex')).toBe('89504e47')
  })
})

describe('paths that lead out of the folder', () => {
  beforeAll(async () => {
    await writeFile(join(outside, 'secret.md'), '# secret\n')
    await writeFile(join(outside, 'secret.png'), 'secret image')
    await symlink(join(outside, 'secret.md'), file('leak.md'))
    await symlink(join(outside, 'secret.png'), file('leak.png'))
    await symlink(outside, file('leak-dir'))
    await write('inside/real.png', 'inside image')
  })

  test('resolveInside refuses ../, absolute paths and links that point out', async () => {
    for (const rel of ['../secret.md', '/etc/passwd', join(outside, 'secret.md'), 'leak.md', 'leak-dir/secret.md', 'leak-dir/new.md']) {
      await expect(resolveInside(root, rel), rel).rejects.toThrow(/outside the opened folder/)
    }
    await expect(resolveInside(root, 'inside/real.png')).resolves.toBe(join(root, 'inside/real.png'))
  })

  test('readPost and savePost refuse a post linked from outside, and the outside file is untouched', async () => {
    await expect(readPost(root, 'leak.md')).rejects.toThrow(/outside the opened folder/)
    const before = await snapshot(join(outside, 'secret.md'))
    await expect(savePost(root, 'leak.md', { text: 'pwned', expectedMtimeMs: null })).rejects.toThrow(/outside the opened folder/)
    await expect(savePost(root, 'leak-dir/secret.md', { text: 'pwned', expectedMtimeMs: null })).rejects.toThrow(/outside/)
    expect(await snapshot(join(outside, 'secret.md'))).toEqual(before)
  })

  test('listPosts does not follow links out of the folder', async () => {
    const listed = (await listPosts(root)).map((p) => p.relPath)
    expect(listed.filter((p) => p.includes('leak') || p.includes('secret'))).toEqual([])
  })

  // OUT stands for the outside folder's name, ABS for its absolute path (known only at run
  // time). Every traversal case names a file that really exists out there, so a server that
  // followed the path would serve it: the refusal is the check's doing, not a missing file.
  test.each([
    ['a link to a file outside', '/leak.png'],
    ['a linked folder', '/leak-dir/secret.png'],
    ['../', '/../OUT/secret.png'],
    ['../ after a folder', '/inside/../../OUT/secret.png'],
    ['encoded %2e%2e', '/%2e%2e/OUT/secret.png'],
    ['encoded %2E%2E and %2F', '/%2E%2E%2FOUT%2Fsecret.png'],
    ['encoded slash to climb', '/inside%2f..%2f..%2fOUT%2fsecret.png'],
    ['encoded absolute path', '/ABS%2Fsecret.png']
  ])('the image protocol refuses %s', async (_label, template) => {
    const urlPath = template.replace('OUT', basename(outside)).replace('ABS', encodeURIComponent(outside))
    expect(existsSync(resolve(root, decodeURIComponent(urlPath.slice(1))))).toBe(true)
    expect(await serveWorkspaceFile(root, urlPath)).toBeNull()
  })

  test.each([
    ['double-encoded ..', '/%252e%252e/secret.png'],
    ['backslashes', '/..\\secret.png'],
    ['NUL byte', '/inside/real.png%00.png'],
    ['broken escape', '/%E0%A4%A.png'],
    ['a post, not an image', '/Café crème.md'],
    ['a folder named like an image', '/folder.png'],
    ['no path', '/']
  ])('the image protocol refuses %s', async (_label, urlPath) => {
    await mkdir(file('folder.png'), { recursive: true })
    expect(await serveWorkspaceFile(root, urlPath)).toBeNull()
  })

  test('…and still serves what is inside', async () => {
    expect((await serveWorkspaceFile(root, '/inside/real.png'))?.body.toString()).toBe('inside image')
  })
})

describe('saves the disk refuses', () => {
  beforeAll(() => write('locked/post.md', '# Locked\n\nOriginal text.\n'))
  const isTemp = (first: unknown) => typeof first === 'string' && /post\.md\.\d+$/.test(first)

  // Tests run as root here, where chmod cannot stop a write: the refusal is injected at the
  // fs calls write-file-atomic makes, exactly where the operating system would report it.
  test('a folder without write permission: "permission denied", file and text kept', async () => {
    restores.push(injectFsError('open', 'EACCES', isTemp))
    const text = '# Locked\n\nEdited text.\n'
    await refusedAndUnchanged('locked/post.md', () => savePost(root, 'locked/post.md', { text, expectedMtimeMs: null }), /permission denied.*the text is still in the editor/)
    expect(text).toBe('# Locked\n\nEdited text.\n')
  })

  test('a full disk: the message says so and the original is byte-identical', async () => {
    restores.push(injectFsError('write', 'ENOSPC'))
    const save = () => savePost(root, 'locked/post.md', { text: 'x'.repeat(100_000), expectedMtimeMs: null })
    await refusedAndUnchanged('locked/post.md', save, /Could not save .*post\.md: the disk is full\. Nothing was changed on disk/)
  })

  test('a failing rename (read-only disk) leaves the original and no temp file', async () => {
    restores.push(injectFsError('rename', 'EROFS'))
    await refusedAndUnchanged('locked/post.md', () => savePost(root, 'locked/post.md', { text: 'y', expectedMtimeMs: null }), /the disk is read-only/)
  })

  test('once the disk is fine again the same save goes through', async () => {
    await savePost(root, 'locked/post.md', { text: '# Locked\n\nEdited text.\n', expectedMtimeMs: null })
    expect(await readFile(file('locked/post.md'), 'utf8')).toBe('# Locked\n\nEdited text.\n')
  })
})
