/**
 * Item 4: exporting a 60-image post to HTML in folder form (page + images folder) with
 * Folio's exportPost, against copying the post's image folder with fs.cp: the copy is the
 * floor any folder export pays.
 */
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { exportPost } from '../../electron/services/export'
import { postPhotos } from './fixtures'
import { recapPostOfDays } from './post'
import { against, percentile, progress, report, type Row } from './stats'

const runs = 5
const slug = 'harbour-conference-recap'
const { text, images } = recapPostOfDays(10, slug)
if (images.length !== 60) throw new Error(`the export post has ${images.length} images, not 60`)

const scratch = await mkdtemp(join(tmpdir(), 'folio-bench-export-'))
try {
  // The blog: the post and its image folder, as Folio's import leaves them.
  const blog = join(scratch, 'blog')
  const photos = await postPhotos(images)
  await cp(photos, blog, { recursive: true, filter: (source) => !source.endsWith('.recipe') })
  await writeFile(join(blog, `${slug}.md`), text)
  const imagesDir = join(blog, `${slug}-images`)
  if ((await readdir(imagesDir)).length !== 60) throw new Error('the export post is missing images')

  const copyMs: number[] = []
  const exportMs: number[] = []
  let warnings: string[] = []
  // One unmeasured run of each first; then the two alternate. Outputs are removed between runs, untimed.
  for (let run = 0; run <= runs; run++) {
    progress(`export: run ${run + 1} of ${runs + 1}${run === 0 ? ' (warm-up)' : ''}`)
    const copyTarget = join(scratch, `copy-${run}`)
    let start = performance.now()
    await cp(imagesDir, copyTarget, { recursive: true })
    const copied = performance.now() - start

    const outDir = join(scratch, `export-${run}`)
    start = performance.now()
    const result = await exportPost(join(blog, `${slug}.md`), { singleFile: false, outDir })
    const exported = performance.now() - start
    warnings = result.warnings
    if ((await readdir(join(outDir, `${slug}-images`))).length !== 60) throw new Error('the export did not write 60 images')

    await rm(copyTarget, { recursive: true, force: true })
    await rm(outDir, { recursive: true, force: true })
    if (run === 0) continue
    copyMs.push(copied)
    exportMs.push(exported)
  }
  if (warnings.length) throw new Error(`the export warned: ${warnings.join('; ')}`)

  const label = `HTML export (folder form) of a 60-image post (${text.split('\n').length} lines)`
  const base: Row = { item: 4, case: label, subject: 'fs.cp of the image folder', unit: 'ms', p50: percentile(copyMs, 50), samples: copyMs.length, baseline: true }
  const row = against(base, { item: 4, case: label, subject: 'Folio exportPost', unit: 'ms', p50: percentile(exportMs, 50), samples: exportMs.length, target: '≤ 2× the copy' })
  row.met = row.ratio! <= 2
  report({ rows: [base, row] })
} finally {
  await rm(scratch, { recursive: true, force: true })
}
