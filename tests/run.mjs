#!/usr/bin/env node
// `npm test`: builds Folio, finds a Chromium, runs every test runner (vitest, Playwright,
// the Electronegativity scan) and ends with one line: `tests: N passed, N failed[, N skipped]`.
//   --e2e         Playwright only
//   --screenshot  only the screenshot spec, writing docs/screenshots/*.png
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const args = process.argv.slice(2)
const only = args.includes('--screenshot') ? 'screenshot' : args.includes('--e2e') ? 'e2e' : 'all'
const results = join(root, 'out/test-results')
const bin = (name) => join(root, 'node_modules/.bin', name)
const totals = { passed: 0, failed: 0, skipped: 0 }

function run(command, commandArgs, env = {}) {
  console.log(`\n$ ${[command, ...commandArgs].join(' ')}`)
  return spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1
}

const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null)

/** Chromium for the Playwright harness: env, then Debian's, then Playwright's own (installed here when possible). */
function findChromium() {
  const fromEnv = process.env.FOLIO_CHROMIUM || process.env.CHROMIUM_PATH
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium'
  const probe = () => spawnSync(process.execPath, ['-e', "process.stdout.write(require('playwright').chromium.executablePath())"], { cwd: root, encoding: 'utf8' }).stdout
  let bundled = probe()
  if (bundled && existsSync(bundled)) return bundled
  console.log('No Chromium found; asking Playwright to download its own build…')
  run(bin('playwright'), ['install', 'chromium'])
  bundled = probe()
  return bundled && existsSync(bundled) ? bundled : null
}

rmSync(results, { recursive: true, force: true })
if (run(bin('electron-vite'), ['build']) !== 0) {
  console.log('\nThe build failed, so no test ran.')
  console.log('tests: 0 passed, 1 failed')
  process.exit(1)
}

if (only === 'all') {
  const code = run(bin('vitest'), ['run'])
  const report = readJson(join(results, 'vitest.json'))
  const failedTests = report?.numFailedTests ?? 0
  if (report) {
    totals.passed += report.numPassedTests
    totals.failed += failedTests
    totals.skipped += report.numPendingTests + report.numTodoTests
  }
  // A file that failed to load has no failed test of its own: count each such file.
  if (code !== 0 && failedTests === 0) totals.failed += Math.max(1, report?.numFailedTestSuites ?? 0)

  const scan = join(root, 'tests/security/electronegativity.mjs')
  if (existsSync(scan)) {
    if (run(process.execPath, [scan]) === 0) totals.passed += 1
    else totals.failed += 1
  }
}

/** "skipped: <title> — <reason>" for every skipped Playwright test, so a skip never passes silently. */
function skipReasons(suites = []) {
  return suites.flatMap((suite) => [
    ...(suite.specs ?? []).flatMap((spec) =>
      spec.tests
        .filter((t) => t.status === 'skipped')
        .map((t) => `skipped: ${spec.title} — ${t.annotations.find((a) => a.type === 'skip')?.description ?? 'no reason given'}`)
    ),
    ...skipReasons(suite.suites)
  ])
}

const chromium = findChromium()
if (!chromium) {
  console.log('\nNo Chromium could be found or installed: the end-to-end tests could not run.')
  console.log('Install one (Debian: apt-get install chromium) or set FOLIO_CHROMIUM=/path/to/chrome.')
  totals.failed += 1
} else {
  const specs = only === 'screenshot' ? ['tests/e2e/screenshots.spec.ts'] : []
  const env = { FOLIO_CHROMIUM: chromium, ...(only === 'screenshot' ? { FOLIO_SCREENSHOT_DIR: join(root, 'docs/screenshots') } : {}) }
  const code = run(bin('playwright'), ['test', ...specs], env)
  const report = readJson(join(results, 'playwright.json'))
  if (report) {
    totals.passed += report.stats.expected + report.stats.flaky
    totals.failed += report.stats.unexpected
    totals.skipped += report.stats.skipped
    if (report.errors?.length) totals.failed += report.errors.length
    for (const line of skipReasons(report.suites)) console.log(line)
  }
  if (!report || (code !== 0 && report.stats.unexpected === 0 && !report.errors?.length)) totals.failed += 1
}

// Checks run before the tests by .ci/run (typecheck, lint) count as failures here too.
for (const check of (process.env.FOLIO_FAILED_CHECKS ?? '').split(' ').filter(Boolean)) {
  console.log(`failed check: npm run ${check}`)
  totals.failed += 1
}

const skipped = totals.skipped ? `, ${totals.skipped} skipped` : ''
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed${skipped}`)
process.exit(totals.failed ? 1 : 0)
