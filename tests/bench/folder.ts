/**
 * Beyond the five items: refreshing the post list after a save in a blog of 500
 * posts (the main process lists the folder again after every save and outside change).
 * Folio's cached listing, which re-reads only the post that changed, against reading every
 * post as an uncached listing does.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { listPosts, type PostCache } from '../../electron/services/workspace'
import { recapPost } from './post'
import { against, percentile, progress, report, type Row } from './stats'

const postCount = 500
const runs = 15
const scratch = await mkdtemp(join(tmpdir(), 'folio-bench-folder-'))
try {
  progress(`folder: writing ${postCount} posts`)
  const { text } = recapPost(250)
  for (let i = 0; i < postCount; i++) {
    const year = join(scratch, String(2020 + (i % 6)))
    await mkdir(year, { recursive: true })
    await writeFile(join(year, `post-${i}.md`), text.replace('Harbour Conference Recap', `Recap ${i}`))
  }
  const cache: PostCache = new Map()
  await listPosts(scratch, cache)
  const full: number[] = []
  const cached: number[] = []
  for (let run = 0; run <= runs; run++) {
    // One save: a post changes on disk, then the list is refreshed.
    await writeFile(join(scratch, '2020', 'post-0.md'), `${text}\nEdit ${run}.\n`)
    let start = performance.now()
    const fresh = await listPosts(scratch)
    const fullMs = performance.now() - start
    start = performance.now()
    const again = await listPosts(scratch, cache)
    const cachedMs = performance.now() - start
    if (fresh.length !== postCount || JSON.stringify(again) !== JSON.stringify(fresh)) throw new Error('the cached listing differs from a full one')
    if (run === 0) continue
    full.push(fullMs)
    cached.push(cachedMs)
  }
  const label = `Post list refresh after a save, ${postCount}-post folder`
  const base: Row = { item: 0, case: label, subject: 'reading every post', unit: 'ms', p50: percentile(full, 50), samples: full.length, baseline: true }
  const row = against(base, { item: 0, case: label, subject: 'Folio (only changed posts re-read)', unit: 'ms', p50: percentile(cached, 50), samples: cached.length, note: 'no target set' })
  report({ rows: [base, row] })
} finally {
  await rm(scratch, { recursive: true, force: true })
}
