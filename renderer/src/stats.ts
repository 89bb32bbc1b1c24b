import { frontMatterBlock } from '../../common/frontmatter'

/** Words, characters and reading time of a post body, as the status bar shows them. */
export interface TextStats {
  words: number
  characters: number
  readingMinutes: number
}

/** Counts words the way writers expect: front matter, comments and markup are not words. */
export function textStats(text: string): TextStats {
  const body = text
    .slice(frontMatterBlock(text)?.to ?? 0)
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\]\([^)]*\)/g, ']')
  // Counted in place rather than collected or copied: a 50 MB post would otherwise build
  // millions of strings on every update and hold the window for seconds.
  let words = 0
  const word = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu
  while (word.exec(body)) words++
  let spaces = 0
  for (const run of body.matchAll(/\s+/g)) spaces += run[0].length
  return { words, characters: body.length - spaces, readingMinutes: Math.max(words ? 1 : 0, Math.round(words / 230)) }
}
