import { describe, expect, it } from 'vitest'
import { renderBlocks, renderMarkdown } from '../../common/markdown/pipeline'
import { resolvePostLink, encodePath } from '../../common/links'

const preview = { mode: 'preview' as const, resolveImage: (src: string) => `folio-img://workspace/${src}` }
const exporting = { mode: 'export' as const, resolveImage: (src: string) => src }

describe('the markdown pipeline', () => {
  it('renders GFM tables, task lists and strikethrough', () => {
    const html = renderMarkdown('| a | b |\n|---|--:|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n~~old~~', exporting)
    expect(html).toContain('<table>')
    expect(html).toContain('<td align="right">2</td>')
    expect(html).toContain('<input type="checkbox" checked disabled>')
    expect(html).toContain('<del>old</del>')
  })

  it('gives headings GitHub slugs, numbering duplicates', () => {
    const html = renderMarkdown('## Day One: The Sprint Room\n\n## Intro\n\n## Intro\n\n## Café & Co.', exporting)
    expect(html).toContain('<h2 id="day-one-the-sprint-room">')
    expect(html).toContain('<h2 id="intro">Intro</h2>\n<h2 id="intro-1">Intro</h2>')
    expect(html).toContain('<h2 id="café--co">')
  })

  it('never shows front matter as text', () => {
    const html = renderMarkdown('---\ntitle: Secret Title\ntags: a, b\n---\n\n# Visible', exporting)
    expect(html).toBe('<h1 id="visible">Visible</h1>')
  })

  it('shows drafting notes as asides in the preview and drops them from the export', () => {
    const text = 'Before\n\n<!--\nAdd the ferry link.\n-->\n\nAfter <!-- inline --> text'
    expect(renderMarkdown(text, preview)).toContain('<aside class="draft-note">Add the ferry link.</aside>')
    const exported = renderMarkdown(text, exporting)
    expect(exported).not.toContain('ferry')
    expect(exported).not.toContain('<!--')
    expect(exported).not.toContain('inline')
  })

  it('keeps safe raw HTML like <sub> and <br>, drops scripts and handlers', () => {
    const html = renderMarkdown('🔝 <sub>[**back to top**](#top)</sub><br>\n\n<script>alert(1)</script>\n\n<img src="x.jpg" onerror="alert(1)">', exporting)
    expect(html).toContain('<sub><a href="#top"><strong>back to top</strong></a></sub><br>')
    expect(html).not.toMatch(/script|onerror|alert/)
  })

  it('rewrites images through the resolver: lazily loaded in an export, left for the preview to load', () => {
    const image = '![A harbour](post-images/harbour%20dawn.jpg)'
    expect(renderMarkdown(image, { ...preview, mode: 'export' })).toBe('<p><img src="folio-img://workspace/post-images/harbour%20dawn.jpg" alt="A harbour" loading="lazy" decoding="async"></p>')
    expect(renderMarkdown(image, preview)).toBe('<p><img alt="A harbour" data-src="folio-img://workspace/post-images/harbour%20dawn.jpg" decoding="async"></p>')
    const missing = renderMarkdown('![gone](../outside.png)', { mode: 'preview', resolveImage: () => null })
    expect(missing).toContain('data-missing="../outside.png"')
    expect(missing).not.toContain('src=')
  })

  it('links footnotes to their (prefixed) ids and back', () => {
    const html = renderMarkdown('A claim.[^src]\n\n[^src]: The source.', exporting)
    const ids = [...html.matchAll(/id="([^"]+)"/g)].map((m) => m[1])
    const hrefs = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1])
    expect(hrefs.length).toBe(2)
    for (const href of hrefs) expect(ids).toContain(href)
    expect(html).not.toContain('user-content-user-content')
  })

  it('highlights fenced code by language', () => {
    const html = renderMarkdown('```python\ndef f():\n    return 1\n```', exporting)
    expect(html).toContain('<code class="hljs language-python">')
    expect(html).toContain('<span class="hljs-keyword">def</span>')
  })

  // CommonMark 0.31 examples 127 and 129 and their kin: a fence's blank first lines are content.
  it.each([
    ['one blank line', '```\n\nfoo\n```\n', '<pre><code>\nfoo\n</code></pre>'],
    ['two blank lines', '```\n\n\nfoo\n```\n', '<pre><code>\n\nfoo\n</code></pre>'],
    ['a blank line and a line of spaces', '```\n\n  \n```\n', '<pre><code>\n  \n</code></pre>'],
    ['only blank lines', '~~~\n\n\n~~~\n', '<pre><code>\n\n</code></pre>'],
    ['a blank line, in a list item', '- ```\n\n  foo\n  ```\n', '<ul>\n<li>\n<pre><code>\nfoo\n</code></pre>\n</li>\n</ul>'],
    ['a blank line, highlighted', '```js\n\nlet a\n```\n', '<pre><code class="hljs language-js">\n<span class="hljs-keyword">let</span> a\n</code></pre>']
  ])('keeps the blank lines a fenced code block starts with: %s', (_, text, html) => {
    expect(renderMarkdown(text, exporting)).toBe(html)
    expect(renderMarkdown(text, preview)).toBe(html)
  })

  it.each([
    ['an anchor', 'a <a name="x"/> b\n\nc', '<p>a <a name="user-content-x"></a> b</p>\n<p>c</p>'],
    ['a quoted value holding />', 'a <a title="1/>2" name=y /> b', '<p>a <a title="1/>2" name="user-content-y"></a> b</p>'],
    ['an unquoted value ending in a slash, which is the value', 'a <a href=b/>c</a> d', '<p>a <a href="b/">c</a> d</p>'],
    ['void elements, left as they are', '<br/> <img src="a.png" alt=""/>', '<p><br> <img src="a.png" alt="" loading="lazy" decoding="async"></p>']
  ])('reads a self-closing tag as an empty element: %s', (_, text, html) => {
    expect(renderMarkdown(text, exporting)).toBe(html)
  })

  it('splits a post into blocks with their source lines, matching the full render', () => {
    const text = '---\ntitle: x\n---\n\n# Title\n\nPara one\n\n- a\n- b\n\n<!-- note -->\n'
    const blocks = renderBlocks(text, preview)
    expect(blocks.map((b) => b.line)).toEqual([5, 7, 9, 12])
    expect(blocks.map((b) => b.html).join('\n')).toBe(renderMarkdown(text, preview))
  })
})

describe('post links', () => {
  it('resolves links relative to the post, inside the folder only', () => {
    expect(resolvePostLink('trip.md', 'trip-images/a%20b.jpg')).toBe('trip-images/a b.jpg')
    expect(resolvePostLink('2026/trip.md', './trip-images/x.png?v=2#frag')).toBe('2026/trip-images/x.png')
    expect(resolvePostLink('2026/trip.md', '../shared/x.png')).toBe('shared/x.png')
    expect(resolvePostLink('trip.md', '../../secret.png')).toBeNull()
    expect(resolvePostLink('trip.md', '/etc/passwd')).toBeNull()
    expect(resolvePostLink('trip.md', 'https://example.org/x.png')).toBeNull()
    expect(resolvePostLink('trip.md', 'C:\\x.png')).toBeNull()
    // A `%` that is no escape is part of the file's name, as the gallery and the checker read it.
    expect(resolvePostLink('trip.md', 'trip-images/100%.jpg')).toBe('trip-images/100%.jpg')
    expect(resolvePostLink('trip.md', '#top')).toBeNull()
  })

  it('encodes each path segment for URLs', () => {
    expect(encodePath('trip-images/café à #1.jpg')).toBe('trip-images/caf%C3%A9%20%C3%A0%20%231.jpg')
  })
})
