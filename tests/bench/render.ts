/**
 * Item 1: the preview update after a one-character edit in the middle of a post, on posts
 * of about 250, 2,500 and 25,000 lines. Folio's IncrementalRenderer.render (the work the
 * app does per preview update: diffing the text, re-parsing the blocks around the change,
 * rendering what changed, assigning heading ids, collecting the outline) against a full
 * markdown-it render and Folio's own full render (renderMarkdown).
 */
import MarkdownIt from 'markdown-it'
import { IncrementalRenderer, type IncrementalResult } from '../../common/markdown/incremental'
import { renderMarkdown, type RenderOptions } from '../../common/markdown/pipeline'
import { middleEditOffset, recapPost } from './post'
import { against, percentile, progress, report, type Row } from './stats'

const options: RenderOptions = { mode: 'preview', resolveImage: (src) => `http://folio.test/@workspace/${src}` }
const typed = 'and the queue for lunch was shorter than the queue for the stickers, which says a lot. '
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {})

/** The post with the first `n` characters of `typed` inserted at `at`: the text after n one-character edits. */
const afterEdits = (text: string, at: number, n: number) => text.slice(0, at) + typed.repeat(Math.ceil(n / typed.length) + 1).slice(0, n) + text.slice(at)

/** Milliseconds of each call of `fn(i)` for i in [from, from + count). */
function sample(count: number, fn: (i: number) => unknown, from = 0): number[] {
  const times: number[] = []
  for (let i = from; i < from + count; i++) {
    const start = performance.now()
    fn(i)
    times.push(performance.now() - start)
  }
  return times
}

const sizes = [
  { lines: 250, label: '~250 lines', edits: 80, markdownIt: 60, full: 10 },
  { lines: 2_500, label: '~2.5k lines', edits: 60, markdownIt: 40, full: 3 },
  { lines: 25_000, label: '~25k lines', edits: 40, markdownIt: 10, full: 2 }
]

const markdownIt = new MarkdownIt({ html: true })
const rows: Row[] = []
const notes: string[] = []

// Warm the JIT on every path first, so the first size measured is not the one paying for it.
progress('render: warming up')
{
  const { text } = recapPost(2_500)
  const at = middleEditOffset(text)
  const warm = new IncrementalRenderer(options)
  warm.render(text)
  sample(60, (i) => warm.render(afterEdits(text, at, i + 1)))
  sample(20, (i) => markdownIt.render(afterEdits(text, at, i)))
  sample(3, (i) => renderMarkdown(afterEdits(text, at, i), options))
}

for (const size of sizes) {
  const { text } = recapPost(size.lines)
  const lines = text.split('\n').length
  const at = middleEditOffset(text)
  progress(`render: ${lines} lines (${Math.round(text.length / 1024)} KiB)`)

  // The preview's renderer has rendered the post before (opening it); each sample is the
  // next keystroke typed at the same place, rendered on its own. Samples of the three
  // renderers alternate, so a busy machine slows them alike.
  gc()
  const renderer = new IncrementalRenderer(options)
  const first = performance.now()
  renderer.render(text)
  const firstMs = performance.now() - first
  const warmEdits = 10
  sample(warmEdits, (i) => renderer.render(afterEdits(text, at, i + 1)))
  let incremental = true
  const md: number[] = []
  const edits: number[] = []
  const full: number[] = []
  for (let i = 0; i < size.edits; i++) {
    const edited = afterEdits(text, at, warmEdits + i + 1)
    if (i < size.markdownIt) md.push(...sample(1, () => markdownIt.render(edited)))
    let result: IncrementalResult | undefined
    edits.push(...sample(1, () => (result = renderer.render(edited))))
    incremental &&= result!.incremental
    if (i >= size.full) continue
    let html = ''
    full.push(...sample(1, () => (html = renderMarkdown(edited, options))))
    // The benchmark only counts if the incremental output is the full render's, byte for byte.
    if (result!.blocks.map((b) => b.html).join('\n') !== html) throw new Error(`incremental output differs from the full render at ${lines} lines`)
  }
  if (!incremental) throw new Error(`an edit at ${lines} lines fell back to a whole-document render`)

  const label = `Preview update after a 1-char edit, ${size.label} (${lines} lines, ${Math.round(text.length / 1024)} KiB)`
  const base: Row = { item: 1, case: label, subject: 'markdown-it full render', unit: 'ms', p50: percentile(md, 50), p95: percentile(md, 95), samples: md.length, baseline: true }
  const incrementalRow = against(base, { item: 1, case: label, subject: 'Folio IncrementalRenderer.render', unit: 'ms', p50: percentile(edits, 50), p95: percentile(edits, 95), samples: edits.length, target: '≤ 1.0× markdown-it' })
  incrementalRow.met = incrementalRow.ratio! <= 1
  rows.push(base, incrementalRow, against(base, { item: 1, case: label, subject: 'Folio renderMarkdown (full)', unit: 'ms', p50: percentile(full, 50), p95: percentile(full, 95), samples: full.length }))
  notes.push(`${lines} lines: the incremental renderer's first (whole) render of the post took ${firstMs.toFixed(0)} ms.`)
}

report({ rows, notes })
