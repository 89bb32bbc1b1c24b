import type { Diagnostic } from '../api'
import type { CheckContext } from './types'

const smallWords = new Set(['a', 'an', 'and', 'as', 'at', 'but', 'by', 'for', 'from', 'in', 'of', 'on', 'or', 'the', 'to', 'vs', 'with'])

/**
 * Alt text guessed from an image's file name, title-cased:
 * `field-museum-patagotitan-maroyum.jpg` -> `Field Museum Patagotitan Maroyum`.
 */
export function altFromFileName(src: string): string {
  const name = (src.split(/[?#]/)[0] ?? '').split(/[\\/]/).pop() ?? ''
  let base = name.replace(/\.[a-z0-9]{1,5}$/i, '')
  try {
    base = decodeURIComponent(base)
  } catch {
    // Keep the name as written.
  }
  const words = base.split(/[-_\s.+]+/).filter((w) => /[\p{L}\p{N}]/u.test(w))
  return words
    .map((w) => w.replace(/[[\]\\*_`<>]/g, ''))
    .map((w, i) => (i > 0 && smallWords.has(w.toLowerCase()) ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1)))
    .filter(Boolean)
    .join(' ')
}

/** Images without alt text (screen readers and search engines get nothing); the fix proposes one from the file name. */
export function checkAltText(context: CheckContext): Diagnostic[] {
  const found: Diagnostic[] = []
  for (const ref of context.images) {
    if (ref.inNote || ref.alt === null || ref.alt.trim() !== '') continue
    const alt = altFromFileName(ref.src)
    const range = ref.altRange
    found.push({
      rule: 'image-alt',
      severity: 'warning',
      ...context.at(ref.from, ref.to),
      message: `Image ${ref.src || '(no file)'} has no alt text`,
      ...(alt && range ? { fix: { label: `Add alt text “${alt}”`, edits: [{ from: range[0], to: range[1], insert: alt }] } } : {})
    })
  }
  return found
}
