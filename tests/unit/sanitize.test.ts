import { describe, expect, test } from 'vitest'
import { fromHtml } from 'hast-util-from-html'
import type { Element, Nodes } from 'hast'
import { renderMarkdown } from '../../common/markdown/pipeline'

/**
 * Markdown must not be able to run code, load active content or leave the page, in the
 * preview or in an export. Each attack is rendered in both modes, and the HTML is parsed
 * back and searched for anything that could run or navigate.
 */
const render = (mode: 'preview' | 'export', text: string) => renderMarkdown(text, { mode, resolveImage: (src) => `folio-img://workspace/${src}` })

const forbiddenTags = new Set(['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'meta', 'base', 'link', 'svg', 'math', 'template', 'noscript', 'portal', 'button', 'textarea', 'select'])
const urlAttributes = ['href', 'src', 'srcSet', 'action', 'formAction', 'poster', 'data', 'cite', 'background', 'xLinkHref']

/** Every way the rendered HTML could run script, load active content or navigate; [] when safe. */
function dangers(html: string): string[] {
  const found: string[] = []
  const walk = (node: Nodes) => {
    if (node.type === 'element') {
      const el = node as Element
      if (forbiddenTags.has(el.tagName)) found.push(`<${el.tagName}>`)
      for (const [key, value] of Object.entries(el.properties)) {
        if (/^on/i.test(key)) found.push(`${el.tagName}[${key}]`)
        if (key === 'style') found.push(`${el.tagName}[style]`)
        if (key === 'target') found.push(`${el.tagName}[target]`)
        if (urlAttributes.includes(key)) {
          const url = String(Array.isArray(value) ? value.join(' ') : value).replace(/[\s\p{Cc}]/gu, '').toLowerCase()
          if (/^(javascript|vbscript|data|file):/.test(url)) found.push(`${el.tagName}[${key}=${url.slice(0, 30)}]`)
        }
      }
    }
    if ('children' in node) for (const child of node.children) walk(child)
  }
  // Parsed as the preview inserts it (into a <div>), so only what a browser would build counts:
  // `<img onerror>` inside an attribute value or as link text is inert text.
  walk(fromHtml(html, { fragment: true }))
  return found
}

const attacks: [string, string][] = [
  ['<script> block', '<script>alert(1)</script>\n\ntext'],
  ['inline <script>', 'a <script>alert(1)</script> b'],
  ['<img onerror>', '<img src="x.png" onerror="alert(1)">'],
  ['<img> with javascript: src', '<img src="javascript:alert(1)">'],
  ['<img srcset> with javascript:', '<img srcset="javascript:alert(1) 1x">'],
  ['<iframe>', '<iframe src="https://evil.example"></iframe>'],
  ['<iframe srcdoc>', '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
  ['markdown link to javascript:', '[click](javascript:alert(1))'],
  ['mixed-case javascript:', '[click](JaVaScRiPt:alert(1))'],
  ['entity-encoded javascript:', '<a href="&#106;avascript:alert(1)">click</a>'],
  ['javascript: with a tab inside', '<a href="java\tscript:alert(1)">click</a>'],
  ['javascript: with leading spaces', '<a href="  javascript:alert(1)">click</a>'],
  ['vbscript:', '<a href="vbscript:msgbox(1)">click</a>'],
  ['data:text/html link (markdown)', '[click](data:text/html,<script>alert(1)</script>)'],
  ['data:text/html link (HTML, base64)', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>'],
  ['data: SVG image', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
  ['inline <svg><script>', '<svg><script>alert(1)</script></svg>'],
  ['inline <svg onload>', '<svg onload="alert(1)"><circle r="5"/></svg>'],
  ['SVG <a xlink:href>', '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>'],
  ['style attribute with url()', '<p style="background:url(https://evil.example/track)">text</p>'],
  ['style attribute with expression()', '<img src="x.png" style="width:expression(alert(1))">'],
  ['<style> element with url()', '<style>body { background: url(https://evil.example/track) }</style>\n\ntext'],
  ['<style> with @import', '<style>@import "https://evil.example/x.css";</style>'],
  ['<link rel=stylesheet>', '<link rel="stylesheet" href="https://evil.example/x.css">'],
  ['<form> with inputs', '<form action="https://evil.example"><input name="q"><button formaction="javascript:alert(1)">go</button></form>'],
  ['<meta http-equiv=refresh>', '<meta http-equiv="refresh" content="0;url=https://evil.example">'],
  ['<base href>', '<base href="https://evil.example/">\n\n[relative](post.md)'],
  ['<object>', '<object data="evil.swf" type="application/x-shockwave-flash"></object>'],
  ['<embed>', '<embed src="evil.swf">'],
  ['<details ontoggle>', '<details open ontoggle="alert(1)"><summary>s</summary>x</details>'],
  ['<input autofocus onfocus>', '<input autofocus onfocus="alert(1)">'],
  ['<video poster>', '<video src="x.mp4" poster="javascript:alert(1)"></video>'],
  ['<a target=_blank>', '<a href="https://example.com" target="_blank">out</a>'],
  ['<noscript> parser confusion', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>'],
  ['<template> hiding a script', '<template><script>alert(1)</script></template>'],
  ['math/mglyph mutation XSS', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],
  ['draft-note aside with a handler', '<aside class="draft-note" onclick="alert(1)">x</aside>'],
  ['HTML comment that closes early', '<!-- a --><script>alert(1)</script><!-- b -->'],
  ['autolink to javascript:', '<javascript:alert(1)>'],
  ['reference link to javascript:', '[x][r]\n\n[r]: javascript:alert(1)'],
  ['image reference to javascript:', '![x][r]\n\n[r]: javascript:alert(1)']
]

for (const mode of ['preview', 'export'] as const) {
  describe(`markdown cannot run code (${mode})`, () => {
    for (const [name, markdown] of attacks) {
      test(name, () => {
        expect(dangers(render(mode, markdown))).toEqual([])
      })
    }

    test('<style> is dropped with its CSS, not left behind as text', () => {
      expect(render(mode, '<style>body{background:url(https://evil.example)}</style>\n\nkept')).not.toMatch(/evil\.example|background/)
    })

    test('an SVG file is only ever an <img> (where SVG scripts never run)', () => {
      const html = render(mode, '![x](evil.svg)')
      const img = fromHtml(html, { fragment: true }).children[0] as Element
      expect((img.children[0] as Element).tagName).toBe('img')
      expect(html).toContain('src="folio-img://workspace/evil.svg"')
    })

    test('<picture> keeps only its <img>, which goes through the image resolver', () => {
      const html = render(mode, '<picture><source srcset="../secret.png 1x, https://evil.example/t.png 2x"><img src="a.jpg" alt="a"></picture>')
      expect(html).not.toMatch(/source|srcset|secret|evil/i)
      expect(html).toContain('src="folio-img://workspace/a.jpg"')
    })

    test('ordinary content survives sanitizing', () => {
      const html = render(mode, '# Title\n\n**bold** [link](https://example.com) ![alt](a.jpg)\n\n<details><summary>More</summary>Hidden</details>')
      expect(html).toContain('<h1 id="title">Title</h1>')
      expect(html).toContain('<a href="https://example.com">link</a>')
      expect(html).toContain('src="folio-img://workspace/a.jpg"')
      expect(html).toContain('<summary>More</summary>')
    })
  })
}

// Schemes are case-insensitive (phone keyboards capitalise the first letter): the URL is kept, lowercased.
describe.each(['preview', 'export'] as const)('capitalised URL schemes (%s)', (mode) => {
  test.each([
    ['a markdown link', '[site](Https://example.com/a)', '<a href="https://example.com/a">site</a>'],
    ['an HTTP link in capitals', '[site](HTTP://example.com/A)', '<a href="http://example.com/A">site</a>'],
    ['a mail link', '[mail](Mailto:ana@example.com)', '<a href="mailto:ana@example.com">mail</a>'],
    ['a raw HTML link', '<a href="HTTPS://example.com/?q=A:b">site</a>', '<a href="https://example.com/?q=A:b">site</a>'],
    ['a reference link', '[site][r]\n\n[r]: Https://example.com', '<a href="https://example.com">site</a>'],
    ['an autolink', '<Https://example.com>', '<a href="https://example.com">Https://example.com</a>'],
    ['a quote citation', '<q cite="Https://example.com/src">q</q>', '<q cite="https://example.com/src">q</q>']
  ])('%s keeps its URL', (_, markdown, html) => {
    expect(render(mode, markdown)).toBe(`<p>${html}</p>`)
  })

  test('an image keeps its URL', () => {
    expect(render(mode, '![a](Https://example.com/a.png)')).toContain('folio-img://workspace/https://example.com/a.png')
  })

  test.each(['[x](JavaScript:alert(1))', '<a href="JAVASCRIPT:alert(1)">x</a>', '<img src="VbScript:x">', '[x](Data:text/html,hi)'])('%s still loses its URL', (markdown) => {
    expect(render(mode, markdown)).not.toMatch(/script:|data:|href=|src=/i)
  })
})

test('the checker itself catches what it is meant to catch', () => {
  expect(dangers('<img src=x onerror="alert(1)">')).not.toEqual([])
  expect(dangers('<p style="color:red">x</p>')).not.toEqual([])
  expect(dangers('<a href="javascript:alert(1)">x</a>')).not.toEqual([])
  expect(dangers('<style>x{}</style>')).not.toEqual([])
})
