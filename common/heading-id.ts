import { slug } from 'github-slugger'

/**
 * What a heading's id is, for a plain folder: GitHub's slug of its text (github-slugger),
 * numbered when repeated. The outline, the TOC, the checker, the preview and the export all
 * take heading ids from here, so a TOC link always lands where the page puts the heading.
 */

/** The id a heading written alone in a post gets; see {@link headingIds} for repeats. */
export const fallbackHeadingSlug = 'section'

/**
 * GitHub's slug of a heading's text, or `section` when nothing is left of it (`## 🎉`):
 * GitHub gives such a heading an empty id, which is no anchor at all (Pandoc and kramdown,
 * Jekyll's parser, fall back to `section` too).
 */
export const headingSlug = (text: string): string => slug(text) || fallbackHeadingSlug

/**
 * Numbers repeated heading slugs in document order as github-slugger does (`intro`,
 * `intro-1`, ...): one numbering per page, fed each heading's {@link headingSlug} in order.
 */
export function headingIds(): (slug: string) => string {
  const occurrences = new Map<string, number>()
  return (slug) => {
    let id = slug
    while (occurrences.has(id)) {
      const n = occurrences.get(slug)! + 1
      occurrences.set(slug, n)
      id = `${slug}-${n}`
    }
    occurrences.set(id, 0)
    return id
  }
}
