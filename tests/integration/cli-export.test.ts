/**
 * Runs the built `folio` CLI (out/main/cli.js) as a CI job would. The build is not made
 * here: `npm test` and `.ci/run` build first; run `npx electron-vite build` before running
 * this file on its own.
 */
import { describe, expect, it, beforeAll } from 'vitest'
import { execFile } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { selectAll } from 'hast-util-select'
import { externalReferences, makeBlog, parsePage, tempDir, unresolvedAnchors, validationErrors } from '../unit/export-helpers'

const cli = resolve('out/main/cli.js')
const sources = ['electron/cli/index.ts', 'electron/cli/export.ts', 'electron/services/export.ts', 'common/export-body.ts', 'common/export-page.ts']

interface Run {
  code: number
  stdout: string
  stderr: string
}

function folio(args: string[], cwd = process.cwd()): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [cli, ...args], { cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
      done({ code, stdout, stderr })
    })
  })
}

let blog: Awaited<ReturnType<typeof makeBlog>>
beforeAll(async () => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build it first with \`npx electron-vite build\` (npm test does this).`)
  const built = statSync(cli).mtimeMs
  const stale = sources.filter((file) => statSync(file).mtimeMs > built)
  if (stale.length) throw new Error(`${cli} is older than ${stale.join(', ')}: rebuild with \`npx electron-vite build\`.`)
  blog = await makeBlog()
})

describe('folio export (built CLI)', () => {
  it('prints help with exit code 0', async () => {
    const run = await folio(['export', '--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Usage: folio export <post.md|folder>')
    expect(run.stdout).toContain('--single-file')
    const top = await folio(['--help'])
    expect(top.code).toBe(0)
    expect(top.stdout).toMatch(/export <post\.md\|folder>/)
  })

  it('exits 2 on usage errors', async () => {
    for (const args of [['export'], ['export', '--bogus', 'x.md'], ['export', 'no/such/post.md'], ['export', blog.secret], ['export', 'a.md', 'b.md'], ['frobnicate']]) {
      const run = await folio(args)
      expect(run.code, `folio ${args.join(' ')}\n${run.stderr}`).toBe(2)
      expect(run.stderr).toMatch(/folio/)
    }
    const width = await folio(['export', join(blog.posts, 'recap.md'), '--max-image-width', '300'])
    expect(width.code).toBe(2)
    expect(width.stderr).toContain('only applies with --single-file')
  })

  it('exports a post to a folder, and refuses to overwrite it without --force', async () => {
    const out = await tempDir()
    const run = await folio(['export', join(blog.posts, 'recap.md'), '--out', out])
    expect(run).toMatchObject({ code: 0, stderr: '' })
    expect(run.stdout).toContain(`-> ${join(out, 'recap.html')}`)
    expect(run.stdout).toContain('1 exported, 0 failed, 0 warnings')
    expect((await readdir(out)).sort()).toEqual(['recap-images', 'recap.html'])
    const html = await readFile(join(out, 'recap.html'), 'utf8')
    expect(await validationErrors(html)).toEqual([])
    expect(unresolvedAnchors(parsePage(html))).toEqual([])

    await writeFile(join(out, 'recap.html'), 'edited by hand')
    const again = await folio(['export', join(blog.posts, 'recap.md'), '--out', out])
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/recap\.html already exists.*--force/)
    expect(await readFile(join(out, 'recap.html'), 'utf8')).toBe('edited by hand')

    const forced = await folio(['export', join(blog.posts, 'recap.md'), '--out', out, '--force'])
    expect(forced.code).toBe(0)
    expect(await readFile(join(out, 'recap.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/)
  })

  it('exports a self-contained single file with a custom theme', async () => {
    const out = await tempDir()
    const theme = join(out, 'theme.css')
    await writeFile(theme, 'main { max-width: 40rem } /* custom-theme-marker */')
    const run = await folio(['export', join(blog.posts, 'recap.md'), '--out', join(out, 'site'), '--single-file', '--theme', theme, '--max-image-width', '320'])
    expect(run.code).toBe(0)
    expect(await readdir(join(out, 'site'))).toEqual(['recap.html'])
    const html = await readFile(join(out, 'site', 'recap.html'), 'utf8')
    const tree = parsePage(html)
    expect(html).toContain('custom-theme-marker')
    expect(externalReferences(tree, html)).toEqual([])
    expect(selectAll('img', tree).map((img) => img.properties.width)).toEqual([320, 300, 320])
    expect(await validationErrors(html)).toEqual([])
  })

  it('reports refused images as warnings (exit 0), and fails with --strict', async () => {
    const out = await tempDir()
    const run = await folio(['export', join(blog.posts, 'evil.md'), '--out', out])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toContain('evil.md: warning: line')
    expect(run.stderr).toContain('../../secret.png was left out')
    expect(run.stderr).toContain('link-out.png was left out: it links to a file outside')
    expect(await readdir(join(out, 'evil-images'))).toEqual(['ok.png'])

    const strict = await folio(['export', join(blog.posts, 'evil.md'), '--out', await tempDir(), '--strict'])
    expect(strict.code, strict.stderr).toBe(1)
    expect(strict.stderr).toContain('warning:')
  })

  it('exports every post of a folder, keeping sub-folders apart', async () => {
    const out = await tempDir()
    await mkdir(join(blog.posts, 'older'), { recursive: true })
    await writeFile(join(blog.posts, 'older', 'recap.md'), '# An older recap\n\nNo photos.\n')
    const run = await folio(['export', '.', '--out', out], blog.posts)
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('3 exported, 0 failed')
    const files = (await readdir(out, { recursive: true })).map((f) => f.split('\\').join('/')).sort()
    expect(files).toEqual(expect.arrayContaining(['evil.html', 'older/recap.html', 'recap.html', 'recap-images/lake-at-dawn.jpg']))
    expect(files).not.toContain('recap-images/unused.jpg')
  })

  it('writes to ./export by default and exits 1 when a folder has no posts', async () => {
    const cwd = await tempDir()
    const run = await folio(['export', join(blog.posts, 'recap.md')], cwd)
    expect(run.code).toBe(0)
    expect(await readdir(join(cwd, 'export'))).toContain('recap.html')
    const empty = await tempDir()
    const none = await folio(['export', empty])
    expect(none.code).toBe(1)
    expect(none.stderr).toContain('no posts')
  })
})
