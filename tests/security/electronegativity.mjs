#!/usr/bin/env node
// Runs Doyensec's Electronegativity over Folio's Electron code (electron/) and the renderer
// (renderer/index.html for its CSP, renderer/src), prints every finding, and exits non-zero
// when a finding is not justified.
//
// A finding is justified only when BOTH hold:
//   1. the allowlist below names its check and file, with the reason;
//   2. the code carries a `// electronegativity: <CHECK_ID> — <reason>` comment on the
//      flagged line or one of the two lines above it, so the reason sits next to the code.
//      Entries for files other teams own (the renderer) instead name exactly what the
//      flagged code must be (`verify`), so anything else at that spot still fails.
// A new finding, or an old one moved to code without the comment, fails the run.
//
// Usage: node tests/security/electronegativity.mjs [--csv out/security/electronegativity.csv]
//
// The package's CLI cannot read its own options with the commander version it installs
// (every run prints the usage and scans nothing), so its documented programmatic API is used.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'

const repo = resolve(import.meta.dirname, '../..')
const electronVersion = '45.5.0'

/** check id + file (relative to the repo, 'N/A' for app-wide checks) -> why it is acceptable. */
const allowlist = [
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'electron/main.ts',
    reason: 'Only http(s) URLs reach shell.openExternal from navigation and window-open handlers; the openExternal dependency is only reached through handlers.openExternal, which allows http(s) and mailto only.'
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'electron/services/handlers.ts',
    reason: 'The URL is validated by the IPC schema (z.string().url()) and then limited to http(s) and mailto right above the call.'
  },
  {
    check: 'PRELOAD_JS_CHECK',
    file: 'electron/main.ts',
    reason: 'The preload runs sandboxed with context isolation and exposes only the typed contract of common/api.ts through contextBridge; no ipcRenderer, no Node APIs (checked by tests/integration/electron-security.test.ts).'
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'renderer/src/Preview.tsx',
    reason: 'The sandboxed renderer has no shell: this is window.folio.openExternal, the IPC call that main validates (http(s)/mailto only).',
    verify: (issue, lines) => /\bfolio\.openExternal\(/.test(lines[issue.location.line - 1] ?? '')
  },
  {
    check: 'CSP_GLOBAL_CHECK',
    file: 'renderer/index.html',
    reason:
      "csp-evaluator's only remark is that script-src 'self' can be a risk where the origin hosts JSONP or user uploads; the app origin (app://folio, electron/services/app-protocol.ts; never file://, where 'self' would match every local file) serves only the built bundle in out/renderer (the opened folder's files come from the separate folio-img: scheme) and the markdown sanitizer strips every <script>.",
    verify: (issue) => cspRemarks(issue.sample).join('|') === "script-src 'self'"
  },
  {
    check: 'AUXCLICK_JS_CHECK',
    file: 'electron/main.ts',
    reason: 'A middle-click can only open a new window, and setWindowOpenHandler denies every new window; will-navigate prevents navigation.'
  }
]

/** What csp-evaluator says about a policy, as `directive value` strings (informational remarks left out). */
function cspRemarks(policy) {
  const csp = createRequire(createRequire(import.meta.url).resolve('@doyensec/electronegativity'))('@doyensec/csp-evaluator')
  const remarks = new csp.CspEvaluator(new csp.CspParser(policy ?? '').csp, csp.Version.CSP3).evaluate()
  return remarks.filter((r) => r.severity < csp.severities.INFO).map((r) => `${r.directive} ${r.value ?? ''}`.trim())
}

const args = process.argv.slice(2)
const csvAt = args.includes('--csv') ? resolve(args[args.indexOf('--csv') + 1] ?? 'out/security/electronegativity.csv') : null

// Stage the scanned files in one folder so the app-wide checks (CSP) see the renderer page.
const stage = mkdtempSync(join(tmpdir(), 'folio-electronegativity-'))
try {
  cpSync(join(repo, 'electron'), join(stage, 'electron'), { recursive: true })
  cpSync(join(repo, 'renderer/index.html'), join(stage, 'renderer/index.html'))
  cpSync(join(repo, 'renderer/src'), join(stage, 'renderer/src'), { recursive: true })

  const run = createRequire(import.meta.url)('@doyensec/electronegativity')
  if (csvAt) mkdirSync(dirname(csvAt), { recursive: true })
  const result = await run({
    input: stage,
    output: csvAt ?? undefined,
    isSarif: false,
    customScan: [],
    excludeFromScan: [],
    isRelative: true,
    isVerbose: false,
    electronVersionOverride: electronVersion,
    parserPlugins: []
  })

  const sourceLines = new Map()
  const linesOf = (file) => {
    if (!sourceLines.has(file)) sourceLines.set(file, readFileSync(join(repo, file), 'utf8').split('\n'))
    return sourceLines.get(file)
  }
  const commented = (issue) => {
    if (issue.file === 'N/A') return true
    const lines = linesOf(issue.file)
    const at = issue.location.line - 1
    return lines.slice(Math.max(0, at - 2), at + 1).some((line) => line.includes(`electronegativity: ${issue.id}`))
  }

  let unjustified = 0
  console.log(`\nElectronegativity (Electron ${electronVersion}): ${result.issues.length} finding(s)\n`)
  for (const issue of result.issues) {
    const file = issue.file.split('\\').join('/')
    const where = `${file}:${issue.location.line}:${issue.location.column}`
    const entry = allowlist.find((a) => a.check === issue.id && a.file === file)
    const ok = Boolean(entry) && (entry.verify ? entry.verify({ ...issue, file }, file === 'N/A' ? [] : linesOf(file)) : commented({ ...issue, file }))
    if (!ok) unjustified++
    console.log(`${ok ? 'justified    ' : 'NOT JUSTIFIED'}  ${issue.id}  ${issue.severity.name}/${issue.confidence.name}  ${where}`)
    console.log(`               ${issue.description}`)
    if (entry && ok) console.log(`               reason: ${entry.reason}`)
    else if (entry?.verify) console.log(`               allowlisted, but the flagged code is not what the allowlist expects: ${issue.sample ?? ''}`)
    else if (entry) console.log(`               allowlisted, but no "// electronegativity: ${issue.id}" comment next to the code`)
  }
  for (const error of result.errors) {
    console.log(`${error.tolerable ? 'parse warning' : 'PARSE ERROR  '}  ${error.file}: ${error.message}`)
    if (!error.tolerable) unjustified++
  }
  console.log(`\n${unjustified === 0 ? 'OK' : 'FAILED'}: ${result.issues.length - unjustified} justified, ${unjustified} not justified${csvAt ? `; CSV in ${csvAt}` : ''}`)
  process.exitCode = unjustified === 0 ? 0 : 1
} finally {
  rmSync(stage, { recursive: true, force: true })
}
