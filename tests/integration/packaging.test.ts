import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, copyFile, mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { listPackage } from '@electron/asar'
import { validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { DebugLogger } from 'builder-util/out/DebugLogger'

// electron-builder cannot download Electron here, so the app is packed against a stand-in
// Electron distribution (an executable and the files electron-builder expects) and the
// result is inspected: what users would install, minus the real runtime.
const root = resolve(import.meta.dirname, '../..')
const run = promisify(execFile)
let outDir: string
let asarFiles: string[]

async function standInElectron(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'folio-electron-dist-'))
  await copyFile('/bin/true', join(dir, 'electron'))
  await chmod(join(dir, 'electron'), 0o755)
  for (const name of ['LICENSE', 'LICENSES.chromium.html', 'chrome_100_percent.pak', 'resources.pak', 'icudtl.dat', 'v8_context_snapshot.bin']) {
    await writeFile(join(dir, name), '')
  }
  await mkdir(join(dir, 'resources'))
  await mkdir(join(dir, 'locales'))
  return dir
}

describe.skipIf(process.platform !== 'linux')('packaging (electron-builder against a stand-in Electron)', () => {
  beforeAll(async () => {
    if (!existsSync(join(root, 'out/main/index.js'))) throw new Error('Build first: npm run build')
    const dist = await standInElectron()
    outDir = await mkdtemp(join(tmpdir(), 'folio-pack-'))
    await run(join(root, 'node_modules/.bin/electron-builder'), ['--dir', '--linux', `-c.electronDist=${dist}`, `-c.directories.output=${outDir}`], {
      cwd: root,
      env: { ...process.env, ELECTRON_BUILDER_OFFLINE: 'true' },
      maxBuffer: 64 * 1024 * 1024
    })
    asarFiles = listPackage(join(outDir, 'linux-unpacked/resources/app.asar'), { isPack: false })
  }, 180_000)

  it('electron-builder.yml passes electron-builder’s own validation', async () => {
    const config = parse(await readFile(join(root, 'electron-builder.yml'), 'utf8'))
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
    await expect(validateConfiguration({ ...config, notAnOption: true } as never, new DebugLogger(false))).rejects.toThrow()
  })

  it('holds the built main process, preload and renderer', () => {
    for (const file of ['/out/main/index.js', '/out/main/cli.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/package.json']) {
      expect(asarFiles).toContain(file)
    }
  })

  it('ships the sample blog and the export theme as resources', async () => {
    const resources = join(outDir, 'linux-unpacked/resources/resources')
    const posts = (await readdir(join(resources, 'sample-blog'))).filter((f) => f.endsWith('.md'))
    expect(posts.length).toBeGreaterThanOrEqual(2)
    expect(existsSync(join(resources, 'theme/export.css'))).toBe(true)
  })

  it('unpacks sharp’s native files from the asar', async () => {
    const unpacked = join(outDir, 'linux-unpacked/resources/app.asar.unpacked/node_modules')
    expect(existsSync(join(unpacked, 'sharp/package.json'))).toBe(true)
    const img = await readdir(join(unpacked, '@img'))
    expect(img.some((name) => name.startsWith('sharp-linux'))).toBe(true)
  })

  it('contains no dev-only dependency and no test file', async () => {
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }
    const packedModules = new Set(asarFiles.filter((f) => /^\/node_modules\/(@[^/]+\/)?[^/]+$/.test(f)).map((f) => f.slice('/node_modules/'.length)))
    // Type-only packages (@types/*) come along as dependencies of unified's packages; they hold no code.
    const devOnly = Object.keys(pkg.devDependencies).filter((name) => packedModules.has(name) && !name.startsWith('@types/'))
    expect(devOnly).toEqual([])
    expect(packedModules.has('remark-parse')).toBe(true)
    expect(asarFiles.filter((f) => f.startsWith('/tests/') || /\.(test|spec)\.[cm]?[jt]s$/.test(f) || f.startsWith('/renderer/src'))).toEqual([])
  })
})
