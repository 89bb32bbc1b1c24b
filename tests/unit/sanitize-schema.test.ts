import { describe, expect, test } from 'vitest'
import { renderMarkdown, type RenderOptions } from '../../common/markdown/pipeline'

/**
 * The author's own safe HTML survives, element by element and attribute by attribute
 * (common/markdown/sanitize-schema.ts). Each case is raw HTML in a post and the exact HTML
 * the preview and the export make of it; the hostile posts are in sanitize.test.ts.
 */
const modes: [string, RenderOptions][] = [
  ['export', { mode: 'export', resolveImage: (src) => src }],
  ['preview', { mode: 'preview', resolveImage: (src) => `folio-img://workspace/${src}` }]
]

/** Inline HTML goes in a paragraph, so each case says the paragraph too where there is one. */
const kept: [string, string, string][] = [
  ['figure, figcaption', '<figure>\n<blockquote>Q</blockquote>\n<figcaption>Caption <em>here</em></figcaption>\n</figure>', '<figure>\n<blockquote>Q</blockquote>\n<figcaption>Caption <em>here</em></figcaption>\n</figure>'],
  ['video with controls, src, poster and the rest (not autoplay)', '<video controls src="https://example.com/clip.mp4" poster="https://example.com/p.jpg" preload="none" loop muted playsinline autoplay width="640" height="360"></video>', '<p><video controls src="https://example.com/clip.mp4" poster="https://example.com/p.jpg" preload="none" loop muted playsinline width="640" height="360"></video></p>'],
  ['video with a relative src', '<video controls src="clip.mp4"></video>', '<p><video controls src="clip.mp4"></video></p>'],
  ['video with source and track', '<video controls>\n<source src="clip.webm" type="video/webm">\n<track kind="captions" src="clip.vtt" srclang="en" label="English" default>\n</video>', '<video controls>\n<source src="clip.webm" type="video/webm">\n<track kind="captions" src="clip.vtt" srclang="en" label="English" default>\n</video>'],
  ['audio with source', '<audio controls loop preload="metadata"><source src="talk.mp3" type="audio/mpeg"></audio>', '<p><audio controls loop preload="metadata"><source src="talk.mp3" type="audio/mpeg"></audio></p>'],
  ['mark', 'a <mark>marked</mark> word', '<p>a <mark>marked</mark> word</p>'],
  ['details, summary, open', '<details open>\n<summary>More</summary>\n\nHidden *text*\n\n</details>', '<details open>\n<summary>More</summary>\n<p>Hidden <em>text</em></p>\n</details>'],
  ['kbd', 'press <kbd>Ctrl</kbd>+<kbd>S</kbd>', '<p>press <kbd>Ctrl</kbd>+<kbd>S</kbd></p>'],
  ['abbr title', '<abbr title="HyperText Markup Language">HTML</abbr>', '<p><abbr title="HyperText Markup Language">HTML</abbr></p>'],
  ['cite', 'in <cite>The Book</cite>', '<p>in <cite>The Book</cite></p>'],
  ['time datetime', 'on <time datetime="2026-05-02T10:00">May 2</time>', '<p>on <time datetime="2026-05-02T10:00">May 2</time></p>'],
  ['small', '<small>fine print</small>', '<p><small>fine print</small></p>'],
  ['q cite', '<q cite="https://example.com/s">quoted</q>', '<p><q cite="https://example.com/s">quoted</q></p>'],
  ['dfn', '<dfn title="x">term</dfn>', '<p><dfn title="x">term</dfn></p>'],
  ['var, samp', '<var>x</var> <samp>out</samp>', '<p><var>x</var> <samp>out</samp></p>'],
  ['bdi, bdo', '<bdi>إيان</bdi> <bdo dir="rtl">abc</bdo>', '<p><bdi>إيان</bdi> <bdo dir="rtl">abc</bdo></p>'],
  ['wbr', 'long<wbr>word', '<p>long<wbr>word</p>'],
  ['ruby, rt, rp', '<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>', '<p><ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby></p>'],
  ['s, u', '<s>old</s> <u>under</u>', '<p><s>old</s> <u>under</u></p>'],
  ['ins, del with cite and datetime', '<del datetime="2026-01-01" cite="https://example.com/why">a</del><ins datetime="2026-01-02">b</ins>', '<p><del datetime="2026-01-01" cite="https://example.com/why">a</del><ins datetime="2026-01-02">b</ins></p>'],
  ['sub, sup', 'H<sub>2</sub>O x<sup>2</sup>', '<p>H<sub>2</sub>O x<sup>2</sup></p>'],
  ['dl, dt, dd', '<dl>\n<dt>Term</dt>\n<dd>Meaning</dd>\n</dl>', '<dl>\n<dt>Term</dt>\n<dd>Meaning</dd>\n</dl>'],
  ['data value', '<data value="42">forty-two</data>', '<p><data value="42">forty-two</data></p>'],
  ['table with caption, colgroup, col, th scope and spans', '<table>\n<caption>Scores</caption>\n<colgroup><col span="2"><col></colgroup>\n<tr><th scope="col" colspan="2">A</th><th scope="row" rowspan="2">B</th></tr>\n</table>', '<table>\n<caption>Scores</caption>\n<colgroup><col span="2"><col></colgroup>\n<tbody><tr><th scope="col" colspan="2">A</th><th scope="row" rowspan="2">B</th></tr>\n</tbody></table>'],
  ['hr', '<hr>', '<hr>'],
  ['aside, section, article, header, footer, nav', '<article>\n<header>H</header>\n<nav>N</nav>\n<section>S</section>\n<aside>A</aside>\n<footer>F</footer>\n</article>', '<article>\n<header>H</header>\n<nav>N</nav>\n<section>S</section>\n<aside>A</aside>\n<footer>F</footer>\n</article>'],
  ['address, hgroup', '<address>Ana, Lakeside</address>\n\n<header><hgroup><p>Kicker</p></hgroup></header>', '<address>Ana, Lakeside</address>\n<header><hgroup><p>Kicker</p></hgroup></header>'],
  ['ol reversed, start, type; li value', '<ol reversed start="5" type="i"><li value="9">x</li></ol>', '<ol reversed start="5" type="i"><li value="9">x</li></ol>'],
  ['title, lang, dir on any element', '<span title="t" lang="fr" dir="ltr">mot</span>', '<p><span title="t" lang="fr" dir="ltr">mot</span></p>'],
  ['an id, prefixed against clobbering', '<span id="here">x</span>', '<p><span id="user-content-here">x</span></p>']
]

for (const [mode, options] of modes) {
  describe(`safe HTML an author writes is kept (${mode})`, () => {
    test.each(kept)('%s', (_, markdown, html) => {
      expect(renderMarkdown(markdown, options)).toBe(html)
    })

    test('img width, height and alt', () => {
      const src = mode === 'export' ? 'a.jpg' : 'folio-img://workspace/a.jpg'
      const html = mode === 'export' ? `src="${src}" alt="A" width="300" height="200" title="t" loading="lazy"` : `alt="A" width="300" height="200" title="t" data-src="${src}"`
      expect(renderMarkdown('<img src="a.jpg" alt="A" width="300" height="200" title="t">', options)).toBe(`<img ${html} decoding="async">`)
    })
  })
}

describe('what stays out of kept elements', () => {
  const render = (text: string) => renderMarkdown(text, modes[0]![1])
  test.each([
    ['javascript: video src', '<video controls src="javascript:alert(1)"></video>', '<p><video controls></video></p>'],
    ['javascript: poster', '<video poster="JavaScript:alert(1)"></video>', '<p><video></video></p>'],
    ['data: media sources', '<audio src="data:audio/mpeg;base64,AAAA"></audio><video><source src="data:video/mp4,x"><track src="data:text/vtt,x"></video>', '<p><audio></audio><video><source><track></video></p>'],
    ['event handlers and style', '<figure onclick="x()" style="color:red"><figcaption onmouseover="x()">c</figcaption></figure>', '<figure><figcaption>c</figcaption></figure>'],
    ['a <source> in a <picture> (its srcset would pass the image resolver)', '<picture><source srcset="x.png" media="(min-width: 1px)"><img src="a.jpg"></picture>', '<p><picture><img src="a.jpg" loading="lazy" decoding="async"></picture></p>'],
    ['class names (they would match the app’s own CSS in the preview)', '<mark class="editor-slot">m</mark>', '<p><mark>m</mark></p>'],
    ['obsolete <center> and <font>, keeping their text', '<center><font color="red">x</font></center>', 'x']
  ])('%s', (_, markdown, html) => {
    expect(render(markdown)).toBe(html)
  })
})
