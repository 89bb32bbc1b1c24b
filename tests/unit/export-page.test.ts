import { describe, expect, it } from 'vitest'
import { select, selectAll } from 'hast-util-select'
import { toHtml } from 'hast-util-to-html'
import { finishExportTree, imageSources, renderExportTree, type ExportImage } from '../../common/export-body'
import { buildPage, pageMetaOf } from '../../common/export-page'
import { readFrontMatter } from '../../common/frontmatter'
import { externalReferences, parsePage, textOf, unresolvedAnchors, validationErrors } from './export-helpers'

/** Renders and finishes a post body the way the exporter does, with the given image URLs. */
function finish(text: string, images: Record<string, ExportImage | null> = {}, singleFile = false) {
  const tree = renderExportTree(text)
  const warnings = finishExportTree(tree, { images: new Map(Object.entries(images)), singleFile })
  return { tree, warnings, html: toHtml(tree) }
}

describe('renderExportTree / imageSources', () => {
  it('lists each image source once with its first line, as the post wrote it', () => {
    const tree = renderExportTree('# T\n\n![a](a%20b.jpg)\n\n<img src="x/y.png">\n\n![again](a%20b.jpg)\n')
    expect([...imageSources(tree)]).toEqual([
      ['a%20b.jpg', 3],
      ['x/y.png', 5]
    ])
  })
})

describe('finishExportTree', () => {
  it('points images at their exported URL with their size, and adds the alt HTML requires', () => {
    const { tree } = finish('<img src="a.png">', { 'a.png': { url: 'post-images/a.png', width: 30, height: 20 } })
    expect(select('img', tree)?.properties).toMatchObject({ src: 'post-images/a.png', alt: '', width: 30, height: 20 })
  })

  it('loads the first image eagerly and, in a single file, every image', () => {
    const text = '![a](a.png)\n\n![b](b.png)\n\n![c](c.png)'
    const images = { 'a.png': { url: 'a.png' }, 'b.png': { url: 'b.png' }, 'c.png': { url: 'c.png' } }
    expect(selectAll('img', finish(text, images).tree).map((i) => i.properties.loading ?? 'eager')).toEqual(['eager', 'lazy', 'lazy'])
    expect(selectAll('img', finish(text, images, true).tree).map((i) => i.properties.loading ?? 'eager')).toEqual(['eager', 'eager', 'eager'])
  })

  it('keeps a size the author wrote', () => {
    const { tree } = finish('<img src="a.png" width="10" alt="x">', { 'a.png': { url: 'a.png', width: 30, height: 20 } })
    expect(select('img', tree)?.properties).toMatchObject({ width: 10, alt: 'x' })
    expect(select('img', tree)?.properties.height).toBeUndefined()
  })

  it('leaves out refused images and the paragraph they leave empty', () => {
    const { tree, html } = finish('text\n\n![x](../x.png)\n\nmore ![y](y.png) here', { '../x.png': null, 'y.png': null })
    expect(selectAll('img', tree)).toHaveLength(0)
    expect(selectAll('p', tree)).toHaveLength(2)
    expect(html).not.toContain('x.png')
  })

  it('reports an image whose source the sanitizer removed', () => {
    const { warnings } = finish('para\n\n<img src="javascript:alert(1)">')
    expect(warnings).toEqual(['line 3: an image with no usable source was left out'])
  })

  it('turns obsolete attributes into valid HTML5', () => {
    const { tree } = finish('| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n<a name="old-anchor"></a>')
    expect(selectAll('[align]', tree)).toHaveLength(0)
    expect(selectAll('td.align-center, th.align-center', tree)).toHaveLength(2)
    expect(selectAll('td.align-right', tree)).toHaveLength(1)
    expect(select('a[name]', tree)).toBeUndefined()
    expect(select('a#user-content-old-anchor', tree)).toBeDefined()
  })

  it('points #links at ids written in raw HTML (which the sanitizer prefixes)', () => {
    const { tree, warnings } = finish('<a name="top-of-post"></a>\n\n# Title\n\n[up](#top-of-post) [title](#title)')
    expect(selectAll('a[href]', tree).map((a) => a.properties.href)).toEqual(['#user-content-top-of-post', '#title'])
    expect(warnings).toEqual([])
  })

  it('warns about #links that point nowhere, as a drifted table of contents does', () => {
    const { warnings } = finish('# Post\n\n- [Intro](#intro)\n- [Day 2](#day-two)\n\n## Intro\n\n## Day Two (Tuesday)\n\n[top](#top)')
    expect(warnings).toEqual(['line 4: the link #day-two points to no heading or anchor in the post'])
  })

  it('makes footnote references and back-references resolve', () => {
    const { tree } = finish('Text[^a] and again[^a].\n\n[^a]: Note.')
    expect(selectAll('a[href^="#"]', tree).length).toBe(4)
    expect(unresolvedAnchors(parsePage(toHtml(tree)))).toEqual([])
  })

  it('links other posts to their pages in a folder, and removes local links from a single file', () => {
    const text = '[next](next-post.md#part-2) [pdf](files/a.pdf) [web](https://example.com/x.md) [here](#here)\n\n## Here'
    expect(selectAll('a', finish(text).tree).map((a) => a.properties.href)).toEqual(['next-post.html#part-2', 'files/a.pdf', 'https://example.com/x.md', '#here'])
    const single = finish(text, {}, true)
    expect(selectAll('a', single.tree).map((a) => a.properties.href)).toEqual([undefined, undefined, 'https://example.com/x.md', '#here'])
    expect(single.warnings).toHaveLength(2)
  })
})

describe('pageMetaOf', () => {
  const body = renderExportTree('# Heading Title\n\nFirst paragraph of the post, which goes on for a while. '.repeat(1) + 'More words here. '.repeat(20))

  it('falls back to the first heading and paragraph without front matter', () => {
    const meta = pageMetaOf({}, body, 'file-name')
    expect(meta.title).toBe('Heading Title')
    expect(meta.description.length).toBeLessThanOrEqual(160)
    expect(meta.description).toMatch(/^First paragraph of the post, .*…$/)
    expect(meta.keywords).toEqual([])
    expect(meta.lang).toBe('en')
  })

  it('reads ABlog-style and list front matter', () => {
    const { data } = readFrontMatter('---\ntitle: T\ntags: [a, b]\nauthor: [Ana, Bo]\nlanguage: pt-BR\ncategory: [X, Y]\n---\n')
    expect(pageMetaOf(data, body, 'f')).toMatchObject({ title: 'T', keywords: ['a', 'b'], author: 'Ana, Bo', lang: 'pt-BR', category: 'X, Y' })
    expect(pageMetaOf({ lang: 'en"><script>' }, body, 'f').lang).toBe('en')
  })

  it('uses the file name when there is nothing else', () => {
    expect(pageMetaOf({}, renderExportTree('just text'), 'my-post').title).toBe('my-post')
  })
})

/** Raw HTML a blog post may hold: one of each element sanitize-schema.ts keeps. */
const authorHtml = `# T

<figure>
<blockquote>Q</blockquote>
<figcaption>Caption <em>here</em></figcaption>
</figure>

<video controls src="https://example.com/clip.mp4" poster="https://example.com/p.jpg" preload="none" loop muted playsinline width="640" height="360"></video>

<video controls>
<source src="clip.webm" type="video/webm">
<track kind="captions" src="clip.vtt" srclang="en" label="English" default>
</video>

<audio controls loop preload="metadata"><source src="talk.mp3" type="audio/mpeg"></audio>

<mark>m</mark> <abbr title="x">HTML</abbr> <cite>c</cite> <time datetime="2026-05-02">May 2</time> <small>s</small> <dfn>d</dfn> <bdi>b</bdi> <bdo dir="rtl">abc</bdo> long<wbr>word <s>o</s> <u>u</u> <data value="4">four</data> <kbd>K</kbd> <q cite="https://example.com">q</q> <var>v</var> <samp>s</samp> <ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby> <del datetime="2026-01-01">a</del><ins>b</ins> H<sub>2</sub>O x<sup>2</sup>

<details open>
<summary>More</summary>

Hidden

</details>

<dl><dt>Term</dt><dd>Meaning</dd></dl>

<table>
<caption>Scores</caption>
<colgroup><col span="2"><col></colgroup>
<tr><th scope="col" colspan="2">A</th><th scope="row" rowspan="2">B</th></tr>
</table>

<article>
<header><hgroup><h2>Part</h2><p>Kicker</p></hgroup></header>
<nav>N</nav>
<section>S</section>
<aside>A</aside>
<footer>F</footer>
</article>

<hr>

<address>Ana</address>

<ol reversed start="5" type="i"><li value="9">x</li></ol>
`

describe('buildPage', () => {
  const page = (data: Record<string, unknown>, text: string, singleFile = false) => {
    const { tree } = finish(text, {}, singleFile)
    return buildPage(pageMetaOf(data, tree, 'post'), tree, { css: 'body { color: red }', singleFile })
  }

  it('escapes front matter values in the head', () => {
    const html = page({ title: '</title><script>alert(1)</script>', description: '"><script>x</script>' }, '# Hi')
    const tree = parsePage(html)
    expect(selectAll('script', tree)).toHaveLength(0)
    expect(textOf(select('title', tree)!)).toBe('</title><script>alert(1)</script>')
  })

  it('adds a heading from the title when the post has none', () => {
    const tree = parsePage(page({ title: 'Only Front Matter', date: '2026-01-02' }, 'Body text.'))
    expect(textOf(select('h1', tree)!)).toBe('Only Front Matter')
    expect(textOf(select('h1 + .byline', tree)!)).toBe('2026-01-02')
  })

  it('keeps a theme from closing its style element', () => {
    const tree = buildPage(pageMetaOf({}, renderExportTree('x'), 'p'), renderExportTree('x'), { css: 'a{} </style><script>alert(1)</script>', singleFile: false })
    expect(selectAll('script', parsePage(tree))).toHaveLength(0)
  })

  it('allows only data: images and media in a single file', () => {
    const csp = (singleFile: boolean) => select('meta[http-equiv="Content-Security-Policy"]', parsePage(page({}, 'x', singleFile)))?.properties.content
    expect(csp(true)).toBe("default-src 'none'; img-src data:; media-src data:; style-src 'unsafe-inline'")
    expect(csp(false)).toBe("default-src 'none'; img-src 'self' data: https: http: file:; media-src 'self' data: https: http: file:; style-src 'unsafe-inline'")
  })

  it('is a valid HTML5 document with the HTML an author may write in a post', async () => {
    expect(await validationErrors(page({ title: 'T' }, authorHtml))).toEqual([])
  })

  it('keeps video and audio sources in a folder, and removes them from a single file with a warning', () => {
    const media = '<video controls src="https://example.com/a.mp4" poster="p.jpg"><track kind="captions" src="a.vtt" srclang="en" label="English"></video>\n\n<audio controls><source src="talk.mp3" type="audio/mpeg"></audio>'
    expect(selectAll('video, track, source', finish(media).tree).map((e) => e.properties.src ?? e.properties.poster)).toEqual(['https://example.com/a.mp4', 'a.vtt', 'talk.mp3'])
    const single = finish(media, {}, true)
    expect(externalReferences(single.tree, toHtml(single.tree))).toEqual([])
    expect(selectAll('video, audio', single.tree)).toHaveLength(2)
    expect(single.warnings).toEqual([
      'line 1: the video https://example.com/a.mp4 was left out (a single-file export only holds images)',
      'line 1: the video poster p.jpg was left out (a single-file export only holds images)',
      'line 1: the video track a.vtt was left out (a single-file export only holds images)',
      'line 3: the audio talk.mp3 was left out (a single-file export only holds images)'
    ])
  })

  it('is a valid HTML5 document', async () => {
    expect(await validationErrors(page({ title: 'T', tags: 'a, b', author: 'A', date: 'today' }, '# T\n\n| a |\n|--:|\n| 1 |\n\n- [x] done'))).toEqual([])
  })
})

describe('ids in an export', () => {
  /** The exported page of `text` and every id in it, in document order. */
  const exported = (text: string) => {
    const { tree, warnings } = finish(text)
    const html = buildPage(pageMetaOf({ title: 'T' }, tree, 'post'), tree, { css: '', singleFile: false })
    return { html, warnings, ids: selectAll('[id]', parsePage(html)).map((e) => String(e.properties.id)) }
  }

  it.each([
    ['a self-closing <a name> in a paragraph', 'Old post <a name="x"/> text.\n\nNext paragraph.\n\n## Heading\n\n[up](#x)'],
    ['a self-closing <a name> on its own line', '<a name="x"/>\n\n## Heading\n\nText.\n\n[up](#x)'],
    ['an <a name> never closed', 'Old <a name="x"> text.\n\nNext paragraph.\n\n[up](#x)'],
    ['emoji-only headings', '## 🎉\n\n## 🎉\n\n## Section\n\n[party](#section)'],
    ['an id written twice, and one a heading slug takes', '<a id="x"></a> <span id="x">s</span>\n\n## User content x\n\n[up](#x)'],
    ['empty ids', '<a id="">x</a> <a name="">y</a>\n\n## 🎉\n\n[up](#section)']
  ])('are never empty or repeated: %s', async (_, text) => {
    const { html, ids, warnings } = exported(text)
    expect(ids.filter((id) => !id.replace(/^user-content-/, ''))).toEqual([])
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([])
    expect(warnings).toEqual([])
    expect(unresolvedAnchors(parsePage(html))).toEqual([])
    expect(await validationErrors(html)).toEqual([])
  })

  it('gives emoji-only headings a fallback id, numbered as repeated slugs are', () => {
    expect(exported('## 🎉\n\n## 🎉\n\n## Section\n\n## Intro').ids).toEqual(['section', 'section-1', 'section-2', 'intro'])
  })

  it('keeps a self-closing <a name> empty, as its author meant, and the text after it where it was', () => {
    const { tree } = finish('Old post <a name="x"/> text.\n\nNext paragraph.')
    expect(toHtml(tree)).toBe('<p>Old post <a id="user-content-x"></a> text.</p>\n<p>Next paragraph.</p>')
  })
})
