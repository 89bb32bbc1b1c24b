import { describe, expect, it } from 'vitest'
import { chunksOf, perChunk, sameBlocks } from '../../renderer/src/preview/chunks'
import type { PreviewBlock } from '../../renderer/src/preview/render-engine'

const block = (id: number, line = id): PreviewBlock => ({ id, line, html: `<p>${id}</p>` })
const shape = (blocks: PreviewBlock[]) => chunksOf(blocks).map((chunk) => [chunk.key, chunk.blocks.length])

describe('the preview in chunks', () => {
  it('starts a chunk at each id that is a multiple of perChunk', () => {
    const first = Array.from({ length: 200 }, (_, i) => block(i + 1))
    expect(perChunk).toBe(64)
    expect(shape(first)).toEqual([[0, 63], [64, 64], [128, 64], [192, 9]])
    expect(chunksOf(first).flatMap((chunk) => chunk.blocks)).toEqual(first)
  })

  it('keeps its chunks as blocks are edited, added and removed, except when a first block is replaced', () => {
    const first = Array.from({ length: 200 }, (_, i) => block(i + 1))
    // Block 100 edited (a new id), one block added after 10, block 150 removed.
    const edited = first.flatMap((b) => (b.id === 100 ? [block(201)] : b.id === 10 ? [b, block(202)] : b.id === 150 ? [] : [b]))
    expect(shape(edited)).toEqual([[0, 64], [64, 64], [128, 63], [192, 9]])
    // The first block of chunk 64 edited: its blocks join the chunk before.
    expect(shape(first.map((b) => (b.id === 64 ? block(203) : b)))).toEqual([[0, 127], [128, 64], [192, 9]])
    // A new block whose id is a multiple starts a chunk of its own.
    expect(shape([...first.slice(0, 20), block(256), ...first.slice(20)])).toEqual([[0, 20], [256, 44], [64, 64], [128, 64], [192, 9]])
  })

  it('leaves out blocks with no HTML, and a first block with a multiple id stays in the first chunk', () => {
    expect(shape([block(64), { id: 65, line: 2, html: '' }, block(66)])).toEqual([[0, 2]])
    expect(shape([])).toEqual([[0, 0]])
  })

  it('tells when a chunk shows the same blocks in the same places', () => {
    const blocks = [block(1), block(2)]
    expect(sameBlocks(blocks, blocks.map((b) => ({ ...b })))).toBe(true)
    expect(sameBlocks(blocks, [block(1), block(2, 3)])).toBe(false)
    expect(sameBlocks(blocks, [block(1), block(3)])).toBe(false)
    expect(sameBlocks(blocks, [block(1)])).toBe(false)
    expect(sameBlocks(blocks, [block(1), { ...block(2), html: '<p>another engine</p>' }])).toBe(false)
  })
})
