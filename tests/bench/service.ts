/**
 * Beyond the five items, two costs in the main process:
 * - refreshing the post list after a save in a blog of 500 posts (it lists the folder again
 *   after every save and outside change): Folio's cached listing, which re-reads only the
 *   post that changed, against reading every post;
 * - a save that arrives while the largest automatically checked post (256 KB) is being
 *   checked: how long it waits, with the checker on its own thread against the checker on
 *   the main thread.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { listPosts, type PostCache } from '../../electron/services/workspace'
import { writeAtomic } from '../../electron/services/text-file'
import { checkOffThread } from '../../electron/services/check-thread'
import { checkPost, type CheckInput } from '../../common/check'
import { largestCheckedPost } from '../../common/large-post'
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

  // A save arriving 1 ms into a check of the largest post checked automatically.
  const long = recapPost(8_000)
  const input: CheckInput = { text: long.text.slice(0, largestCheckedPost), relPath: 'long.md', files: { imageFiles: long.images, existing: long.images, escaping: [] } }
  const saveDuring = async (check: () => Promise<unknown>) => {
    let waited = 0
    // Asked for 1 ms from now; on a busy thread the timer itself fires late, and that wait counts.
    const asked = performance.now() + 1
    const save = new Promise<void>((done) =>
      setTimeout(() => {
        void writeAtomic(join(scratch, 'saved.md'), Buffer.from(long.text)).then(() => {
          waited = performance.now() - asked
          done()
        })
      }, 1)
    )
    await Promise.all([check(), save])
    return waited
  }
  await saveDuring(() => checkOffThread(input)) // starts the thread
  const onMain: number[] = []
  const onThread: number[] = []
  for (let run = 0; run < 3; run++) {
    progress(`service: save during a check, run ${run + 1} of 3`)
    onMain.push(await saveDuring(async () => checkPost(input)))
    onThread.push(await saveDuring(() => checkOffThread(input)))
  }
  const saveLabel = `A save during the check of a ${Math.round(largestCheckedPost / 1024)} KB post: time to saved`
  const checkBase: Row = { item: 0, case: saveLabel, subject: 'checker on the main thread', unit: 'ms', p50: percentile(onMain, 50), samples: onMain.length, baseline: true }
  const checkRow = against(checkBase, { item: 0, case: saveLabel, subject: 'Folio (checker thread)', unit: 'ms', p50: percentile(onThread, 50), samples: onThread.length, note: 'no target set' })
  report({ rows: [base, row, checkBase, checkRow] })
} finally {
  await rm(scratch, { recursive: true, force: true })
}
