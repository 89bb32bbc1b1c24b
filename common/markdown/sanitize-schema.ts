import { defaultSchema } from 'hast-util-sanitize'
import type { Schema } from 'hast-util-sanitize'

/**
 * The one allow-list of the HTML a post may carry, for the preview and the export alike:
 * everything a blog page safely shows (GitHub's comment rules, rehype-sanitize's default, are
 * stricter than that and dropped figures, video, <mark>, <time>...), and nothing that runs,
 * navigates or submits. Out: scripts, event handlers, styles, forms, frames, objects, <base>,
 * <meta>, <link>, SVG and MathML (parser confusion), `javascript:`/`data:` URLs. Each
 * element kept has a test in tests/unit/sanitize-schema.test.ts.
 *
 * Also out, by judgement:
 * - `srcset`, and so `<source>` in a `<picture>`: it would load images past the image
 *   resolver (links out of the folder, files an export never copies); a `<picture>` shows
 *   its `<img>`.
 * - `class`: a post's class names would match the app's own CSS in the preview (an
 *   `editor-slot` would move the editor over the post).
 * - obsolete presentational elements (`<center>`, `<font>`, `<big>`): their text stays.
 * Ids and names keep GitHub's `user-content-` prefix, so a post cannot clobber the page's
 * own ids; the export points `#links` at them.
 */

/** Elements a blog post shows, beyond GitHub's. */
const blogElements = [
  ['address', 'article', 'aside', 'figure', 'figcaption', 'footer', 'header', 'hgroup', 'nav'],
  ['abbr', 'bdi', 'bdo', 'cite', 'data', 'dfn', 'mark', 'small', 'time', 'u', 'wbr'],
  ['caption', 'col', 'colgroup'],
  ['audio', 'source', 'track', 'video']
].flat()

/** Obsolete in HTML5: html-validate rejects them in an export. Their content is kept. */
const obsolete = new Set(['big', 'strike', 'tt'])

/** Not `autoplay`: it plays at the reader unasked (html-validate's no-autoplay, WCAG 1.4.2). */
const media = ['controls', 'loop', 'muted', 'preload', 'src']

export const sanitizeSchema: Schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []).filter((tag) => !obsolete.has(tag)), ...blogElements],
  // Dropped with their content: a stripped <style> must not leave its CSS behind as text.
  strip: [...(defaultSchema.strip ?? []), 'style'],
  ancestors: {
    ...defaultSchema.ancestors,
    // Media sources only: in a <picture> it is all srcset (see above).
    source: ['audio', 'video'],
    track: ['audio', 'video'],
    caption: ['table'],
    colgroup: ['table'],
    col: ['table']
  },
  attributes: {
    ...defaultSchema.attributes,
    aside: [['className', 'draft-note']],
    audio: media,
    video: [...media, 'playsInline', 'poster'],
    source: ['src', 'type', 'media'],
    track: ['src', 'kind', 'srcLang', 'label', 'default'],
    ol: [...(defaultSchema.attributes?.ol ?? []), 'reversed', 'type'],
    img: [...(defaultSchema.attributes?.img ?? []), 'loading', 'decoding']
  },
  protocols: {
    ...defaultSchema.protocols,
    // `src` is http(s) or relative already (GitHub's rule), for media as for images.
    poster: ['http', 'https']
  }
}
