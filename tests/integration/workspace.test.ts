import { mkdir, mkdtemp, readFile, readdir, rename as fsRename, stat, unlink, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createPost, deletePostFile, listPosts, renamePost, rewriteImageFolder, type PostCache } from '../../electron/services/workspace'
import { watchFolder, type FolderChange } from '../../electron/services/watch'
import { ensureSampleBlog } from '../../electron/services/sample'
import { createFolioService } from '../../electron/services/handlers'

const tempFolder = () => mkdtemp(join(tmpdir(), 'folio-ws-'))
const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop()
})

describe('workspace service', () => {
  it('lists posts in sub-folders with titles, skipping image folders, dot folders and non-markdown', async () => {
    const root = await tempFolder()
    await mkdir(join(root, '2026'))
    await mkdir(join(root, 'trip-images'))
    await mkdir(join(root, '.git'))
    await writeFile(join(root, 'trip.md'), '---\ntitle: The Trip\ndate: 2026-07-20\ntags: [a, b]\n---\n')
    await writeFile(join(root, '2026/notes.markdown'), '# Notes\n')
    await writeFile(join(root, 'trip-images/not-a-post.md'), '# no')
    await writeFile(join(root, '.git/HEAD.md'), '# no')
    await writeFile(join(root, 'readme.txt'), 'no')
    const posts = await listPosts(root)
    expect(posts.map((p) => [p.relPath, p.title, p.date, p.tags])).toEqual([
      ['2026/notes.markdown', 'Notes', null, []],
      ['trip.md', 'The Trip', '2026-07-20', ['a', 'b']]
    ])
  })

  it('re-reads on a second listing only the posts whose time or size changed', async () => {
    const root = await tempFolder()
    const cache: PostCache = new Map()
    // Whole seconds, so that a time put back compares equal on any file system.
    const mtime = new Date('2026-05-01T10:00:00Z')
    const aTime = new Date('2026-05-02T10:00:00Z')
    await writeFile(join(root, 'a.md'), '# Alpha\n')
    await writeFile(join(root, 'b.md'), '# Bravo\n')
    await utimes(join(root, 'a.md'), aTime, aTime)
    await utimes(join(root, 'b.md'), mtime, mtime)
    const titles = async () => (await listPosts(root, cache)).map((p) => `${p.relPath}:${p.title}`)
    expect(await titles()).toEqual(['a.md:Alpha', 'b.md:Bravo'])
    // Same size, time put back: the cached summary stands, so the file was not read again.
    await writeFile(join(root, 'b.md'), '# Brave\n')
    await utimes(join(root, 'b.md'), mtime, mtime)
    expect(await titles()).toEqual(['a.md:Alpha', 'b.md:Bravo'])
    expect((await listPosts(root)).map((p) => p.title)).toEqual(['Alpha', 'Brave'])
    // A new time is read; so is a new size under the old time.
    await utimes(join(root, 'b.md'), new Date(mtime.getTime() + 5_000), new Date(mtime.getTime() + 5_000))
    expect(await titles()).toEqual(['a.md:Alpha', 'b.md:Brave'])
    await writeFile(join(root, 'a.md'), '# Alphabet\n')
    await utimes(join(root, 'a.md'), aTime, aTime)
    expect(await titles()).toEqual(['a.md:Alphabet', 'b.md:Brave'])
    // Removed posts leave the cache; added ones are read.
    await unlink(join(root, 'a.md'))
    await writeFile(join(root, 'c.md'), '# Charlie\n')
    expect(await titles()).toEqual(['b.md:Brave', 'c.md:Charlie'])
    expect([...cache.keys()].sort()).toEqual([join(root, 'b.md'), join(root, 'c.md')])
  })

  it('creates a post with front matter and an empty image folder, never reusing a name', async () => {
    const root = await tempFolder()
    const first = await createPost(root, 'Field Museum: Day 1!')
    expect(first.relPath).toBe('field-museum-day-1.md')
    expect(await readFile(join(root, first.relPath), 'utf8')).toBe('---\ntitle: "Field Museum: Day 1!"\ncategory:\ntags: []\n---\n\n# Field Museum: Day 1!\n\n')
    expect((await stat(join(root, 'field-museum-day-1-images'))).isDirectory()).toBe(true)
    const second = await createPost(root, 'Field Museum: Day 1!')
    expect(second.relPath).toBe('field-museum-day-1-1.md')
    expect(await readFile(join(root, first.relPath), 'utf8')).toContain('title: "Field Museum: Day 1!"')
  })

  it('renames a post with its image folder and rewrites its image links, keeping CRLF', async () => {
    const root = await tempFolder()
    await mkdir(join(root, 'old-images'))
    await writeFile(join(root, 'old-images/a.jpg'), 'jpg')
    await writeFile(join(root, 'old.md'), '# Old\r\n\r\n![A](old-images/a.jpg)\r\n<img src="./old-images/a.jpg">\r\n[ref]: <old-images/a.jpg>\r\nnot old-images/a.jpg\r\n')
    const renamed = await renamePost(root, 'old.md', 'New Name')
    expect(renamed.relPath).toBe('new-name.md')
    expect((await readdir(root)).sort()).toEqual(['new-name-images', 'new-name.md'])
    expect(await readFile(join(root, 'new-name.md'), 'utf8')).toBe('# Old\r\n\r\n![A](new-name-images/a.jpg)\r\n<img src="./new-name-images/a.jpg">\r\n[ref]: <new-name-images/a.jpg>\r\nnot old-images/a.jpg\r\n')
    await writeFile(join(root, 'taken.md'), 'x')
    await expect(renamePost(root, 'new-name.md', 'taken')).resolves.toMatchObject({ relPath: 'taken-1.md' })
    expect(await readFile(join(root, 'taken.md'), 'utf8')).toBe('x')
  })

  it('rewrites only links into the old image folder', () => {
    expect(rewriteImageFolder('![x](a-images/p.jpg) ![y](aa-images/p.jpg)', 'a-images', 'b-images')).toBe('![x](b-images/p.jpg) ![y](aa-images/p.jpg)')
  })

  it('moves a deleted post and its image folder to the trash', async () => {
    const root = await tempFolder()
    const trash = await tempFolder()
    await writeFile(join(root, 'gone.md'), 'x')
    await mkdir(join(root, 'gone-images'))
    await deletePostFile(root, 'gone.md', (path) => fsRename(path, join(trash, path.split('/').pop()!)))
    expect(await readdir(root)).toEqual([])
    expect((await readdir(trash)).sort()).toEqual(['gone-images', 'gone.md'])
  })

  it('reports posts changed, added and removed by other programs in one batch', async () => {
    const root = await tempFolder()
    await writeFile(join(root, 'a.md'), 'a')
    const changes: FolderChange[] = []
    const stop = watchFolder(root, (change) => changes.push(change), 50)
    stops.push(stop)
    await new Promise((r) => setTimeout(r, 300))
    await writeFile(join(root, 'a.md'), 'changed')
    await writeFile(join(root, 'b.md'), 'new')
    await writeFile(join(root, 'c.txt'), 'ignored')
    await expect.poll(() => changes.flatMap((c) => c.changed.map((x) => `${x.relPath}:${x.deleted}`)).sort(), { timeout: 5000 }).toEqual(['a.md:false', 'b.md:false'])
    changes.length = 0
    await import('node:fs/promises').then((fs) => fs.unlink(join(root, 'b.md')))
    await expect.poll(() => changes.flatMap((c) => c.changed.map((x) => `${x.relPath}:${x.deleted}`)), { timeout: 5000 }).toEqual(['b.md:true'])
  })

  it('copies the sample blog once, then keeps the user’s copy as it is', async () => {
    const data = await tempFolder()
    const resources = join(import.meta.dirname, '../../resources')
    const blog = await ensureSampleBlog(resources, data)
    expect((await readdir(blog)).filter((f) => f.endsWith('.md')).length).toBeGreaterThanOrEqual(2)
    await writeFile(join(blog, 'harbour-sprint-recap.md'), 'my edits')
    await ensureSampleBlog(resources, data)
    expect(await readFile(join(blog, 'harbour-sprint-recap.md'), 'utf8')).toBe('my edits')
  })

  it('opens folders only through the picker and refuses calls before one is open', async () => {
    const root = await tempFolder()
    await writeFile(join(root, 'a.md'), '# A')
    let picked: string | null = null
    const opened: string[] = []
    const service = createFolioService({
      pickFolder: async () => picked,
      pickImages: async () => [],
      pickExportPath: async () => null,
      trash: async () => {},
      openExternal: async (url) => void opened.push(url),
      emit: () => {}
    })
    stops.push(() => service.dispose())
    await expect(service.handlers.listPosts()).rejects.toThrow('No folder is open.')
    expect(await service.handlers.openFolder()).toBeNull()
    picked = root
    const ws = await service.handlers.openFolder()
    expect(ws?.posts.map((p) => p.title)).toEqual(['A'])
    await expect(service.handlers.readPost('../outside.md')).rejects.toThrow(/outside the opened folder/)
    await expect(service.handlers.openExternal('file:///etc/passwd')).rejects.toThrow(/Only web and mail links/)
    // A scheme without "//" is not a web link (https:evil would reach the shell as a relative URL).
    await expect(service.handlers.openExternal('https:example.org')).rejects.toThrow(/Only web and mail links/)
    await expect(service.handlers.openExternal('javascript:alert(1)')).rejects.toThrow(/Only web and mail links/)
    await service.handlers.openExternal('https://example.org/a')
    await service.handlers.openExternal('mailto:me@example.org')
    expect(opened).toEqual(['https://example.org/a', 'mailto:me@example.org'])
  })
})
