import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EditorState } from '@codemirror/state'
import { history, undo } from '@codemirror/commands'
import { checkPost } from '../../common/check'
import { renderMarkdown } from '../../common/markdown/pipeline'
import { findTocBlock, tocEdit, updateToc } from '../../common/toc'
import { tocOnSaveTransaction } from '../../renderer/src/editor/toc-commands'

// Tables of contents the author wrote, in the styles real posts use: the sync keeps their
// markers, indentation, numbering, depth, labels and entry text, and changes only what the
// headings changed. Every case is exact input -> output over the whole post.

const dir = join(__dirname, '..', 'fixtures', 'toc')
const fixtures = Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => [f.replace(/\.md$/, ''), readFileSync(join(dir, f), 'utf8')]))
const fixture = (name: string): string => {
  const text = fixtures[name]
  if (text === undefined) throw new Error(`no fixture ${name}`)
  return text
}

/** `text` with `from` replaced once, failing loudly when `from` is not there (so a test cannot pass vacuously). */
function replaced(text: string, from: string, to: string): string {
  expect(text).toContain(from)
  return text.replace(from, to)
}

const tocOutdated = (text: string) => checkPost({ text, relPath: 'post.md', files: { imageFiles: [], existing: [], escaping: [] } }).filter((d) => d.rule === 'toc-outdated')

/** Each fixture with its headings changed in some way, and what the sync must make of it. */
const variants: { name: string; before: string; after: string }[] = []
function variant(name: string, base: string, heading: [string, string], toc: [string, string]): { before: string; after: string } {
  const before = replaced(fixture(base), ...heading)
  const after = replaced(before, ...toc)
  variants.push({ name, before, after })
  return { before, after }
}

describe('a table of contents the author wrote', () => {
  it.each(Object.keys(fixtures))('%s: a complete TOC is left exactly as written and not reported', (name) => {
    const text = fixture(name)
    expect(findTocBlock(text)).not.toBeNull()
    expect(updateToc(text)).toBe(text)
    expect(tocEdit(text)).toBeNull()
    expect(tocOutdated(text)).toEqual([])
  })
})

describe('list markers, indentation and numbering', () => {
  it('`-` bullets with 2-space sub-items: a new H2 and a new H3 take their siblings’ style and place', () => {
    const v = variant(
      'bulleted: new H2 and H3',
      'bulleted-nested',
      ['### The lighthouse', '### Pendeen to Botallack\n\nMine ruins.\n\n### The lighthouse'],
      ['  - [The lighthouse](#the-lighthouse)', '  - [Pendeen to Botallack](#pendeen-to-botallack)\n  - [The lighthouse](#the-lighthouse)']
    )
    expect(updateToc(v.before)).toBe(v.after)
    const w = variant('bulleted: new last H2', 'bulleted-nested', ['Gaiters.\n', 'Gaiters.\n\n## Getting home\n\nSlowly.\n'], ['- [What I would pack next time](#what-i-would-pack-next-time)\n', '- [What I would pack next time](#what-i-would-pack-next-time)\n- [Getting home](#getting-home)\n'])
    expect(updateToc(w.before)).toBe(w.after)
  })

  it('`1.` numbered with numbered sub-items restarting per level: a new entry gets the next number and later ones move up', () => {
    const v = variant(
      'numbered: new H2 in the middle',
      'numbered-nested',
      ['## Redirects', '## Hosting\n\nStatic files on a CDN.\n\n## Redirects'],
      ['4. [Redirects](#redirects)', '4. [Hosting](#hosting)\n5. [Redirects](#redirects)']
    )
    expect(updateToc(v.before)).toBe(v.after)
  })

  it('`1.` numbered: a removed sub-item takes its entry away and the numbers close up', () => {
    const v = variant(
      'numbered: removed H3',
      'numbered-nested',
      ['### The XML dump\n\nTools → Export → All content.\n\n', ''],
      ['   1. [The XML dump](#the-xml-dump)\n   2. [Images and attachments]', '   1. [Images and attachments]']
    )
    expect(updateToc(v.before)).toBe(v.after)
  })

  it('`*` bullets with `1)` sub-items indented 4: numbered sub-items stay numbered, a new sub-list takes the level’s style', () => {
    const v = variant(
      'bullets with numbered subs: new H3s',
      'bullets-numbered-subs',
      ['The best talk was not a talk.\n\n## Saturday\n\nRain.\n', 'The best talk was not a talk.\n\n### Closing panel\n\nOn funding.\n\n## Saturday\n\nRain.\n\n### Dinner\n\nPizza.\n'],
      ['    2) [Hallway track](#hallway-track)\n* [Saturday](#saturday)\n', '    2) [Hallway track](#hallway-track)\n    3) [Closing panel](#closing-panel)\n* [Saturday](#saturday)\n    1) [Dinner](#dinner)\n']
    )
    expect(updateToc(v.before)).toBe(v.after)
  })

  it('numbers written all `1.` stay all `1.`, with their `-` sub-items indented 3', () => {
    const v = variant(
      'all ones: new H2 and H3',
      'all-ones',
      ['## Baking\n\n250 °C in a Dutch oven.\n', '### Bulk fermentation\n\nOvernight in the fridge.\n\n## Baking\n\n250 °C in a Dutch oven.\n\n## Eating\n\nStill warm.\n'],
      ['   - [Stretch and fold](#stretch-and-fold)\n1. [Baking](#baking)', '   - [Stretch and fold](#stretch-and-fold)\n   - [Bulk fermentation](#bulk-fermentation)\n1. [Baking](#baking)\n1. [Eating](#eating)']
    )
    expect(updateToc(v.before)).toBe(v.after)
  })

  it('tab-indented sub-items stay tab-indented, also in a new sub-list', () => {
    const v = variant(
      'tabs: new H3s',
      'emoji-labels',
      ['Forty kilos.\n\n## Autumn\n\nLeaves everywhere.\n', 'Forty kilos.\n\n### Peppers\n\nToo hot.\n\n## Autumn\n\nLeaves everywhere.\n\n### Leaf mould\n\nTwo years.\n'],
      ['\t- [Tomatoes](#tomatoes)\n- [**Autumn** 🍂](#autumn)', '\t- [Tomatoes](#tomatoes)\n\t- [Peppers](#peppers)\n- [**Autumn** 🍂](#autumn)\n\t- [Leaf mould](#leaf-mould)']
    )
    expect(updateToc(v.before)).toBe(v.after)
  })

  it('`+` bullets indented 4 under a setext heading, with back-to-top links left alone', () => {
    const v = variant(
      'plus: new H3',
      'back-to-top',
      ['On maintainers.\n', 'On maintainers.\n\n### Lightning talks\n\nFast.\n'],
      ['    + [Keynote](#keynote)\n', '    + [Keynote](#keynote)\n    + [Lightning talks](#lightning-talks)\n']
    )
    expect(updateToc(v.before)).toBe(v.after)
  })

  it('entries written as <a href> links get new entries written the same way', () => {
    const v = variant(
      'html links: new H2',
      'html-links',
      ['## Soldering', '## The case\n\nAluminium & brass.\n\n## Soldering'],
      ['- <a href="#soldering">', '- <a href="#the-case">The case</a>\n- <a href="#soldering">']
    )
    expect(updateToc(v.before)).toBe(v.after)
  })

  it('a loose list (blank lines between entries) stays loose', () => {
    const v = variant(
      'loose: new H2',
      'loose',
      ['The house is infinite.\n', 'The house is infinite.\n\n## April: Klara and the Sun\n\nAn AF narrates.\n'],
      ['- [March: Piranesi](#march-piranesi)\n', '- [March: Piranesi](#march-piranesi)\n\n- [April: Klara and the Sun](#april-klara-and-the-sun)\n']
    )
    expect(updateToc(v.before)).toBe(v.after)
  })
})

describe('depth', () => {
  it('an H2-only TOC stays H2-only: new H3s are not added, a new H2 is', () => {
    const h3 = replaced(fixture('h2-only-label'), '### Cascais', '### Oceanário\n\nSharks.\n\n### Cascais')
    expect(updateToc(h3)).toBe(h3)
    expect(tocOutdated(h3)).toEqual([])
    const v = variant('h2 only: new H2', 'h2-only-label', ['Beach, then ice cream.\n', 'Beach, then ice cream.\n\n## Going home\n\n### The night bus\n\nLate.\n'], ['- [Day trips](#day-trips)\n', '- [Day trips](#day-trips)\n- [Going home](#going-home)\n'])
    expect(updateToc(v.before)).toBe(v.after)
  })

  it('a TOC that goes to H3 does not take in H4s', () => {
    const h4 = replaced(fixture('bulleted-nested'), 'one very muddy stile.\n', 'one very muddy stile.\n\n#### The stile\n\nMud.\n')
    expect(updateToc(h4)).toBe(h4)
  })
})

describe('labels', () => {
  it('an entry whose heading was renamed takes the new title when its label was the old one', () => {
    const v = variant('bulleted: renamed H2', 'bulleted-nested', ['## Day two', '## Day two: St Just'], ['- [Day two](#day-two)', '- [Day two: St Just](#day-two-st-just)'])
    expect(updateToc(v.before)).toBe(v.after)
    const n = variant('numbered: renamed H2', 'numbered-nested', ['## Redirects', '## Redirects and old links'], ['4. [Redirects](#redirects)', '4. [Redirects and old links](#redirects-and-old-links)'])
    expect(updateToc(n.before)).toBe(n.after)
  })

  it('an entry with the author’s own label keeps it when its heading is renamed: only the link follows', () => {
    const v = variant('h2 only: renamed H2', 'h2-only-label', ['## Where we ate', '## Where we ate and drank'], ['- [Food 🍜](#where-we-ate)', '- [Food 🍜](#where-we-ate-and-drank)'])
    expect(updateToc(v.before)).toBe(v.after)
    const e = variant('emoji: renamed H3', 'emoji-labels', ['### The slug problem', '### The slug war'], ['\t- [🐌 Slugs](#the-slug-problem)', '\t- [🐌 Slugs](#the-slug-war)'])
    expect(updateToc(e.before)).toBe(e.after)
    const h = variant('html links: renamed H3', 'html-links', ['### The diodes', '### Diodes, all ninety'], ['<a href="#the-diodes">The diodes</a>', '<a href="#diodes-all-ninety">Diodes, all ninety</a>'])
    expect(updateToc(h.before)).toBe(h.after)
  })

  it('a renamed heading keeps the author’s label even when the new name is nothing like the old: it stands in the old one’s place', () => {
    const v = variant('h2 only: heading replaced in place', 'h2-only-label', ['## Where we ate', '## Restaurants'], ['- [Food 🍜](#where-we-ate)', '- [Food 🍜](#restaurants)'])
    expect(updateToc(v.before)).toBe(v.after)
  })

  it('an entry for a heading that is gone is removed; its siblings are untouched', () => {
    const v = variant('bulleted: removed H3', 'bulleted-nested', ['### The lighthouse\n\nClosed on Mondays, of course.\n\n', ''], ['  - [The lighthouse](#the-lighthouse)\n', ''])
    expect(updateToc(v.before)).toBe(v.after)
    const p = variant('plus: removed H2', 'back-to-top', ['## Intro\n\nFirst time in Dublin.\n\n🔝 <sub>[**back to top**](#table-of-contents)</sub>\n\n', ''], ['+ [Intro](#intro)\n', ''])
    expect(updateToc(p.before)).toBe(p.after)
  })

  it('a TOC none of whose headings is left is not emptied (its links are the anchors rule’s to report)', () => {
    const text = '# Draft\n\n## Contents\n\n1. [Plan](#plan)\n2. [Notes](#notes)\n\nNothing written yet.\n'
    expect(updateToc(text)).toBe(text)
    const found = checkPost({ text, relPath: 'post.md', files: { imageFiles: [], existing: [], escaping: [] } })
    expect(found.filter((d) => d.rule === 'anchor').map((d) => d.message)).toEqual(['Link to #plan matches no heading', 'Link to #notes matches no heading'])
  })

  it('the TOC’s own label line or heading is kept and never listed', () => {
    for (const name of ['bullets-numbered-subs', 'h2-only-label', 'back-to-top', 'numbered-nested']) {
      const synced = updateToc(fixture(name).replace(/\n$/, '\n\n## Added at the end\n\nx\n'))
      const block = findTocBlock(synced)!
      const toc = synced.slice(block.from, block.to)
      expect(toc).not.toMatch(/\]\(#(table-of-contents|contents|in-this-post)\)/)
      expect(toc).toContain('(#added-at-the-end)')
      expect(synced.slice(0, block.from)).toBe(fixture(name).slice(0, block.from))
    }
  })
})

describe('anchors', () => {
  it('new entries link with the ids the preview gives: inline HTML and emoji in a heading are slugged as rehype-slug does', () => {
    const v = variant(
      'bulleted: headings with HTML and emoji',
      'bulleted-nested',
      ['Gaiters.\n', 'Gaiters.\n\n## Getting <em>home</em>\n\nSlowly.\n\n## 🎉 Done!\n\nYes.\n'],
      ['- [What I would pack next time](#what-i-would-pack-next-time)\n', '- [What I would pack next time](#what-i-would-pack-next-time)\n- [Getting home](#getting-home)\n- [🎉 Done!](#-done)\n']
    )
    expect(updateToc(v.before)).toBe(v.after)
  })

  it('an entry leading to an id in the post’s own HTML is not broken', () => {
    const text = replaced(fixture('loose'), '- [March: Piranesi](#march-piranesi)\n', '- [March: Piranesi](#march-piranesi)\n\n- [Your comments](#comments)\n') + '\n<a id="comments"></a>\n'
    expect(updateToc(text)).toBe(text)
  })

  it('two headings renamed side by side are retitled in place, each at its own level', () => {
    const v = variant(
      'numbered: two renamed',
      'numbered-nested',
      ['## Converting to markdown\n\n### Front matter', '## Converting to Markdown files\n\n### YAML headers'],
      ['3. [Converting to markdown](#converting-to-markdown)\n   1. [Front matter](#front-matter)', '3. [Converting to Markdown files](#converting-to-markdown-files)\n   1. [YAML headers](#yaml-headers)']
    )
    expect(updateToc(v.before)).toBe(v.after)
  })

  it('keeps CRLF line endings in an author’s list', () => {
    const before = replaced(fixture('numbered-nested'), '## Redirects', '## Hosting\n\nStatic files.\n\n## Redirects').replace(/\n/g, '\r\n')
    const after = before.replace('4. [Redirects](#redirects)', '4. [Hosting](#hosting)\r\n5. [Redirects](#redirects)')
    expect(updateToc(before)).toBe(after)
  })
})

describe('the check’s message says what the sync would change', () => {
  it('names what is missing, gone and renamed', () => {
    const text = replaced(replaced(replaced(fixture('bulleted-nested'), '## Day two', '## Day two: St Just'), '### The lighthouse\n\nClosed on Mondays, of course.\n\n', ''), 'Gaiters.\n', 'Gaiters.\n\n## Getting home\n')
    expect(tocOutdated(text).map((d) => [d.line, d.message])).toEqual([
      [8, 'The table of contents does not match the headings: “Day two” is now “Day two: St Just”; “The lighthouse” leads to no heading; “Getting home” is missing']
    ])
    const relinked = replaced(fixture('h2-only-label'), '## Where we ate', '## Where we ate and drank')
    expect(tocOutdated(relinked).map((d) => d.message)).toEqual(['The table of contents does not match the headings: “Food 🍜” should link to #where-we-ate-and-drank'])
  })
})

describe('which headings a TOC is expected to list', () => {
  it('headings before the TOC and headings marked <!-- omit from toc --> are not missing from it', () => {
    const text = fixture('omit')
    expect(tocOutdated(text)).toEqual([])
    const v = variant('omit: new H2', 'omit', ['## About me', '## Further reading\n\nThe spec.\n\n## About me'], ['- [Validating](#validating)\n', '- [Validating](#validating)\n- [Further reading](#further-reading)\n'])
    expect(updateToc(v.before)).toBe(v.after)
  })

  it('the omit marker may also stand on the line above the heading', () => {
    const text = replaced(fixture('omit'), '## About me <!-- omit from toc -->', '<!-- omit from toc -->\n## About me')
    expect(updateToc(text)).toBe(text)
  })
})

describe('the check reports "outdated" exactly when the sync would change something', () => {
  it('over every fixture and every variant', () => {
    const cases = [...Object.values(fixtures), ...variants.flatMap((v) => [v.before, v.after])]
    expect(cases.length).toBeGreaterThan(20)
    for (const text of cases) {
      const synced = updateToc(text)
      expect(tocOutdated(text).length > 0).toBe(synced !== text)
      expect(updateToc(synced)).toBe(synced)
    }
  })

  it('every link of a synced TOC leads to an id of the rendered post (the app’s one slug function)', () => {
    for (const { after } of variants) {
      const html = renderMarkdown(after, { mode: 'export', resolveImage: () => null } as never)
      const ids = new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]))
      const block = findTocBlock(after)!
      const links = [...after.slice(block.from, block.to).matchAll(/(?:\]\(|href=")#([^)"]+)/g)].map((m) => m[1])
      expect(links.length).toBeGreaterThan(0)
      for (const link of links) expect(ids, `${link} in ${after.slice(0, 60)}`).toContain(link)
    }
  })
})

describe('the sync on save', () => {
  it('is one undoable edit that touches nothing outside the TOC lines', () => {
    for (const { before, after } of variants) {
      const state = EditorState.create({ doc: before, extensions: history() })
      const spec = tocOnSaveTransaction(state)
      expect(spec).not.toBeNull()
      let next = state.update(spec!).state
      expect(next.doc.toString()).toBe(after)
      const block = findTocBlock(before)!
      const firstLine = before.lastIndexOf('\n', block.from) + 1
      expect(after.slice(0, firstLine)).toBe(before.slice(0, firstLine))
      expect(after.slice(after.length - (before.length - block.to))).toBe(before.slice(block.to))
      undo({ state: next, dispatch: (tr) => (next = tr.state) })
      expect(next.doc.toString()).toBe(before)
    }
  })

  it('does nothing to a complete TOC in any style', () => {
    for (const text of Object.values(fixtures)) expect(tocOnSaveTransaction(EditorState.create({ doc: text }))).toBeNull()
  })
})
