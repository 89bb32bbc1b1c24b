import { unified } from 'unified'
import remarkParse from 'remark-parse'
import remarkGfm from 'remark-gfm'
import remarkFrontmatter from 'remark-frontmatter'
import type { Root } from 'mdast'

/** The parser every feature shares: CommonMark + GFM + YAML front matter. */
export const markdownParser = () => unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml'])

const parser = markdownParser()

/** Parses a post into an mdast tree with source positions. */
export function parseMarkdown(text: string): Root {
  return parser.parse(text)
}
