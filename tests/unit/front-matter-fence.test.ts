/**
 * What counts as front matter: one rule (frontMatterBlock) for the preview's parser, the
 * front matter panel and export (readFrontMatter), the checker, the editor's image drop and
 * the word count. The preview renders what remark-frontmatter reads, so that is the rule.
 */
import { describe, expect, it } from 'vitest'
import { checkPost } from '../../common/check'
import { frontMatterBlock, readFrontMatter } from '../../common/frontmatter'
import { parseMarkdown } from '../../common/markdown/parse'
import { textStats } from '../../renderer/src/stats'

/** The YAML the preview's parser takes as front matter, or null. */
const previewYaml = (text: string): string | null => {
  const first = parseMarkdown(text).children[0]
  return first?.type === 'yaml' ? first.value : null
}

const cases: [string, string, string | null][] = [
  ['plain', '---\ntitle: Harbour\n---\n\nBody words here.\n', 'title: Harbour'],
  ['a trailing space after the opening fence', '--- \ntitle: Harbour\n---\n\nBody words here.\n', 'title: Harbour'],
  ['a trailing tab after the closing fence', '---\ntitle: Harbour\n---\t\n\nBody words here.\n', 'title: Harbour'],
  ['Windows line ends', '---\r\ntitle: Harbour\r\n---\r\n\r\nBody words here.\r\n', 'title: Harbour'],
  ['a byte order mark', '\uFEFF---\ntitle: Harbour\n---\n\nBody words here.\n', 'title: Harbour'],
  ['an empty block', '---\n---\n\nBody words here.\n', ''],
  ['a closing fence at the end of the text', '---\ntitle: Harbour\n---', 'title: Harbour'],
  ['a YAML document end (...) instead of ---', '---\ntitle: Harbour\n...\n\nBody words here.\n', null],
  // The preview hides everything up to the break: the checker must say the YAML is broken.
  ['... and a thematic break further down', '---\ntitle: Harbour\n...\n\nBody words.\n\n---\n\nMore words.\n', 'title: Harbour\n...\n\nBody words.\n'],
  ['--- glued to a value', '---\ntitle: Harbour---\nBody words here.\n', null],
  ['an indented opening fence', ' ---\ntitle: Harbour\n---\n', null],
  ['a fence on the second line', '\n---\ntitle: Harbour\n---\n', null]
]

describe('front matter fences', () => {
  it.each(cases)('%s: one reading', (_name, text, yaml) => {
    expect(previewYaml(text)).toBe(yaml)
    const block = frontMatterBlock(text)
    expect(block ? text.slice(block.contentFrom, block.contentTo).replace(/\r\n/g, '\n') : null).toBe(yaml)
    expect(readFrontMatter(text).source.replace(/\r\n/g, '\n') || null).toBe(yaml || null)
    const valid = yaml !== null && !yaml.includes('...')
    if (valid && yaml) expect(readFrontMatter(text).data).toEqual({ title: 'Harbour' })
    if (yaml !== null && !valid) expect(readFrontMatter(text).error).not.toBeNull()
    // The checker calls none of these malformed YAML unless the preview shows no front matter.
    const yamlErrors = checkPost({ text, relPath: 'harbour.md', files: { imageFiles: [], existing: [], escaping: [] }, options: { markdownlint: false } }).filter((d) => d.rule === 'front-matter-yaml')
    expect(yamlErrors.length > 0).toBe(yaml === null ? /^---\n\w+:/.test(text) : !valid)
    // The word count leaves out exactly the block the preview leaves out.
    if (valid && text.includes('Body words here.')) expect(textStats(text).words).toBe(3)
  })

  it('the checker says why a ... close is not taken', () => {
    const found = checkPost({ text: cases[7]![1], relPath: 'harbour.md', files: { imageFiles: [], existing: [], escaping: [] }, options: { markdownlint: false } })
    expect(found.filter((d) => d.rule === 'front-matter-yaml').map((d) => d.message)).toEqual(['Front matter starts with --- but has no closing --- (a ... line does not close it)'])
  })
})
