import type { TextEdit } from './api'
import { lineStarts, positionAt } from './edits'
import { encodeLink, isImageName } from './images'
import { linkTarget, type LinkTarget } from './links'
import { markedRegions, regionAt, type Regions } from './image-refs-regions'

/**
 * The one finder of a post's image references. The gallery (which images are used, on which
 * lines, which are broken), deleting and renaming an image, the checker, the export and the
 * preview's size lookup all ask it, so they cannot disagree about whether a file is used.
 * It reads the source text (no markdown parse: the preview asks on every pause in typing,
 * and parsing a long post takes most of a second): markdown images inline and by reference,
 * links to image files, raw HTML `<img src srcset>`, `<source src srcset>`, `<video poster>`
 * and `<a href>` to an image. Code (fenced and inline) is skipped: it shows markdown, it does
 * not use it. References inside drafting notes (HTML comments) are found and marked
 * `inNote`: an image kept in a note for later is in use (deleting it would break the note),
 * though the export, which drops notes, does not publish it.
 */

/** How a reference is written. */
export type ReferenceForm = 'image' | 'link' | 'definition' | 'html'

/** One reference to a file, as written in the post. */
export interface ImageReference {
  form: ReferenceForm
  /** The destination as the post means it: escapes and entities resolved, not percent-decoded. */
  src: string
  target: LinkTarget
  /**
   * The file it names, relative to the post's folder, decoded (`trip-images/a b.jpg`); null
   * for web URLs, paths outside the folder and empty sources. The key every feature compares.
   */
  path: string | null
  /** 1-based line of the reference (of its use, for a reference-style image). */
  line: number
  /** The whole construct (`![alt](src)`, the `<img>` tag), for diagnostics. */
  from: number
  to: number
  /** Offsets of the destination as written (without `<>` or quotes), for rewriting. */
  start: number
  end: number
  /** Alt text of a markdown image as written; null for links and HTML. */
  alt: string | null
  /** Where the alt text sits in `![alt]...` (for adding one), or null. */
  altRange: [number, number] | null
  /** Only inside an HTML comment (a drafting note), so not published. */
  inNote: boolean
}

/** Every reference to an image in a post, in text order. */
export function imageReferences(text: string): ImageReference[] {
  const regions = markedRegions(text)
  const starts = lineStarts(text)
  const found: ImageReference[] = []
  const add = (form: ReferenceForm, raw: Destination, from: number, to: number, alt: [number, number] | null, imageOnly: boolean) => {
    const region = regionAt(regions, raw.start)
    if (region === 'code') return
    const src = raw.value
    const target = linkTarget(src)
    const path = target.kind === 'local' && target.path ? target.path : null
    if (imageOnly && !(path && isImageName(path))) return
    const line = positionAt(starts, from).line
    const altText = alt ? text.slice(alt[0], alt[1]) : null
    found.push({ form, src, target, path, line, from, to, start: raw.start, end: raw.end, alt: altText, altRange: alt, inNote: region === 'note' })
  }
  markdownReferences(text, regions, add)
  htmlReferences(text, regions, add)
  return found.sort((a, b) => a.from - b.from || a.start - b.start)
}

/** The decoded, post-folder-relative path a link names (`./a/../x%20y.jpg` -> `x y.jpg`), or null when it names no local file. */
export function canonicalImagePath(link: string): string | null {
  const target = linkTarget(unescapeMarkdown(link))
  return target.kind === 'local' && target.path ? target.path : null
}

/** The lines each referenced path appears on: `path -> [line, ...]`. */
export function referenceLines(refs: readonly ImageReference[]): Map<string, number[]> {
  const lines = new Map<string, number[]>()
  for (const ref of refs) {
    if (!ref.path) continue
    const list = lines.get(ref.path) ?? []
    if (!list.includes(ref.line)) list.push(ref.line)
    lines.set(ref.path, list)
  }
  return lines
}

/**
 * Points every reference to `oldPath` (post-folder-relative, decoded) at `newPath`, written
 * percent-encoded; a leading `./` is kept. Returns the text unchanged when nothing refers to it.
 * The editor applies the same edits to unsaved text after `renameImage`.
 */
export function rewriteImageReferences(text: string, oldPath: string, newPath: string): string {
  let out = text
  for (const edit of imageReferenceEdits(text, oldPath, newPath).reverse()) out = out.slice(0, edit.from) + edit.insert + out.slice(edit.to)
  return out
}

/** The edits of {@link rewriteImageReferences}, one per destination written, in text order. */
export function imageReferenceEdits(text: string, oldPath: string, newPath: string): TextEdit[] {
  const seen = new Set<number>()
  return imageReferences(text)
    .filter((ref) => ref.path === oldPath && !seen.has(ref.start) && seen.add(ref.start))
    .sort((a, b) => a.start - b.start)
    .map((ref) => ({ from: ref.start, to: ref.end, insert: (text.startsWith('./', ref.start) ? './' : '') + encodeLink(newPath) }))
}

/** A destination as written: its offsets and what it means. */
interface Destination {
  start: number
  end: number
  value: string
}

type Add = (form: ReferenceForm, dest: Destination, from: number, to: number, alt: [number, number] | null, imageOnly: boolean) => void

// Markdown's backslash escapes and the entities people write in links.
const unescapeMarkdown = (value: string): string => decodeEntities(value.replace(/\\([!-/:-@[-`{-~])/g, '$1'))

const namedEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }
function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== '#') return namedEntities[name.toLowerCase()] ?? whole
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
  })
}

/** The `[` that opens the bracket closed at `close`, on the same paragraph; -1 when none. */
function openingBracket(text: string, close: number): number {
  let depth = 0
  for (let i = close - 1; i >= 0; i--) {
    const c = text[i]
    if (c === '\n' && blankBefore(text, i)) return -1
    if (text[i - 1] === '\\') continue
    if (c === ']') depth++
    else if (c === '[' && depth-- === 0) return i
  }
  return -1
}

/** True when the line ending at the newline `at` is blank. */
function blankBefore(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0 && text[i] !== '\n'; i--) if (text[i] !== ' ' && text[i] !== '\t' && text[i] !== '\r') return false
  return true
}

/** An inline destination after `(` at `at`: `<a b.jpg>` or `a(1).jpg`; null when there is none. */
function inlineDestination(text: string, at: number): Destination | null {
  let i = at
  while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n') i++
  if (text[i] === '<') {
    const close = text.indexOf('>', i)
    const line = text.indexOf('\n', i)
    if (close < 0 || (line >= 0 && line < close)) return null
    return { start: i + 1, end: close, value: unescapeMarkdown(text.slice(i + 1, close)) }
  }
  let depth = 0
  let j = i
  for (; j < text.length; j++) {
    const c = text[j]!
    if (c === '\\') j++
    else if (c === '(') depth++
    else if (c === ')' && depth-- === 0) break
    else if (/\s/.test(c)) break
  }
  return { start: i, end: j, value: unescapeMarkdown(text.slice(i, j)) }
}

const normalLabel = (label: string): string => label.replace(/\s+/g, ' ').trim().toLowerCase()

/** Markdown images and links, inline and by reference, and reference definitions. */
function markdownReferences(text: string, regions: Regions, add: Add): void {
  const definitions = new Map<string, { dest: Destination; from: number; to: number; used: boolean }>()
  for (const m of text.matchAll(/^((?:[ \t]{0,3}>)*[ \t]{0,3})\[((?:[^\]\\\n]|\\.){1,999})\]:[ \t]*\n?[ \t]*(?:<([^<>\n]*)>|(\S+))/gm)) {
    const value = m[3] ?? m[4] ?? ''
    const start = m.index + m[0].length - value.length - (m[3] !== undefined ? 1 : 0)
    const label = normalLabel(m[2] ?? '')
    if (regionAt(regions, m.index + m[1]!.length) === 'code' || definitions.has(label)) continue
    definitions.set(label, { dest: { start, end: start + value.length, value: unescapeMarkdown(value) }, from: m.index, to: m.index + m[0].length, used: false })
  }
  for (let close = text.indexOf(']'); close >= 0; close = text.indexOf(']', close + 1)) {
    if (text[close - 1] === '\\' || regionAt(regions, close) === 'code') continue
    const open = openingBracket(text, close)
    if (open < 0 || text[open - 1] === ']') continue // the label half of `[text][label]`
    const image = text[open - 1] === '!'
    const from = image ? open - 1 : open
    const alt: [number, number] | null = image ? [open + 1, close] : null
    const next = text[close + 1]
    if (next === '(') {
      const dest = inlineDestination(text, close + 2)
      const end = dest ? text.indexOf(')', dest.end) : -1
      if (dest) add(image ? 'image' : 'link', dest, from, end >= 0 ? end + 1 : dest.end, alt, !image)
      continue
    }
    if (next === ':') continue // a definition, read above
    const full = next === '[' ? /^\[((?:[^\]\\\n]|\\.)*)\]/.exec(text.slice(close + 1, close + 1000)) : null
    const label = normalLabel(full?.[1] || text.slice(open + 1, close))
    const definition = definitions.get(label)
    if (!definition) continue
    definition.used = true
    add(image ? 'image' : 'link', definition.dest, from, close + 1 + (full?.[0].length ?? 0), alt, !image)
  }
  // A definition nothing uses still names the file: deleting it would break the definition.
  for (const d of definitions.values()) if (!d.used) add('definition', d.dest, d.from, d.to, null, true)
}

const tagPattern = /<(img|source|video|audio|a)\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi
const attributePattern = /\s(src|srcset|poster|href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"'=<`]+))/gi

/** Raw HTML: `<img src srcset>`, `<source src srcset>`, `<video poster>`, `<a href>` to an image. */
function htmlReferences(text: string, regions: Regions, add: Add): void {
  for (const tag of text.matchAll(tagPattern)) {
    const name = tag[1]!.toLowerCase()
    for (const attr of tag[0].matchAll(attributePattern)) {
      const key = attr[1]!.toLowerCase()
      if (key === 'href' ? name !== 'a' : name === 'a') continue
      const raw = attr[2] ?? attr[3] ?? attr[4] ?? ''
      const at = tag.index + attr.index + attr[0].length - raw.length - (attr[4] === undefined ? 1 : 0)
      const from = tag.index
      const to = tag.index + tag[0].length
      // Only <img src> is an image whatever it names; the rest count when they name an image file.
      const imageOnly = !(name === 'img' && key === 'src') && key !== 'srcset'
      if (key === 'srcset') for (const candidate of srcsetCandidates(raw)) add('html', { start: at + candidate.start, end: at + candidate.end, value: decodeEntities(candidate.url) }, from, to, null, false)
      else add('html', { start: at, end: at + raw.length, value: decodeEntities(raw) }, from, to, null, imageOnly)
    }
  }
}

/** The URLs of a `srcset` (`a.jpg 1x, b.jpg 2x`), with their offsets in it. */
function srcsetCandidates(srcset: string): { url: string; start: number; end: number }[] {
  const found: { url: string; start: number; end: number }[] = []
  for (const m of srcset.matchAll(/([^\s,][^\s]*?)(?:,(?=\s|$)|(?=\s|$))[^,]*,?/g)) {
    const url = m[1]!.replace(/,+$/, '')
    if (url) found.push({ url, start: m.index, end: m.index + url.length })
  }
  return found
}
