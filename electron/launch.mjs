#!/usr/bin/env node
// `npm start`: checks that the Electron runtime is present (it is downloaded on first use,
// not at install), builds Folio when needed, and starts it on the given folder or the
// sample blog. Where the runtime cannot be had it says what is missing and how to get it,
// instead of a stack trace.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { executableName, findRuntime } from './runtime.mjs'

const require = createRequire(import.meta.url)
const root = join(import.meta.dirname, '..')
const electronDir = dirname(require.resolve('electron/package.json'))
const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'))
const args = process.argv.slice(2)
const devMode = args.includes('--dev')
const folderArgs = args.filter((a) => a !== '--dev')

function explainMissing(reason) {
  const platform = `${process.platform}-${process.arch}`
  console.error(`
Folio cannot start: the Electron runtime (Electron ${version} for ${platform}) is not installed.
${reason}

Electron downloads its runtime the first time it is used, and that download failed here.
Get it one of these ways, then run \`npm start\` again:

  1. On a connection that can reach Electron's release downloads:
       npx install-electron
  2. Offline: copy electron-v${version}-${platform}.zip from another machine (or your
     organisation's mirror), unzip it into a folder, and point Folio at it:
       ELECTRON_OVERRIDE_DIST_PATH=/path/to/that/folder npm start
  3. Behind a mirror: set ELECTRON_MIRROR to its address and run option 1.

Everything except the desktop window works without it: \`npm test\` runs the app's
renderer in Chromium, and \`npx folio export <post.md>\` exports without Electron.
`)
  process.exit(1)
}

let runtime = findRuntime()
if (!runtime && process.env.ELECTRON_OVERRIDE_DIST_PATH) {
  explainMissing(`ELECTRON_OVERRIDE_DIST_PATH is set to ${process.env.ELECTRON_OVERRIDE_DIST_PATH}, but it holds no ${executableName}.`)
}
if (!runtime) {
  console.log(`Electron ${version} is not downloaded yet; downloading it now…`)
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], { encoding: 'utf8', timeout: 180_000 })
  runtime = findRuntime()
  if (!runtime) {
    const output = `${result.stderr ?? ''}${result.stdout ?? ''}`.trim().split('\n')
    const line = output.find((l) => /error|ENOTFOUND|ECONNREFUSED|EAI_AGAIN|ETIMEDOUT|status/i.test(l)) ?? output.at(-1) ?? ''
    explainMissing(result.error ? `The download did not finish: ${result.error.message}` : `The download failed: ${line.trim() || `exit code ${result.status}`}`)
  }
}

if (devMode) {
  const child = spawn(process.execPath, [require.resolve('electron-vite/bin/electron-vite.js'), 'dev', '--', ...folderArgs], { cwd: root, stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
} else {
  if (!existsSync(join(root, 'out/main/index.js')) || !existsSync(join(root, 'out/renderer/index.html'))) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
    if (build.status !== 0) process.exit(build.status ?? 1)
  }
  const child = spawn(runtime, [root, ...folderArgs], { cwd: root, stdio: 'inherit', env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined } })
  child.on('exit', (code) => process.exit(code ?? 0))
}
