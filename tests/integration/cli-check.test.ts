import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { jpeg, recapImages, recapPost, writePost } from '../unit/check-fixtures'

const cli = resolve('out/main/cli.js')

/** Runs the built CLI the way a user does: `folio check ...` in a folder. */
function folio(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [cli, 'check', ...args], { cwd, encoding: 'utf8' })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

beforeAll(() => {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` (electron-vite build) before the integration tests`)
})

describe('folio check (built CLI)', { timeout: 90_000 }, () => {
  it('lists each problem of a recap draft once, as path:line severity rule message, and exits 0 without errors', async () => {
    const { dir } = await writePost('lisbon-recap', recapPost, recapImages)
    const { code, stdout } = folio(['lisbon-recap.md'], dir)
    const lines = stdout.trim().split('\n')
    const problems = lines.slice(0, -1)
    expect(problems).toContain('lisbon-recap.md:26  warning  image-alt  Image lisbon-recap-images/tram-28-on-the-hill.jpg has no alt text')
    expect(problems).toContain('lisbon-recap.md:10  warning  toc-outdated  The table of contents does not match the headings: “Goodbye” is now “Day Two”; “Lightning Talks” is missing')
    expect(problems.filter((l) => l.includes('  mojibake  ')).map((l) => l.split('  ')[0])).toEqual(['lisbon-recap.md:28', 'lisbon-recap.md:43', 'lisbon-recap.md:51'])
    expect(new Set(problems).size).toBe(problems.length)
    for (const line of problems) expect(line).toMatch(/^lisbon-recap\.md:\d+ {2}(error|warning|info) {2}\S+ {2}\S/)
    expect(lines.at(-1)).toBe('0 errors, 7 warnings, 4 notes in 1 post')
    expect(code).toBe(0)
  })

  it('exits 1 on errors (a missing image, broken front matter) and reports orphans', async () => {
    const text = recapPost.replace('sprint-room.jpg', 'sprint-room-missing.jpg')
    const { dir } = await writePost('lisbon-recap', text, [...recapImages, 'left-over.jpg'])
    const { code, stdout } = folio(['.'], dir)
    expect(stdout).toContain('lisbon-recap.md:49  error  image-missing  Image lisbon-recap-images/sprint-room-missing.jpg does not exist\n')
    expect(stdout).toContain('lisbon-recap.md:1  warning  image-orphan  lisbon-recap-images/left-over.jpg in lisbon-recap-images/ is not used in the post\n')
    expect(code).toBe(1)
    await writeFile(join(dir, 'lisbon-recap.md'), '---\ntags: [a, b\n---\n\n# T\n')
    const broken = folio(['lisbon-recap.md'], dir)
    expect(broken.stdout).toContain('lisbon-recap.md:2  error  front-matter-yaml  Front matter is not valid YAML: ')
    expect(broken.code).toBe(1)
  })

  it('prints machine-readable JSON with --json, for every post of a folder', async () => {
    const { dir } = await writePost('lisbon-recap', recapPost, recapImages)
    await writeFile(join(dir, 'second.md'), '---\ndate: 2026-07-20\n---\n\n# Second\n\nAll good here.\n')
    await writeFile(join(dir, 'lisbon-recap-images', 'not-a-post.md'), '# ignored\n')
    await writeFile(join(dir, 'lisbon-recap-images', 'spare.jpg'), await jpeg('#225577'))
    const { code, stdout } = folio(['--json', dir], dir)
    expect(code).toBe(0)
    const report = JSON.parse(stdout) as { posts: { path: string; diagnostics: { rule: string; line: number; severity: string; fix?: { label: string; edits: unknown[] } }[] }[]; errors: number; warnings: number; infos: number }
    expect(report.posts.map((p) => p.path)).toEqual(['lisbon-recap.md', 'second.md'])
    expect(report.posts[1]?.diagnostics).toEqual([])
    const recap = report.posts[0]?.diagnostics ?? []
    expect(recap.find((d) => d.rule === 'image-orphan')).toMatchObject({ severity: 'warning', line: 1 })
    expect(recap.find((d) => d.rule === 'mojibake')?.fix).toMatchObject({ label: 'Replace with “🔝”', edits: [{ insert: '🔝' }] })
    expect(report).toMatchObject({ errors: 0, warnings: 8, infos: 4 })
  })

  it('exits 2 on usage errors', async () => {
    const { dir } = await writePost('p', '# P\n', [])
    await writeFile(join(dir, 'notes.txt'), 'x')
    expect(folio([], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: folio check') })
    expect(folio(['p.md', '--fix'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown option --fix') })
    expect(folio(['missing.md'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('does not exist') })
    expect(folio(['notes.txt'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('is not a markdown post') })
    expect(folio(['p.md', '--generator', 'wordpress'], dir).code).toBe(2)
    expect(folio(['--help'], dir)).toMatchObject({ code: 0, stdout: expect.stringContaining('--json') })
  })
})
