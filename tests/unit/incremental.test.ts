import { describe, expect, it } from 'vitest'
import { IncrementalRenderer, htmlBalanced } from '../../common/markdown/incremental'
import { renderMarkdown, type RenderOptions } from '../../common/markdown/pipeline'

const options: RenderOptions = { mode: 'preview', resolveImage: (src) => `folio-img://workspace/${src}` }
const joined = (r: IncrementalRenderer, text: string) => r.render(text).blocks.map((b) => b.html).join('\n')

const post = `---
title: Harbour Days
tags: a, b
---

# Harbour Days

Table of Contents
-----------------

- [Intro](#intro)
- [Intro](#intro-1)

## Intro

Some *text* with a [reference link][ferry] and <sub>small</sub> words.<br>

<!--
A drafting note.
-->

![Boats](harbour-images/boats.jpg)

## Intro

1. one
2. two

   continued

- [x] task

\`\`\`python
def f():
    return "## not a heading"
\`\`\`

    indented code

    more indented code

> quote
> > nested

| a | b |
|---|---|
| 1 | 2 |

<div>
<h3>Raw heading</h3>
</div>

### Intro

[ferry]: https://example.org/ferry "Ferry"

Last paragraph.
`

/** A small deterministic PRNG so a failing sequence can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed / 2147483648
  }
}

// Edits writers make; the last few make a post unsafe to split and exercise the fallback.
const snippets = ['a', 'word ', ' ', '\n', '\n\n', '#', '## New', '- ', '1. ', '```', '~~~', '    ', '> ', '*', '**', '`', '[x]', '[ferry]', '<!--', '-->', '---', '===', '|', '![i](x.png)', 'é', '🔝', '\t', '[new]: https://n.example', '<b>', '[^1]']

describe('incremental rendering', () => {
  it('matches a full render on the sample post', () => {
    const renderer = new IncrementalRenderer(options)
    expect(joined(renderer, post)).toBe(renderMarkdown(post, options))
  })

  it('matches a full render, byte for byte, after each of 1000 random edits', () => {
    let incremental = 0
    for (const seed of [1, 2, 3, 4]) {
      const next = random(seed)
      const renderer = new IncrementalRenderer(options)
      let text = post
      renderer.render(text)
      for (let step = 0; step < 250; step++) {
        const at = Math.floor(next() * (text.length + 1))
        const roll = next()
        if (roll < 0.55) text = text.slice(0, at) + snippets[Math.floor(next() * snippets.length)] + text.slice(at)
        else if (roll < 0.62) text = post
        else if (roll < 0.9) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 6))
        else text = text.slice(0, at) + text.slice(at).replace(/\n/, '')
        const result = renderer.render(text)
        if (result.incremental) incremental++
        const html = result.blocks.map((b) => b.html).join('\n')
        if (html !== renderMarkdown(text, options)) {
          expect({ seed, step, text, html }).toEqual({ seed, step, text, html: renderMarkdown(text, options) })
        }
      }
    }
    // Many edits must take the incremental path, or the test proves nothing about it
    // (the rest made the post unsafe to split, e.g. a footnote or an unclosed tag).
    console.log(`incremental renders: ${incremental} of 1000`)
    expect(incremental).toBeGreaterThan(300)
  }, 180_000)

  it('re-renders only the edited block and keeps source lines right', () => {
    const renderer = new IncrementalRenderer(options)
    const text = '# A\n\npara one\n\npara two\n\n## B\n'
    const before = renderer.render(text)
    const after = renderer.render(text.replace('para one', 'para one\nline added'))
    expect(after.incremental).toBe(true)
    expect(after.blocks.map((b) => b.line)).toEqual([1, 3, 6, 8])
    expect(after.headings.map((h) => [h.slug, h.line])).toEqual([['a', 1], ['b', 8]])
    expect(after.blocks[2]!.html).toBe(before.blocks[2]!.html)
  })

  it('renumbers duplicate heading slugs when a heading above them changes', () => {
    const renderer = new IncrementalRenderer(options)
    renderer.render('## Intro\n\ntext\n\n## Intro\n')
    const result = renderer.render('## Intro\n\ntext\n\n## Intro\n'.replace('## Intro\n\ntext', '## Other\n\ntext'))
    expect(result.headings.map((h) => h.slug)).toEqual(['other', 'intro'])
  })

  it('lists drafting notes under their section in the outline', () => {
    const result = new IncrementalRenderer(options).render('## One\n\n<!-- first -->\n\n## Two\n\n<!--\nsecond\n-->\n')
    expect(result.headings.map((h) => [h.text, h.notes.map((n) => n.text)])).toEqual([['One', ['first']], ['Two', ['second']]])
  })

  it('knows balanced from unbalanced raw HTML', () => {
    expect(htmlBalanced('<sub>x</sub><br><img src=x>')).toBe(true)
    expect(htmlBalanced('<div>\n<p>open')).toBe(false)
    expect(htmlBalanced('<!-- <div> -->')).toBe(true)
  })
})
