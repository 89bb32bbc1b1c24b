/**
 * `folio export <folder>` when two posts map to one page: the built CLI on real files.
 * Names are compared ignoring case and Unicode form on every platform, because the output
 * folder may be on a macOS or Windows disk even when the posts are not.
 * Build first (`npx electron-vite build`), as for cli-export.test.ts.
 */
import { describe, expect, it, beforeAll } from 'vitest'
import { execFile } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { makeImage, tempDir } from '../unit/export-helpers'

const cli = resolve('out/main/cli.js')
const sources = ['electron/cli/export.ts', 'common/export-names.ts', 'electron/services/export.ts', 'electron/services/export-images.ts']

function folio(args: string[], cwd = process.cwd()): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [cli, ...args], { cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr })
    })
  })
}

const listing = async (dir: string) => (await readdir(dir, { recursive: true })).map((f) => f.split('\\').join('/')).sort()

beforeAll(() => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build it first with \`npx electron-vite build\`.`)
  const stale = sources.filter((file) => statSync(file).mtimeMs > statSync(cli).mtimeMs)
  if (stale.length) throw new Error(`${cli} is older than ${stale.join(', ')}: rebuild with \`npx electron-vite build\`.`)
})

describe('folio export <folder>: posts that map to one page', () => {
  it('refuses every post of a clash, by name, exports the rest, and exits 1', async () => {
    const posts = await tempDir()
    await writeFile(join(posts, 'trip.md'), '# Trip (md)\n')
    await writeFile(join(posts, 'trip.markdown'), '# Trip (markdown)\n')
    await writeFile(join(posts, 'Trip.MD'), '# Trip (upper case)\n')
    await writeFile(join(posts, 'caf\u00e9.md'), '# Café, composed\n')
    await writeFile(join(posts, 'cafe\u0301.md'), '# Café, decomposed\n')
    await writeFile(join(posts, 'lake.md'), '# Lake\n\n![Dawn](lake-images/dawn.jpg)\n')
    await makeImage(join(posts, 'lake-images', 'dawn.jpg'))
    const run = await folio(['export', '.', '--out', 'site', '--force'], posts)

    expect(run.code, run.stderr).toBe(1)
    expect(run.stdout).toContain('folio export: 1 exported, 5 failed')
    const errors = run.stderr.split('\n').filter(Boolean).sort()
    expect(errors).toEqual(
      [
        'Trip.MD: error: Trip.MD, trip.markdown and trip.md would all be exported as trip.html (export names ignore case and accents’ Unicode form, as macOS and Windows disks do); rename all but one, or export it on its own to another --out folder.',
        'trip.markdown: error: Trip.MD, trip.markdown and trip.md would all be exported as trip.html (export names ignore case and accents’ Unicode form, as macOS and Windows disks do); rename all but one, or export it on its own to another --out folder.',
        'trip.md: error: Trip.MD, trip.markdown and trip.md would all be exported as trip.html (export names ignore case and accents’ Unicode form, as macOS and Windows disks do); rename all but one, or export it on its own to another --out folder.',
        'cafe\u0301.md: error: cafe\u0301.md and caf\u00e9.md would both be exported as caf\u00e9.html (export names ignore case and accents’ Unicode form, as macOS and Windows disks do); rename all but one, or export it on its own to another --out folder.',
        'caf\u00e9.md: error: cafe\u0301.md and caf\u00e9.md would both be exported as caf\u00e9.html (export names ignore case and accents’ Unicode form, as macOS and Windows disks do); rename all but one, or export it on its own to another --out folder.'
      ].sort()
    )
    expect(await listing(join(posts, 'site'))).toEqual(['lake-images', 'lake-images/dawn.jpg', 'lake.html'])
  })

  it('never replaces an earlier export of a post that now clashes, even with --force', async () => {
    const posts = await tempDir()
    await writeFile(join(posts, 'trip.md'), '# Trip\n')
    const out = join(posts, 'site')
    expect((await folio(['export', '.', '--out', out], posts)).code).toBe(0)
    const before = await readFile(join(out, 'trip.html'), 'utf8')
    expect(before).toContain('<h1 id="trip">Trip</h1>')

    await writeFile(join(posts, 'trip.markdown'), '# An older trip\n')
    const run = await folio(['export', '.', '--out', out, '--force'], posts)
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('0 exported, 2 failed')
    expect(await readFile(join(out, 'trip.html'), 'utf8')).toBe(before)
  })

  it('refuses a post whose page would land in another page’s images folder', async () => {
    const posts = await tempDir()
    await writeFile(join(posts, 'lake.md'), '# Lake\n\n![Dawn](lake-images/dawn.jpg)\n')
    await makeImage(join(posts, 'lake-images', 'dawn.jpg'))
    // `Lake-Images/` is a sub-folder of posts on this disk; on a case-insensitive one it is lake's images.
    await mkdir(join(posts, 'Lake-Images'))
    await writeFile(join(posts, 'Lake-Images', 'dawn.md'), '# Not an image\n')
    const run = await folio(['export', '.', '--out', 'site'], posts)
    expect(run.code).toBe(1)
    expect(run.stderr.trim()).toBe(
      'Lake-Images/dawn.md: error: its page would be written into lake-images/, the images folder of lake.md (export names ignore case and accents’ Unicode form, as macOS and Windows disks do); move or rename it.'
    )
    expect(await listing(join(posts, 'site'))).toEqual(['lake-images', 'lake-images/dawn.jpg', 'lake.html'])
  })

  it('exports posts whose names differ only in their folders, or not at all once folded', async () => {
    const posts = await tempDir()
    await mkdir(join(posts, '2024'))
    await writeFile(join(posts, 'trip.md'), '# Trip\n')
    await writeFile(join(posts, '2024', 'trip.md'), '# Trip 2024\n')
    await writeFile(join(posts, 'trip-notes.md'), '# Notes\n')
    const run = await folio(['export', '.', '--out', 'site'], posts)
    expect(run.code, run.stderr).toBe(0)
    expect(await listing(join(posts, 'site'))).toEqual(['2024', '2024/trip.html', 'trip-notes.html', 'trip.html'])
  })
})
