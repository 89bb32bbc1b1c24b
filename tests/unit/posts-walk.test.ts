/**
 * Which files of a folder are posts: the app's post list (listPosts, which `folio export`
 * uses too) and `folio check` walk the folder with one function, as deep as a Hugo page
 * bundle sits (content/posts/2025/09/harbour/index.md), skipping what is not the blog's.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { runCheck } from '../../electron/cli/check'
import { listPosts } from '../../electron/services/workspace'
import { tempDir } from './export-helpers'

const posts = ['top.md', 'blog/one.md', 'content/posts/2025/09/harbour/index.md', 'a/b/c/d/e/f/g/deep.md']
const skipped = ['.git/x.md', 'node_modules/pkg/readme.md', '.folio/recovery.md', 'trip-images/notes.md', '.hidden/y.md', 'a/b/c/d/e/f/g/h/i/too-deep.md']

async function makeFolder(): Promise<string> {
  const root = await tempDir('folio-walk-')
  for (const file of [...posts, ...skipped]) {
    await mkdir(join(root, file, '..'), { recursive: true })
    await writeFile(join(root, file), '---\ntitle: T\ndate: 2025-09-14\n---\n\n# T\n\nWords.\n')
  }
  return root
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('the folder walk', () => {
  it('the app and folio check find the same posts', async () => {
    const root = await makeFolder()
    const listed = (await listPosts(root)).map((post) => post.relPath)
    expect(listed).toEqual([...posts].sort((a, b) => a.localeCompare(b)))

    let out = ''
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out += String(chunk)
      return true
    })
    await runCheck(['--json', root])
    vi.restoreAllMocks()
    const checked = (JSON.parse(out) as { posts: { path: string }[] }).posts.map((post) => post.path.replace(/\\/g, '/'))
    expect(checked.map((path) => listed.find((rel) => path.endsWith(rel))).sort()).toEqual([...listed].sort())
    expect(checked).toHaveLength(listed.length)
  })
})
