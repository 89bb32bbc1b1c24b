import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

/** The repository root and the folder benchmarks write into (fixtures, builds, results). */
export const root = resolve(import.meta.dirname, '../..')
export const benchOut = join(root, 'out/bench')

/** The p-th percentile (0–100) of `values`, linearly interpolated between ranks. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = (p / 100) * (sorted.length - 1)
  const low = Math.floor(rank)
  const high = Math.ceil(rank)
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low)
}

export const median = (values: readonly number[]) => percentile(values, 50)

/** Waits `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))

/** Milliseconds `fn` takes, once. */
export async function timed(fn: () => unknown): Promise<number> {
  const start = performance.now()
  await fn()
  return performance.now() - start
}

/** A small seeded PRNG (mulberry32), so every run types and edits the same way. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** One line of the results table. */
export interface Row {
  /** The numbered item of issue 6 the row belongs to (0: a figure beyond the five items). */
  item: number
  /** What was measured, e.g. "Preview update, 2.5k lines". */
  case: string
  /** Who did it: "Folio incremental", "markdown-it (full)", ... */
  subject: string
  unit: 'ms' | 'MB' | 'img/s'
  p50: number
  p95?: number
  /** How many samples the figures come from. */
  samples: number
  /** This row is the baseline its case's ratios are taken against. */
  baseline?: boolean
  /** p50 divided by the baseline's p50 (for throughput: this row's over the baseline's). */
  ratio?: number
  /** The target, in words, and whether this run met it. */
  target?: string
  met?: boolean
  note?: string
}

/** What a benchmark suite hands the runner. */
export interface SuiteResult {
  rows: Row[]
  /** Facts about the environment the suite saw (e.g. the Chromium version). */
  meta?: Record<string, string>
  /** Method notes and measured details for the report. */
  notes?: string[]
}

/** Writes a suite's results where the runner asked (`--out <file>`), or prints them. */
export function report(result: SuiteResult): void {
  const at = process.argv.indexOf('--out')
  const file = at === -1 ? null : process.argv[at + 1]
  const json = JSON.stringify(result, null, 2)
  if (!file) {
    console.log(json)
    return
  }
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, json)
}

/** Row figures, with the ratio to `baseline` filled in (times: lower is better; throughput: higher). */
export function against(baseline: Row, row: Omit<Row, 'ratio'>): Row {
  return { ...row, ratio: row.p50 / baseline.p50 }
}

/** Progress on stderr, so a long suite shows it is alive without mixing into results. */
export const progress = (message: string) => process.stderr.write(`  ${message}\n`)
