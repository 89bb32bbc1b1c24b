import type { PreviewBlock } from './render-engine'

/** Blocks per chunk of the preview, on average. */
export const perChunk = 64

/** A run of consecutive preview blocks, shown in one element; `key` stays while its first block does. */
export interface Chunk {
  key: number
  blocks: PreviewBlock[]
}

/**
 * The preview's blocks in chunks of about {@link perChunk}, one element each. Chromium hit
 * tests (after every scrolled frame, for hover) and lays out a container's children one by
 * one: as 7,600 children of the article, a 25k-line post's blocks cost a few milliseconds
 * a frame; in chunks, a hundred chunks and one chunk's blocks.
 *
 * A chunk starts at each block whose id is a multiple of {@link perChunk}, so the chunks
 * stay put as the post is edited: a new block joins the chunk it lands in, and only an
 * edit to a chunk's first block (a new id) moves that chunk's blocks into the one before.
 */
export function chunksOf(blocks: PreviewBlock[]): Chunk[] {
  const chunks: Chunk[] = [{ key: 0, blocks: [] }]
  for (const block of blocks) {
    if (!block.html) continue
    if (block.id % perChunk === 0 && chunks.at(-1)!.blocks.length) chunks.push({ key: block.id, blocks: [] })
    chunks.at(-1)!.blocks.push(block)
  }
  return chunks
}

/**
 * The same blocks in the same places: a chunk showing `a` can show `b` as it is. The HTML
 * is compared too (the same string, as a rule): a restarted render engine numbers from 1 again.
 */
export function sameBlocks(a: PreviewBlock[], b: PreviewBlock[]): boolean {
  return a.length === b.length && a.every((block, i) => block.id === b[i]!.id && block.line === b[i]!.line && block.html === b[i]!.html)
}
