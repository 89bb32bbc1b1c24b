import { defaultSchema } from 'hast-util-sanitize'
import type { Schema } from 'hast-util-sanitize'

/**
 * GitHub's sanitizing rules (rehype-sanitize's default) plus the draft-note aside that
 * Folio's preview adds. Scripts, event
 * handlers, iframes, styles and `javascript:`/`data:` URLs stay out.
 */
export const sanitizeSchema: Schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'aside'],
  // Dropped with their content: a stripped <style> must not leave its CSS behind as text.
  strip: [...(defaultSchema.strip ?? []), 'style'],
  attributes: {
    ...defaultSchema.attributes,
    aside: [['className', 'draft-note']]
  }
}
