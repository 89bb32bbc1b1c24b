import { afterAll, beforeAll, expect, test } from 'vitest'
import { spawn } from 'node:child_process'
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'
import { listPosts } from '../../electron/services/workspace'
import { tempFolder } from './fs-helpers'

/**
 * A save interrupted by SIGKILL (a crash, a power button, the OOM killer) must leave the
 * post as it was before the save or as it is after it — never empty, never cut short. A
 * child process saves a ~500 KB post up to 200 times with Folio's real writeAtomic and is
 * killed at a random moment; after each kill the file on disk must be exactly one whole
 * version, and never older than the last save the child reported finished.
 */
const repo = resolve(import.meta.dirname, '../..')
const child = join(import.meta.dirname, 'fixtures/kill-save-child.mjs')
const rounds = 30
const savesPerChild = 200

/** The same as the fixture's postVersion; if the two drift apart, the first round fails. */
const postVersion = (n: number) => `# Version ${n}\n\n${`Line of version ${n}, long enough to span many disk blocks.\n`.repeat(8000 + (n % 7) * 500)}`

let work: string
let cleanup: () => Promise<void>
let modulePath: string

beforeAll(async () => {
  ;({ dir: work, cleanup } = await tempFolder('folio-kill-'))
  // Node 20 cannot import .ts: bundle text-file.ts with what it imports from the project
  // (packages stay imports, found through a node_modules link), so the child runs the very
  // code the app saves with.
  modulePath = join(work, 'text-file.mjs')
  await build({ entryPoints: [join(repo, 'electron/services/text-file.ts')], bundle: true, packages: 'external', platform: 'node', format: 'esm', outfile: modulePath, logLevel: 'silent' })
  await symlink(join(repo, 'node_modules'), join(work, 'node_modules'), 'junction')
  await mkdir(join(work, 'blog'))
})
afterAll(() => cleanup())

/** Runs the child until `killAfterMs` after its first finished save, then SIGKILLs it. */
function saveAndKill(target: string, first: number, killAfterMs: number): Promise<{ lastSaved: number; stderr: string; killed: boolean }> {
  return new Promise((done, fail) => {
    const proc = spawn(process.execPath, [child, modulePath, target, String(first), String(savesPerChild)], { stdio: ['ignore', 'pipe', 'pipe'] })
    let lastSaved = first - 1
    let stdout = ''
    let stderr = ''
    let timer: NodeJS.Timeout | undefined
    proc.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      for (const match of stdout.matchAll(/saved (\d+)\n/g)) lastSaved = Math.max(lastSaved, Number(match[1]))
      timer ??= setTimeout(() => proc.kill('SIGKILL'), killAfterMs)
    })
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    proc.on('error', fail)
    proc.on('close', (_code, signal) => {
      clearTimeout(timer)
      done({ lastSaved, stderr, killed: signal === 'SIGKILL' })
    })
  })
}

test('a post saved while being SIGKILLed is always one whole version', async () => {
  const blog = join(work, 'blog')
  const target = join(blog, 'post.md')
  await writeFile(target, postVersion(0))
  let version = 0
  let killedMidSave = 0
  let killed = 0

  for (let round = 0; round < rounds; round++) {
    const result = await saveAndKill(target, version + 1, Math.random() * 40)
    expect(result.stderr).toBe('')
    if (result.killed) killed++

    const bytes = await readFile(target, 'utf8')
    const header = /^# Version (\d+)\n/.exec(bytes)
    expect(header, `round ${round}: the post lost its first line (${bytes.length} bytes left)`).not.toBeNull()
    const onDisk = Number(header![1])
    expect(bytes === postVersion(onDisk), `round ${round}: version ${onDisk} is cut short or mixed (${bytes.length} bytes)`).toBe(true)
    expect(onDisk, `round ${round}: a save the child reported finished was lost`).toBeGreaterThanOrEqual(result.lastSaved)
    version = onDisk

    // A temp file left behind means the kill landed inside a save (between open and rename).
    const leftovers = (await readdir(blog)).filter((name) => name !== 'post.md')
    if (leftovers.length > 0) killedMidSave++
    await Promise.all(leftovers.map((name) => rm(join(blog, name))))
  }

  console.info(`kill-save: ${rounds} rounds, ${killed} killed, ${killedMidSave} killed in the middle of a save, last version ${version}`)
  expect(killed).toBeGreaterThan(rounds / 2)
  // Without kills landing mid-save the test would prove nothing.
  expect(killedMidSave).toBeGreaterThan(0)
  expect((await listPosts(blog)).map((p) => p.relPath)).toEqual(['post.md'])
}, 60_000)
