import { afterEach, describe, expect, it, vi } from 'vitest'
import { IncrementalRenderer } from '../../common/markdown/incremental'
import { renderEngine } from '../../renderer/src/preview/render-engine'

const request = (text: string, relPath = 'post.md') => ({ relPath, text, imageBase: 'folio-img://post/' })

describe('the preview render engine (what the worker runs)', () => {
  afterEach(() => vi.restoreAllMocks())

  it('sends the HTML of new blocks only; unchanged blocks keep their ids', () => {
    const render = renderEngine()
    const first = render(request('# Title\n\nOne.\n\n---\n\nTwo.\n\n---\n'))
    expect(first.blocks.every((b) => typeof b.html === 'string')).toBe(true)
    const rules = first.blocks.filter((b) => b.html === '<hr>')
    expect(rules).toHaveLength(2)
    expect(new Set(first.blocks.map((b) => b.id)).size).toBe(first.blocks.length)

    const second = render(request('# Title\n\nOne, edited.\n\n---\n\nTwo.\n\n---\n'))
    const sent = second.blocks.filter((b) => b.html !== undefined)
    expect(sent.map((b) => b.html)).toEqual(['<p>One, edited.</p>'])
    // Every other block is the same block as before, by id, in the same order.
    expect(second.blocks.filter((b) => b.html === undefined).map((b) => b.id)).toEqual(first.blocks.filter((b) => b.html !== '<p>One.</p>').map((b) => b.id))
    expect(second.headings.map((h) => h.text)).toEqual(['Title'])
    expect(second.stats.words).toBe(4)
  })

  it('starts over for another post, and resolves its images against that post', () => {
    const render = renderEngine()
    render(request('Hello.\n'))
    const other = render(request('Hello.\n\n![a](pics/a.jpg)\n', 'trips/other.md'))
    expect(other.blocks.every((b) => typeof b.html === 'string')).toBe(true)
    expect(other.blocks[1]!.html).toContain('src="folio-img://post/trips/pics/a.jpg"')
  })

  it('answers with the reason when the pipeline fails, and recovers on the next text', () => {
    const render = renderEngine()
    const broken = vi.spyOn(IncrementalRenderer.prototype, 'render').mockImplementationOnce(() => {
      throw new Error('boom')
    })
    const failed = render(request('Some text.\n'))
    expect(failed).toMatchObject({ blocks: [], headings: [], error: 'boom' })
    expect(failed.stats.words).toBe(2)
    broken.mockRestore()
    const next = render(request('Some text.\n'))
    expect(next.error).toBeUndefined()
    expect(next.blocks.map((b) => b.html)).toEqual(['<p>Some text.</p>'])
  })
})
