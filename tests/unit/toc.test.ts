import { describe, expect, it } from 'vitest'
import { findTocBlock, hasTocBlock, insertToc, tocEdit, tocFromHeadings, updateToc } from '../../common/toc'
import { headingsOf } from '../../common/outline'
import { parseMarkdown } from '../../common/markdown/parse'

const body = `## Intro

Hello.

## Day One

### Morning

### Afternoon

#### Detail

## Day Two

### Morning
`

describe('tocFromHeadings', () => {
  it('lists H2-H3 by default with GitHub slugs, duplicates numbered as GitHub does', () => {
    const headings = headingsOf(parseMarkdown(`# Title\n\n${body}`))
    expect(tocFromHeadings(headings)).toBe(
      [
        '- [Intro](#intro)',
        '- [Day One](#day-one)',
        '  - [Morning](#morning)',
        '  - [Afternoon](#afternoon)',
        '- [Day Two](#day-two)',
        '  - [Morning](#morning-1)'
      ].join('\n')
    )
  })

  it('honours the depth range, indent and bullet, and never lists the H1', () => {
    const headings = headingsOf(parseMarkdown(`# Title\n\n${body}`))
    expect(tocFromHeadings(headings, { minDepth: 1, maxDepth: 2, marker: '*' })).toBe('* [Intro](#intro)\n* [Day One](#day-one)\n* [Day Two](#day-two)')
    expect(tocFromHeadings(headings, { maxDepth: 4, indent: 4 })).toContain('\n        - [Detail](#detail)\n')
  })

  it('nests a skipped level one step only, and escapes markdown in heading text', () => {
    const headings = headingsOf(parseMarkdown('## A [b] *c*\n\n#### Deep\n'))
    expect(tocFromHeadings(headings, { maxDepth: 4 })).toBe('- [A \\[b\\] c](#a-b-c)\n  - [Deep](#deep)')
  })
})

describe('updateToc', () => {
  const drifted = `# Title\n\nTable of Contents\n-----------------\n\n- [Intro](#intro)\n- [Old name](#old-name)\n    - [Gone](#gone)\n\n${body}`

  it('rewrites only the list of a setext TOC, keeping its 4-space indent', () => {
    const updated = updateToc(drifted)
    const [before, after] = [drifted.split('- [Intro]')[0], updated.split('- [Intro]')[0]]
    expect(after).toBe(before)
    expect(updated).toContain('- [Day One](#day-one)\n    - [Morning](#morning)\n    - [Afternoon](#afternoon)\n- [Day Two](#day-two)\n    - [Morning](#morning-1)\n\n## Intro')
    expect(updated.endsWith(body)).toBe(true)
    expect(updated).not.toContain('Table of Contents](#')
  })

  it('returns the very same string when already current (keep-in-sync on save is a no-op)', () => {
    const once = updateToc(drifted)
    expect(updateToc(once)).toBe(once)
    expect(tocEdit(once)).toBeNull()
  })

  it('counts the TOC heading and the title among slugs, like rehype-slug', () => {
    const text = `# Contents\n\n## Table of Contents\n\n- [x](#x)\n\n## Table of Contents\n\n## Contents\n`
    expect(updateToc(text)).toContain('- [Table of Contents](#table-of-contents-1)\n- [Contents](#contents-1)')
  })

  it('fills <!-- toc --> markers and updates them in place', () => {
    const text = `# T\n\n<!-- toc -->\n<!-- tocstop -->\n\n${body}`
    const filled = updateToc(text)
    expect(filled).toContain('<!-- toc -->\n\n- [Intro](#intro)\n')
    expect(filled).toContain('  - [Morning](#morning-1)\n\n<!-- tocstop -->\n\n## Intro')
    expect(updateToc(filled)).toBe(filled)
    const renamed = filled.replace('## Day Two', '## Day 2')
    expect(updateToc(renamed)).toContain('- [Day 2](#day-2)')
  })

  it('fills an ATX TOC heading that has no list yet', () => {
    const updated = updateToc(`# T\n\n## Table of Contents\n\n## Intro\n`)
    expect(updated).toBe('# T\n\n## Table of Contents\n\n- [Intro](#intro)\n\n## Intro\n')
  })

  it('leaves posts without a TOC and "Contents" sections with their own lists alone', () => {
    expect(updateToc(body)).toBe(body)
    const packing = `# T\n\n## Contents\n\n- socks\n- a towel\n\n## Intro\n`
    expect(updateToc(packing)).toBe(packing)
    expect(hasTocBlock(packing)).toBe(false)
  })

  it('keeps CRLF line endings', () => {
    const text = drifted.replace(/\n/g, '\r\n')
    const updated = updateToc(text)
    expect(updated).toContain('- [Day One](#day-one)\r\n    - [Morning](#morning)\r\n')
    expect(updated.replace(/\r\n/g, '')).not.toContain('\n')
  })

  it('uses the configured depth for a list it writes, and the depth an author’s list shows for that list', () => {
    const empty = `# Title\n\n## Table of Contents\n\n${body}`
    expect(updateToc(empty, { maxDepth: 2 })).toContain('## Table of Contents\n\n- [Intro](#intro)\n- [Day One](#day-one)\n- [Day Two](#day-two)\n\n## Intro')
    expect(updateToc(drifted, { maxDepth: 2 })).toBe(updateToc(drifted))
    const h2Only = `# Title\n\n## Contents\n\n- [Intro](#intro)\n\n${body}`
    expect(updateToc(h2Only)).toContain('## Contents\n\n- [Intro](#intro)\n- [Day One](#day-one)\n- [Day Two](#day-two)\n\n## Intro')
  })
})

describe('insertToc and findTocBlock', () => {
  it('adds a TOC after the title in each style', () => {
    const text = `---\ntitle: x\n---\n\n# T\n\n${body}`
    expect(insertToc(text)).toContain('# T\n\n## Table of Contents\n\n- [Intro](#intro)\n')
    expect(insertToc(text, { style: 'setext' })).toContain('# T\n\nTable of Contents\n-----------------\n\n- [Intro](#intro)\n')
    expect(insertToc(text, { style: 'markers' })).toContain('# T\n\n<!-- toc -->\n\n- [Intro](#intro)\n')
    expect(insertToc(insertToc(text))).toBe(insertToc(text))
  })

  it('puts a TOC after the front matter when there is no H1', () => {
    expect(insertToc(`---\na: 1\n---\n\n${body}`).startsWith('---\na: 1\n---\n\n## Table of Contents\n\n- [Intro]')).toBe(true)
  })

  it('reports where the block is', () => {
    const block = findTocBlock(`# T\n\nTable of Contents\n---\n\n- [A](#a)\n  - [B](#b)\n\n## A\n\n### B\n`)
    expect(block).toMatchObject({ kind: 'heading', line: 3, headingLine: 3, indent: 2, marker: '-' })
    expect(hasTocBlock('# T\n\n<!-- TOC -->\n- [A](#a)\n<!-- /TOC -->\n')).toBe(true)
  })
})
