import type { Diagnostic } from '../api'
import { altFromFileName, escapeAlt } from '../images'
import type { LinkTarget } from '../links'
import type { CheckContext } from './types'

/** The file name an image source ends in, decoded: the local path, or a web URL's last segment. */
function fileNameOf(src: string, target: LinkTarget): string {
  if (target.kind === 'local') return target.path
  const last = (src.split(/[?#]/)[0] ?? '').split('/').pop() ?? ''
  try {
    return decodeURIComponent(last)
  } catch {
    return last
  }
}

/** Images without alt text (screen readers and search engines get nothing); the fix proposes one from a meaningful file name. */
export function checkAltText(context: CheckContext): Diagnostic[] {
  const found: Diagnostic[] = []
  for (const ref of context.images) {
    if (ref.inNote || ref.alt === null || ref.alt.trim() !== '') continue
    // A camera name (IMG_1234) gives no proposal: only the author can say what the photo shows.
    const alt = escapeAlt(altFromFileName(fileNameOf(ref.src, ref.target)))
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
