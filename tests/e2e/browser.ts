import { existsSync } from 'node:fs'
import { chromium } from 'playwright'

/** Flags for a headless Chromium on a machine with no network beyond the registries. */
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

/**
 * The Chromium to test with: FOLIO_CHROMIUM (or CHROMIUM_PATH) first, then Debian's
 * /usr/bin/chromium, then Playwright's own download. Null when there is none.
 */
export function findChromium(): string | null {
  const fromEnv = process.env.FOLIO_CHROMIUM || process.env.CHROMIUM_PATH
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium'
  const bundled = chromium.executablePath()
  return bundled && existsSync(bundled) ? bundled : null
}
