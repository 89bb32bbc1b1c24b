import { describe, expect, it } from 'vitest'
import { fromHtml } from 'hast-util-from-html'
import { selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import type { Diagnostic } from '../../common/api'
import { applyFix, checkPost } from '../../common/check'
import { renderMarkdown } from '../../common/markdown/pipeline'

const files = { imageFiles: [], existing: [], escaping: [] }
const rules = new Set(['raw-text-tag', 'unclosed-tag'])
const run = (text: string): Diagnostic[] => checkPost({ text, relPath: 'p.md', files, options: { markdownlint: false } }).filter((d) => rules.has(d.rule))
const brief = (ds: Diagnostic[]) => ds.map((d) => [d.rule, d.line, d.column, d.message])
/** The page Folio renders (preview and export share it), parsed back. */
const render = (text: string) => fromHtml(renderMarkdown(text, { mode: 'export', resolveImage: () => null }), { fragment: true })
const fixOnly = (text: string): string => {
  const found = run(text)
  expect(found).toHaveLength(1)
  return applyFix(text, found[0]!)
}

describe('raw-text tags in prose', () => {
  it('warns at a bare <style>, says it hides the rest of the paragraph, and the fix writes it as code', () => {
    const text = 'Put your CSS in a <style> element, then reload.\n\nNext paragraph.\n'
    expect(brief(run(text))).toEqual([
      ['raw-text-tag', 1, 19, '<style> is read as an HTML tag: Folio hides it and the text after it, through line 1. Write it as code to show it.']
    ])
    expect(toString(render(text))).not.toContain('element, then reload')
    const fixed = fixOnly(text)
    expect(fixed).toBe('Put your CSS in a `<style>` element, then reload.\n\nNext paragraph.\n')
    expect(run(fixed)).toEqual([])
    expect(toString(render(fixed))).toContain('Put your CSS in a <style> element, then reload.')
  })

  it('warns at a <textarea> in a sentence, which the render drops', () => {
    const text = 'Type it in a <textarea> box.\n'
    expect(brief(run(text))).toEqual([['raw-text-tag', 1, 14, '<textarea> is read as an HTML tag: Folio does not show it. Write it as code to show it.']])
    expect(toString(render(text))).not.toContain('<textarea>')
    expect(fixOnly(text)).toBe('Type it in a `<textarea>` box.\n')
  })

  it('says so when a tag at the start of a line swallows the rest of the post', () => {
    const textarea = 'Intro.\n\n<textarea> holds text.\n\n## Later\n\nMore.\n'
    expect(brief(run(textarea))).toEqual([
      ['raw-text-tag', 3, 1, '<textarea> is read as an HTML tag: Folio does not show it, and shows the text after it as plain text, to the end of the post. Write it as code to show it.']
    ])
    expect(selectAll('h2', render(textarea))).toEqual([])
    expect(fixOnly(textarea)).toBe('Intro.\n\n`<textarea>` holds text.\n\n## Later\n\nMore.\n')
    expect(selectAll('h2', render(fixOnly(textarea))).map(toString)).toEqual(['Later'])

    const style = '<style> goes in the head.\n\n## Later\n'
    expect(brief(run(style))).toEqual([['raw-text-tag', 1, 1, '<style> is read as an HTML tag: Folio hides it and the text after it, to the end of the post. Write it as code to show it.']])
    expect(toString(render(style)).trim()).toBe('')
  })

  it('covers every raw-text element, in a sentence', () => {
    for (const name of ['style', 'script', 'textarea', 'title', 'xmp', 'iframe', 'noscript', 'noembed', 'noframes', 'plaintext']) {
      const text = `Write <${name}> here.\n\nNext.\n`
      expect(run(text).map((d) => [d.rule, d.line, d.column]), name).toEqual([['raw-text-tag', 1, 7]])
      // True of the render: the tag as written is not on the page.
      expect(toString(render(text)), name).not.toContain(`<${name}>`)
      expect(fixOnly(text)).toBe(`Write \`<${name}>\` here.\n\nNext.\n`)
    }
  })

  it('leaves tags in code, in comments, and closed elements alone', () => {
    const text = [
      'In code: `<style>` and `<b>`.',
      '',
      '<!-- a note about <style> and <b> -->',
      '',
      '```html',
      '<style>',
      '<b>',
      '```',
      '',
      '    <textarea>',
      '',
      'Closed: <textarea>kept</textarea> and <b>bold</b>, <span>open span, <sup>1, a <br> and <img src="x.png" alt="">.',
      '',
      '<div>',
      '',
      '## Inside a div',
      '',
      '</div>',
      '',
      '<details>',
      '<summary>More</summary>',
      '',
      'Hidden.',
      '',
      '</details>',
      ''
    ].join('\n')
    expect(run(text)).toEqual([])
  })
})

describe('unclosed elements that run on', () => {
  it('warns at a <b> left open that runs into the next heading; the fix writes it as code', () => {
    const text = 'Some <b>bold text.\n\n## Heading\n\nAfter.\n'
    expect(brief(run(text))).toEqual([
      ['unclosed-tag', 1, 6, "<b> is never closed: Folio's render carries it on into what follows, to the end of the post. Write it as code, or close it with </b>."]
    ])
    expect(selectAll('b h2, b p', render(text)).length).toBeGreaterThan(0)
    const fixed = fixOnly(text)
    expect(fixed).toBe('Some `<b>`bold text.\n\n## Heading\n\nAfter.\n')
    expect(selectAll('b', render(fixed))).toEqual([])
  })

  it('names the last line it reaches when its list item stops it', () => {
    const text = '- <div>\n  One.\n\n  Two.\n- Next item\n\nAfter.\n'
    expect(brief(run(text))).toEqual([
      ['unclosed-tag', 1, 3, "<div> is never closed: Folio's render carries it on into what follows, through line 4. Write it as code, or close it with </div>."]
    ])
    expect(selectAll('div p', render(text)).map(toString)).toEqual(['Two.'])
  })

  it('leaves an element alone that its end tag closes in a later paragraph', () => {
    expect(run('A <i>slanted start.\n\nEnds here</i>.\n\nPlain.\n')).toEqual([])
  })

  it('warns for formatting and block elements, not for those the render closes with their paragraph', () => {
    for (const name of ['b', 'i', 'em', 'strong', 'a', 'code', 's', 'div', 'blockquote']) {
      const text = `One <${name}>two\n\n## Three\n`
      expect(run(text).map((d) => [d.rule, d.line, d.column]), name).toEqual([['unclosed-tag', 1, 5]])
      // True of the render: the heading after it ended up inside the element.
      expect(selectAll(`${name} h2`, render(text)), name).toHaveLength(1)
    }
    // strike is unwrapped by the sanitizer (its text kept), so it carries nothing on.
    for (const name of ['span', 'sup', 'sub', 'kbd', 'abbr', 'p', 'strike']) {
      const text = `One <${name}>two\n\n## Three\n`
      expect(run(text), name).toEqual([])
      expect(selectAll(`${name} h2`, render(text)), name).toHaveLength(0)
    }
  })

  it('warns at the inner element of misnested tags, which HTML reopens', () => {
    const text = 'Text <b>one <i>two</b> three\n\n## Next\n'
    expect(brief(run(text))).toEqual([
      ['unclosed-tag', 1, 13, "<i> is never closed: Folio's render carries it on into what follows, to the end of the post. Write it as code, or close it with </i>."]
    ])
    expect(fixOnly(text)).toBe('Text <b>one `<i>`two</b> three\n\n## Next\n')
  })

  it('leaves a self-closed <a name/> alone: the render reads it as an empty element', () => {
    const text = 'An anchor <a name="top"/> here.\n\n## Next\n'
    expect(run(text)).toEqual([])
    expect(selectAll('a h2', render(text))).toHaveLength(0)
    expect(selectAll('a', render(text)).map(toString)).toEqual([''])
  })

  it('warns at an HTML block left open, in lists and quotes too', () => {
    expect(brief(run('<div class="note">\nNote.\n\nAfter.\n'))).toEqual([
      ['unclosed-tag', 1, 1, '<div class="note"> is never closed: Folio\'s render carries it on into what follows, to the end of the post. Write it as code, or close it with </div>.']
    ])
    expect(run('- item <b>bold\n\n## Next\n').map((d) => [d.rule, d.line, d.column])).toEqual([['unclosed-tag', 1, 8]])
    expect(run('> quoted <b>bold\n\n## Next\n').map((d) => [d.rule, d.line, d.column])).toEqual([['unclosed-tag', 1, 10]])
  })
})
