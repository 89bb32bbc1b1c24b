import { lineStarts, positionAt } from './edits'
import { encodeLink, isImageName } from './images'

/**
 * Finding and rewriting the image references of a post, for the gallery (which images are
 * used, on which lines, which references are broken), renaming an image, and the preview's
 * size lookup. Works on the source text with patterns rather than the markdown tree, so
 * references inside drafting notes (HTML comments) count too: an image kept in a note for
 * later is still in use.
 */

/** One reference to a file, as written in the post. */
export interface ImageReference {
  /** Folder-normalised, percent-decoded path relative to the post's folder: `trip-images/a b.jpg`. */
  path: string
  /** 1-based line of the reference. */
  line: number
  /** Offsets of the link destination in the text (without `<>` or quotes), for rewriting. */
  start: number
  end: number
}

// `](dest`, `](<dest>`, reference definitions `[id]: dest`, and HTML `src="dest"`.
const patterns = [
  /\]\(\s*(?:<([^>\n]*)>|([^\s)]+))/g,
  /^ {0,3}\[[^\]\n]+\]:[ \t]*(?:<([^>\n]*)>|(\S+))/gm,
  /<(?:img|source)\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/gi
]

/**
 * The post-folder-relative path a link destination points to, percent-decoded and with
 * `./`, `..`, query and fragment resolved away; null for URLs with a scheme, site-absolute
 * paths, data URIs and paths that climb above the post's folder.
 */
export function canonicalImagePath(destination: string): string | null {
  const dest = destination.trim()
  if (!dest || /^[a-z][a-z0-9+.-]*:/i.test(dest) || dest.startsWith('/') || dest.startsWith('#')) return null
  // Markdown backslash escapes (`a\_b.jpg`) mean the character itself.
  let decoded = dest.replace(/[?#].*$/, '').replace(/\\([!-/:-@[-`{-~])/g, '$1')
  try {
    decoded = decodeURIComponent(decoded)
  } catch {
    // A stray `%` in a hand-written link: keep it as written.
  }
  const parts: string[] = []
  for (const part of decoded.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') {
      if (!parts.pop()) return null
    } else parts.push(part)
  }
  return parts.length ? parts.join('/') : null
}

/** Every relative reference to an image file in a post, in text order. */
export function imageReferences(text: string): ImageReference[] {
  const starts = lineStarts(text)
  const lineAt = (offset: number): number => positionAt(starts, offset).line
  const found: ImageReference[] = []
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      const group = match.slice(1).findIndex((g) => g !== undefined)
      const dest = match[group + 1]
      if (dest === undefined) continue
      const start = match.index + match[0].lastIndexOf(dest)
      const path = canonicalImagePath(dest)
      if (path && isImageName(path)) found.push({ path, line: lineAt(start), start, end: start + dest.length })
    }
  }
  return found.sort((a, b) => a.start - b.start)
}

/** The lines each referenced path appears on: `path -> [line, ...]`. */
export function referenceLines(refs: readonly ImageReference[]): Map<string, number[]> {
  const lines = new Map<string, number[]>()
  for (const ref of refs) {
    const list = lines.get(ref.path) ?? []
    if (!list.includes(ref.line)) list.push(ref.line)
    lines.set(ref.path, list)
  }
  return lines
}

/**
 * Points every reference to `oldPath` (post-folder-relative, decoded) at `newPath`, written
 * percent-encoded; a leading `./` is kept. Returns the text unchanged when nothing refers to it.
 * The editor applies the same function to unsaved text after `renameImage`.
 */
export function rewriteImageReferences(text: string, oldPath: string, newPath: string): string {
  let out = text
  for (const ref of imageReferences(text).reverse()) {
    if (ref.path !== oldPath) continue
    const prefix = text.slice(ref.start, ref.end).startsWith('./') ? './' : ''
    out = out.slice(0, ref.start) + prefix + encodeLink(newPath) + out.slice(ref.end)
  }
  return out
}
