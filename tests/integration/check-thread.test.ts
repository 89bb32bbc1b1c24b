import { describe, expect, it } from 'vitest'
import { checkPost } from '../../common/check'
import { checkOffThread, checkThreadAvailable } from '../../electron/services/check-thread'
import { checkPostInFolder } from '../../electron/services/check-files'
import { factsFor, recapImages, recapPost, writePost } from '../unit/check-fixtures'

describe('the checker thread', () => {
  it('starts, and gives what checking in this thread gives', async () => {
    const input = { text: `${recapPost}\n![](recap-images/not-there.jpg)\n`, relPath: 'recap.md', files: factsFor(recapImages.map((name) => `recap-images/${name}`)) }
    const here = checkPost(input)
    expect(here.some((d) => d.rule === 'image-missing')).toBe(true)
    expect(await checkOffThread(input)).toEqual(here)
    // Had the thread failed to start, the check would have run here and the thread be marked unavailable.
    expect(checkThreadAvailable()).toBe(true)
  })

  it('keeps this thread free while it checks a long post', async () => {
    const text = recapPost.repeat(40)
    const order: string[] = []
    const checked = checkOffThread({ text, relPath: 'long.md', files: factsFor(recapImages.map((name) => `long-images/${name}`)) }).then((diagnostics) => {
      order.push('check')
      return diagnostics
    })
    // Checked on this thread, the check would be over before the timer could fire.
    setTimeout(() => order.push('timer'), 0)
    expect((await checked).length).toBeGreaterThan(0)
    expect(order).toEqual(['timer', 'check'])
  })

  it('is what checking a post of the opened folder uses', async () => {
    const { dir } = await writePost('trip.md', `${recapPost}\n![](trip-images/not-there.jpg)\n`, recapImages)
    const diagnostics = await checkPostInFolder(dir, 'trip.md', `${recapPost}\n![](trip-images/not-there.jpg)\n`)
    expect(diagnostics.filter((d) => d.rule === 'image-missing').map((d) => d.message)).toContain('Image trip-images/not-there.jpg does not exist')
    expect(checkThreadAvailable()).toBe(true)
  })

  it('answers several checks in the order they were asked, and passes on a check that throws', async () => {
    const texts = ['# One\n', '# Two\n\n![](x.jpg)\n', '# Three\n\n[a](#nowhere)\n']
    const results = await Promise.all(texts.map((text) => checkOffThread({ text, relPath: 'p.md', files: factsFor([]) })))
    expect(results).toEqual(texts.map((text) => checkPost({ text, relPath: 'p.md', files: factsFor([]) })))
    await expect(checkOffThread({ text: '# x\n', relPath: 'p.md', files: null as never })).rejects.toThrow()
    expect(checkThreadAvailable()).toBe(true) // a failed check does not stop the thread
  })
})
