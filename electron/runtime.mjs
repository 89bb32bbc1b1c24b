// Where the Electron runtime is on this machine, without triggering its download
// (requiring the `electron` package downloads it on first use). Used by `npm start` and
// by the Electron-level test, which skips with this reason where there is none.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const electronDir = dirname(require.resolve('electron/package.json'))

/** The Electron executable's path inside its distribution folder. */
export const executableName = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' }[process.platform] ?? 'electron'

/** The runtime the electron package would use (honouring ELECTRON_OVERRIDE_DIST_PATH), or null when it is not on disk. */
export function findRuntime() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  if (override) {
    const file = join(override, executableName)
    return existsSync(file) ? file : null
  }
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const file = join(electronDir, 'dist', readFileSync(pathFile, 'utf8'))
  return existsSync(file) ? file : null
}
