/**
 * Item 3: importing 20 camera JPEGs (12 MP, with EXIF) into a post: Folio's importImages
 * (header sniff, naming, EXIF orientation applied, resized to a 2400 px long edge,
 * metadata stripped but the colour profile kept, exclusive writes) against a plain sharp
 * loop doing the same conversion. Both keep os.availableParallelism() files in flight
 * (importImages' default) and leave sharp's own thread pool at its default.
 */
import { link, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import sharp from 'sharp'
import { importImages } from '../../electron/services/images'
import { cameraPhotos } from './fixtures'
import { against, percentile, progress, report, type Row } from './stats'

const runs = 3
const concurrency = availableParallelism()
const photos = await cameraPhotos(20)

/** A fresh folder with the photos hard-linked in: new paths each run, so no cache of sharp's carries over. */
async function freshSources(scratch: string, run: string): Promise<string[]> {
  const dir = join(scratch, `sources-${run}`)
  await mkdir(dir)
  return Promise.all(photos.map(async (photo) => (await link(photo, join(dir, basename(photo))), join(dir, basename(photo)))))
}

async function forEachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

/** Seconds for Folio's import of the photos into a fresh post. */
async function folio(scratch: string, run: string): Promise<number> {
  const sources = await freshSources(scratch, run)
  const root = join(scratch, `blog-${run}`)
  await mkdir(root)
  await writeFile(join(root, 'lisbon-trip.md'), '# Lisbon trip\n')
  const start = performance.now()
  const summary = await importImages(root, 'lisbon-trip.md', sources.map((path) => ({ kind: 'path' as const, path })), { heading: 'Day one' })
  const seconds = (performance.now() - start) / 1000
  if (summary.imported.length !== photos.length) throw new Error(`importImages imported ${summary.imported.length} of ${photos.length}: ${JSON.stringify(summary.skipped)}`)
  return seconds
}

/** Seconds for the same conversion as a plain sharp loop. */
async function plainSharp(scratch: string, run: string): Promise<number> {
  const sources = await freshSources(scratch, run)
  const out = join(scratch, `sharp-${run}`)
  await mkdir(out)
  const start = performance.now()
  await forEachLimit(sources, concurrency, async (file) => {
    await sharp(file, { failOn: 'error' })
      .autoOrient()
      .resize({ width: 2400, height: 2400, fit: 'inside', withoutEnlargement: true })
      .keepIccProfile()
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82 })
      .toFile(join(out, basename(file).toLowerCase()))
  })
  return (performance.now() - start) / 1000
}

const scratch = await mkdtemp(join(tmpdir(), 'folio-bench-images-'))
try {
  const folioRate: number[] = []
  const sharpRate: number[] = []
  // One unmeasured run of each first; then the two alternate, so a busy machine slows both alike.
  for (let run = 0; run <= runs; run++) {
    progress(`images: run ${run + 1} of ${runs + 1}${run === 0 ? ' (warm-up)' : ''}`)
    const s = await plainSharp(scratch, `s${run}`)
    const f = await folio(scratch, `f${run}`)
    if (run === 0) continue
    sharpRate.push(photos.length / s)
    folioRate.push(photos.length / f)
  }
  // What the import wrote: the long edge and no EXIF left.
  const written = join(scratch, `blog-f${runs}`, 'lisbon-trip-images')
  const files = await readdir(written)
  const meta = await sharp(join(written, files[0]!)).metadata()
  if (Math.max(meta.width, meta.height) !== 2400 || meta.exif) throw new Error(`unexpected import output: ${meta.width}x${meta.height}, exif ${meta.exif ? 'kept' : 'gone'}`)

  const label = `Import 20 camera JPEGs (12 MP, EXIF) → 2400 px long edge, metadata stripped`
  const base: Row = { item: 3, case: label, subject: `plain sharp loop (${concurrency} files at a time)`, unit: 'img/s', p50: percentile(sharpRate, 50), samples: sharpRate.length, baseline: true }
  const row = against(base, { item: 3, case: label, subject: `Folio importImages (${concurrency} files at a time)`, unit: 'img/s', p50: percentile(folioRate, 50), samples: folioRate.length, target: '≥ 0.8× sharp throughput' })
  row.met = row.ratio! >= 0.8
  report({
    rows: [base, row],
    notes: [
      `Image import: ${concurrency} files in flight for both (os.availableParallelism(), importImages' default); sharp's thread pool at its default (sharp.concurrency() = ${sharp.concurrency()}); each run reads the photos under new hard-linked paths so sharp's operation cache cannot carry over between runs.`
    ]
  })
} finally {
  await rm(scratch, { recursive: true, force: true })
}
