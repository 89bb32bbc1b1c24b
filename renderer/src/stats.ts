/** Words, characters and reading time of a post body, as the status bar shows them. */
export interface TextStats {
  words: number
  characters: number
  readingMinutes: number
}

/** Counts words the way writers expect: front matter, comments and markup are not words. */
export function textStats(text: string): TextStats {
  const body = text
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\]\([^)]*\)/g, ']')
  const words = body.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0
  return { words, characters: body.replace(/\s/g, '').length, readingMinutes: Math.max(words ? 1 : 0, Math.round(words / 230)) }
}
