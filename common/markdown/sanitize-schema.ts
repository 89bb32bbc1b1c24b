import { defaultSchema } from 'hast-util-sanitize'
import type { Schema } from 'hast-util-sanitize'

/**
 * GitHub's sanitizing rules (rehype-sanitize's default) plus the draft-note aside that
 * Folio's preview adds. Scripts, event
 * handlers, iframes, styles and `javascript:`/`data:` URLs stay out. `<source>` goes too:
 * its `srcset` would load images past the image resolver (links out of the folder, web
 * trackers, files an export never copies); a `<picture>` shows its `<img>` instead.
 */
export const sanitizeSchema: Schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []).filter((tag) => tag !== 'source'), 'aside'],
  // Dropped with their content: a stripped <style> must not leave its CSS behind as text.
  strip: [...(defaultSchema.strip ?? []), 'style'],
  attributes: {
    ...defaultSchema.attributes,
    aside: [['className', 'draft-note']]
  }
}
