#!/usr/bin/env node
// `npm run bench`: issue 6's benchmarks. Builds what is missing or stale (the renderer with
// electron-vite, the bare CodeMirror page with vite's build API), runs each suite in its own
// Node process (TypeScript through tsx), prints one table with every figure and its ratio
// to the baseline measured in the same run, and writes it into docs/performance.md.
//   node tests/bench/run.mjs [render|export|images|browser|service ...]   only the named suites
//   --no-write                                                      print, leave docs/ alone
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join, relative } from 'node:path'

const root = join(import.meta.dirname, '../..')
const resultsDir = join(root, 'out/bench/results')
const args = process.argv.slice(2)
const suites = [
  { name: 'render', file: 'render.ts', title: 'Item 1: preview update (Node)' },
  { name: 'export', file: 'export.ts', title: 'Item 4: HTML export' },
  { name: 'images', file: 'images.ts', title: 'Item 3: image import' },
  { name: 'browser', file: 'browser.ts', title: 'Items 2 and 5: Chromium' },
  { name: 'service', file: 'service.ts', title: 'Beyond the items: the main process (post list, checker)' }
].filter((suite) => !args.some((a) => !a.startsWith('--')) || args.includes(suite.name))
const started = Date.now()
const loadBefore = os.loadavg()[0]

/** The newest modification time under `paths` (files or folders), node_modules and out/ left out. */
function newest(paths) {
  let time = 0
  const visit = (path) => {
    if (!existsSync(path)) return
    const info = statSync(path)
    if (info.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== 'node_modules' && entry !== 'out') visit(join(path, entry))
    } else time = Math.max(time, info.mtimeMs)
  }
  paths.forEach((p) => visit(join(root, p)))
  return time
}
const stale = (output, sources) => !existsSync(join(root, output)) || statSync(join(root, output)).mtimeMs < newest(sources)

// 1. The built renderer the harness serves (and the services' bundle beside it).
const appSources = ['renderer', 'common', 'electron', 'resources', 'package.json', 'package-lock.json', 'electron.vite.config.ts']
if (suites.some((s) => s.name === 'browser') && stale('out/renderer/index.html', appSources)) {
  console.log('The renderer build is missing or older than its sources: building it (electron-vite build)…')
  const build = spawnSync(join(root, 'node_modules/.bin/electron-vite'), ['build'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) {
    console.log('The build failed, so no benchmark ran.')
    process.exit(1)
  }
}

// 2. The bare CodeMirror page, the baseline of the browser figures.
if (suites.some((s) => s.name === 'browser') && stale('out/bench/bare-editor/index.html', ['tests/bench/bare-editor', 'package-lock.json'])) {
  console.log('Building the bare CodeMirror page (vite) into out/bench/bare-editor…')
  const { build } = await import('vite')
  await build({
    configFile: false,
    root: join(root, 'tests/bench/bare-editor'),
    base: './',
    logLevel: 'warn',
    build: { outDir: join(root, 'out/bench/bare-editor'), emptyOutDir: true, reportCompressedSize: false, chunkSizeWarningLimit: 4096 }
  })
}

// 3. The suites, one process each, so one's JIT state and heap do not colour another's.
rmSync(resultsDir, { recursive: true, force: true })
mkdirSync(resultsDir, { recursive: true })
const results = []
const failed = []
for (const suite of suites) {
  console.log(`\n${suite.title}`)
  const out = join(resultsDir, `${suite.name}.json`)
  const suiteStart = Date.now()
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(import.meta.dirname, suite.file), '--out', out], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] })
  console.log(`  (${Math.round((Date.now() - suiteStart) / 1000)} s)`)
  if (run.status !== 0 || !existsSync(out)) failed.push(suite.name)
  else results.push(JSON.parse(readFileSync(out, 'utf8')))
}

// 4. The table.
const rows = results.flatMap((r) => r.rows)
const meta = Object.assign({}, ...results.map((r) => r.meta ?? {}))
const notes = results.flatMap((r) => r.notes ?? [])
const cpus = os.cpus()
const machine = [
  `CPU: ${cpus[0]?.model.trim() ?? 'unknown'}, ${cpus.length} cores (available parallelism ${os.availableParallelism()})`,
  `memory: ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
  `Node ${process.version}`,
  `Chromium ${meta.chromium ?? '(not run)'}`,
  `${os.type()} ${os.release()} ${os.arch()}`,
  `load average (1 min) ${loadBefore.toFixed(1)} at start, ${os.loadavg()[0].toFixed(1)} at end`
]
const fixed = (value, unit) => (Number.isNaN(value) || value === undefined ? '–' : unit === 'img/s' ? value.toFixed(2) : unit === 'MB' ? value.toFixed(1) : value < 100 ? value.toFixed(1) : value.toFixed(0))
const unitName = { ms: 'ms', MB: 'MiB', 'img/s': 'img/s' }
const table = [
  '| # | Case | Measured | p50 | p95 | n | Ratio to baseline | Target | Met |',
  '|---|------|----------|----:|----:|--:|------------------:|--------|-----|',
  ...rows.map((r) =>
    [
      r.item || '–',
      r.case,
      r.subject,
      `${fixed(r.p50, r.unit)} ${unitName[r.unit]}`,
      r.p95 === undefined ? '' : `${fixed(r.p95, r.unit)} ${unitName[r.unit]}`,
      r.samples,
      r.baseline ? 'baseline' : r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`,
      r.target ?? r.note ?? '',
      r.met === undefined ? '' : r.met ? 'yes' : '**no**'
    ].join(' | ').replace(/^/, '| ').replace(/$/, ' |')
  )
].join('\n')
const targets = rows.filter((r) => r.met !== undefined)
const when = new Date().toISOString().replace('T', ' ').replace(/\..*/, ' UTC')
const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim()
const dirty = spawnSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' }).stdout.trim() ? ' + uncommitted changes' : ''
const summary = targets.map((r) => `- Item ${r.item}, ${r.case}: ${r.subject} ${r.met ? 'meets' : '**misses**'} "${r.target}" (ratio ${r.ratio.toFixed(2)}×${r.p95 !== undefined && r.unit === 'ms' ? `, p95 ${fixed(r.p95, r.unit)} ms` : ''}).`)

console.log(`\nMachine: ${machine.join('; ')}`)
console.log(`Run: ${when}, commit ${commit}${dirty}, ${Math.round((Date.now() - started) / 1000)} s\n`)
console.log(table)
console.log(`\n${summary.join('\n')}`)
if (notes.length) console.log(`\n${notes.map((n) => `- ${n}`).join('\n')}`)

// 5. docs/performance.md: the generated part between the markers; the rest is written by hand.
const doc = join(root, 'docs/performance.md')
if (!args.includes('--no-write') && suites.length === 5 && !failed.length && existsSync(doc)) {
  const generated = [
    '<!-- bench:begin (written by `npm run bench`; edit outside these markers) -->',
    `Latest run: ${when}, commit ${commit}${dirty}, ${Math.round((Date.now() - started) / 1000)} s in all.`,
    '',
    `Machine: ${machine.map((m) => m.replace(/\*/g, '')).join('; ')}.`,
    '',
    table,
    '',
    '### Targets in this run',
    '',
    ...summary,
    '',
    '### Details from this run',
    '',
    ...notes.map((n) => `- ${n}`),
    '<!-- bench:end -->'
  ].join('\n')
  const text = readFileSync(doc, 'utf8')
  const replaced = text.replace(/<!-- bench:begin[\s\S]*?<!-- bench:end -->/, () => generated)
  writeFileSync(doc, replaced === text && !text.includes('<!-- bench:begin') ? `${text}\n${generated}\n` : replaced)
  console.log(`\nWrote the table into ${relative(root, doc)}.`)
}

if (failed.length) {
  console.log(`\nFailed suites: ${failed.join(', ')}`)
  process.exit(1)
}
