import { describe, expect, it } from 'vitest'
import { backToTopChanges, backToTopLine, hasBackToTop, updateBackToTop } from '../../common/back-to-top'

const top = backToTopLine('table-of-contents')

const post = `# Trip

## Table of Contents

- [One](#one)
- [Two](#two)

## One

First day.

### Evening

Dinner.

## Two

Second day.

<!-- more photos later -->

## Three

<!-- only a note -->
`

describe('back-to-top links', () => {
  it('writes the 🔝 pattern pointing at the TOC heading', () => {
    expect(top).toBe('🔝 <sub>[**back to top**](#table-of-contents)</sub>')
  })

  it('adds one at the end of every H2 section after the TOC, skipping empty sections', () => {
    const updated = updateBackToTop(post)
    expect(updated).toContain(`Dinner.\n\n${top}\n\n## Two`)
    expect(updated).toContain(`<!-- more photos later -->\n\n${top}\n\n## Three`)
    expect(updated).toContain('## Three\n\n<!-- only a note -->\n')
    expect(updated.match(/back to top/g)).toHaveLength(2)
    expect(updated).toContain('## Table of Contents\n\n- [One](#one)\n- [Two](#two)\n\n## One')
  })

  it('is idempotent', () => {
    const once = updateBackToTop(post)
    expect(updateBackToTop(once)).toBe(once)
    expect(backToTopChanges(once)).toEqual([])
  })

  it('moves a link that stands mid-section to the section end, keeping its target', () => {
    const text = `## One\n\nA.\n\n<sub>[back to top](#top)</sub>\n\nB.\n\n## Two\n\nC.\n\n<sub>[back to top](#top)</sub>\n`
    const changes = backToTopChanges(text)
    expect(changes.map((c) => [c.kind, c.line, c.section])).toEqual([
      ['misplaced', 5, 'One'],
      ['missing', 1, 'One']
    ])
    expect(updateBackToTop(text)).toBe(`## One\n\nA.\n\nB.\n\n${backToTopLine('top')}\n\n## Two\n\nC.\n\n<sub>[back to top](#top)</sub>\n`)
  })

  it('recognises links whose emoji was garbled, and leaves posts without links unchanged by the check helper', () => {
    expect(hasBackToTop('## A\n\nx\n\n\uF8FFüîù <sub>[**back to top**](#table-of-contents)</sub>\n')).toBe(true)
    expect(hasBackToTop(post)).toBe(false)
  })

  it('links to #top when there is no TOC heading', () => {
    expect(updateBackToTop('## A\n\nx\n')).toBe(`## A\n\nx\n\n${backToTopLine('top')}\n`)
  })
})
