import type { ImportSummary } from './api'

/**
 * Image naming and markdown for imported images, shared by the importer (main side) and the
 * editor (renderer): kebab-case names, names for camera files, alt text, links, and the
 * markdown a drop inserts. Pure string functions.
 */

/**
 * Every image file type Folio knows, in one table: its MIME type, whether a browser shows it
 * (`web`: the preview serves it and the export copies it), and whether the importer takes it
 * (HEIC and TIFF are converted on import; SVG, BMP and icons are only ever linked).
 */
const imageFileTypes = {
  jpg: { mime: 'image/jpeg', web: true, importable: true },
  jpeg: { mime: 'image/jpeg', web: true, importable: true },
  jpe: { mime: 'image/jpeg', web: true, importable: true },
  jfif: { mime: 'image/jpeg', web: true, importable: true },
  png: { mime: 'image/png', web: true, importable: true },
  gif: { mime: 'image/gif', web: true, importable: true },
  webp: { mime: 'image/webp', web: true, importable: true },
  avif: { mime: 'image/avif', web: true, importable: true },
  tif: { mime: 'image/tiff', web: false, importable: true },
  tiff: { mime: 'image/tiff', web: false, importable: true },
  heic: { mime: 'image/heic', web: false, importable: true },
  heif: { mime: 'image/heif', web: false, importable: true },
  svg: { mime: 'image/svg+xml', web: true, importable: false },
  bmp: { mime: 'image/bmp', web: true, importable: false },
  ico: { mime: 'image/x-icon', web: true, importable: false }
} as const satisfies Record<string, { mime: string; web: boolean; importable: boolean }>

type ImageExtension = keyof typeof imageFileTypes
const extensionsWhere = (test: (type: (typeof imageFileTypes)[ImageExtension]) => boolean): ImageExtension[] =>
  (Object.keys(imageFileTypes) as ImageExtension[]).filter((ext) => test(imageFileTypes[ext]))

/** Extensions (lowercase, no dot) of the files Folio imports; a dropped folder is filtered by these. */
export const importableExtensions: readonly ImageExtension[] = extensionsWhere((type) => type.importable)

/** Extensions (lowercase, no dot) the gallery lists and the image finder and checker treat as images. */
export const imageExtensions: readonly ImageExtension[] = Object.keys(imageFileTypes) as ImageExtension[]

/** MIME types of the image files a browser shows, by lowercase extension with the dot (`.jpg`): what the preview serves and the export copies. */
export const webImageTypes: Readonly<Record<string, string>> = Object.fromEntries(extensionsWhere((type) => type.web).map((ext) => [`.${ext}`, imageFileTypes[ext].mime]))

/** The lowercase extension of a file name without the dot, '' when there is none. */
export const extensionOf = (fileName: string): string => /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? ''

/** A file name without its directory part and extension: `a/IMG_1.HEIC` -> `IMG_1`. */
export const stemOf = (fileName: string): string => (fileName.split(/[\\/]/).pop() ?? '').replace(/\.[^.]*$/, '')

/** True when a file name ends with an extension the gallery treats as an image. */
export const isImageName = (fileName: string): boolean => (imageExtensions as readonly string[]).includes(extensionOf(fileName))

// Letters NFKD does not decompose into a base letter plus accents.
const latinFolds: Record<string, string> = {
  ß: 'ss', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', ø: 'o', Ø: 'o', đ: 'd', Đ: 'd', ð: 'd', Ð: 'd',
  þ: 'th', Þ: 'th', ł: 'l', Ł: 'l', ı: 'i', ħ: 'h', Ħ: 'h', ŋ: 'ng', '&': ' and '
}

/**
 * Lowercase ASCII kebab-case (`Café Zoë & Co.` -> `cafe-zoe-and-co`): accents are folded
 * (é -> e, ß -> ss), apostrophes dropped, and every other character (emoji, other scripts,
 * bidi controls, punctuation) becomes a separator. ASCII only, because image names travel
 * into URLs, git and web servers on every OS. Returns '' when nothing is left; long names
 * are cut at a word boundary.
 */
export function kebabCase(text: string, maxLength = 60): string {
  const folded = text
    .replace(/[ßæÆœŒøØđĐðÐþÞłŁıħĦŋ&]/g, (c) => latinFolds[c] ?? c)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
  const kebab = folded.toLowerCase().replace(/['’‘`]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
  if (kebab.length <= maxLength) return kebab
  const cut = kebab.slice(0, maxLength + 1)
  const at = cut.lastIndexOf('-')
  return (at > maxLength / 2 ? cut.slice(0, at) : kebab.slice(0, maxLength)).replace(/-+$/, '')
}

// File names cameras, phones and screenshot tools give: a counter or a time stamp, nothing about the picture.
const cameraNames = [
  /^img[_-]?e?\d{3,}/i, // iPhone IMG_1234, IMG_E1234, WhatsApp IMG-20250712-WA0001
  /^(pxl|mvimg|vid)_\d{8}_\d+/i, // Pixel
  /^(dsc[_fn]?|_dsc|_mg_|dscf|dji_|gopr|gp\d{2}|sam_|imag)\d{3,}/i, // Sony, Nikon, Fuji, Canon, DJI, GoPro, Samsung, HTC
  /^p\d{7}$/i, // Olympus, Panasonic
  /^\d{8}[_-]\d{6}/, // Samsung, Android 20250712_123456
  /^(screenshot|screen shot|screen recording|bildschirmfoto|capture d.écran|captura de pantalla|schermata|schermafbeelding|snímek obrazovky)(?![a-z])/i,
  /^photo[_ -]\d{4}-\d{2}-\d{2}/i, // Telegram
  /^(whatsapp (image|video)|signal)[ _-]\d{4}-\d{2}-\d{2}/i, // messengers
  /^photo on \d/i, // Photo Booth
  /^fullsizerender/i // iOS edits
]

// Names that say nothing at all: clipboard defaults, download placeholders, bare numbers, ids.
const placeholderNames = /^(image|img|photo|picture|pic|pasted[ _-]?(image|graphic)|clipboard([ _-]?image)?|untitled|unnamed|download(ed)?|screenshot|blob|file)?[ _-]*\(?\d*\)?$|^[0-9a-f-]{16,}$/i

/** True for names a camera, phone or screenshot tool made up (IMG_1234, PXL_2025..., DSC01234, Screenshot ...). */
export const isCameraName = (fileName: string): boolean => cameraNames.some((p) => p.test(stemOf(fileName)))

/** True for names that carry no meaning at all (image.png from the clipboard, untitled, a bare number). */
export const isPlaceholderName = (fileName: string): boolean => placeholderNames.test(stemOf(fileName).trim())

/** What the importer names an image after (before the extension and any counter). */
export interface NamePlan {
  /** Kebab-case base name, never empty. */
  base: string
  /** Numbered names form a series (`field-museum-1`, `-2`, ...) that continues from the folder. */
  numbered: boolean
  /** Proposed alt text. */
  alt: string
}

/**
 * Chooses the base name of an imported image. Camera names and placeholders are named after
 * the section heading they were dropped under, numbered (`field-museum-3`). Other names are
 * kept in kebab-case. A name with nothing left (emoji, another script) falls back to the
 * heading, then to `image`.
 */
export function planImageName(fileName: string, heading: string | null): NamePlan {
  const fromHeading = heading ? kebabCase(heading) : ''
  const headingAlt = heading?.replace(/\s+/g, ' ').trim() ?? ''
  const own = kebabCase(stemOf(fileName))
  const placeholder = isPlaceholderName(fileName)
  if (fromHeading && (placeholder || isCameraName(fileName) || !own)) return { base: fromHeading, numbered: true, alt: headingAlt }
  if (!own) return { base: 'image', numbered: true, alt: '' }
  // `image.png` -> `image-1.png`; `photo 2.jpg` keeps its number.
  if (placeholder) return { base: own, numbered: !/\d/.test(own), alt: '' }
  return { base: own, numbered: false, alt: isCameraName(fileName) ? '' : altFromFileName(fileName) }
}

/**
 * A file name not in `taken` (lowercase names already in the folder or planned). Numbered
 * bases continue after the highest `base-N` present; others get `-2`, `-3`... on collision.
 */
export function freeImageName(plan: Pick<NamePlan, 'base' | 'numbered'>, ext: string, taken: ReadonlySet<string>): string {
  const { base } = plan
  let n = 2
  if (plan.numbered) {
    const series = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)\\.[a-z0-9]+$`)
    n = 1
    for (const name of taken) n = Math.max(n, Number(series.exec(name)?.[1] ?? 0) + 1)
  } else if (!taken.has(`${base}.${ext}`)) {
    return `${base}.${ext}`
  }
  while (taken.has(`${base}-${n}.${ext}`)) n++
  return `${base}-${n}.${ext}`
}

const smallWords = new Set(['a', 'an', 'and', 'as', 'at', 'but', 'by', 'for', 'from', 'in', 'of', 'on', 'or', 'the', 'to', 'vs', 'with'])

/**
 * Alt text proposed from a file name (as on disk, not a link: see the checker for links):
 * `field-museum-patagotitan-maroyum.jpg` -> `Field Museum Patagotitan Maroyum`. Words are
 * title-cased, small words after the first kept lowercase, words with capitals kept as
 * written (`iPhone`). Camera names and placeholders give '' (an honest "no alt yet" the
 * checker flags and only the author can fill) rather than `IMG 1234`. The importer, the
 * gallery's drag and the checker's fix all use this one function.
 */
export function altFromFileName(fileName: string): string {
  if (isCameraName(fileName) || isPlaceholderName(fileName)) return ''
  // Separators, bidi controls and markdown's own punctuation (which would need escaping in `![...]`).
  const words = stemOf(fileName)
    .split(/[^\p{L}\p{N}'’]+/u)
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
  return words
    .map((word, i) => (i > 0 && smallWords.has(word) ? word : word === word.toLowerCase() ? word.charAt(0).toUpperCase() + word.slice(1) : word))
    .join(' ')
}

/**
 * Percent-encodes a relative path for a markdown link, segment by segment, so `/` stays and
 * spaces, `#`, `?` and parentheses cannot end or split the link: `a b/(1).jpg` -> `a%20b/%281%29.jpg`.
 */
export const encodeLink = (path: string): string =>
  path
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/')

/** Alt text made safe inside `![...]`: brackets and backslashes escaped, line breaks joined. */
export const escapeAlt = (alt: string): string => alt.replace(/\s*\n\s*/g, ' ').replace(/[\\[\]]/g, '\\$&')

/**
 * The markdown an import inserts: one `![Alt](link)` line per imported image, in import
 * order, joined by single newlines (a run of images, as photo posts write them). '' when
 * nothing was imported.
 */
export const imageMarkdown = (summary: Pick<ImportSummary, 'imported'>): string =>
  summary.imported.map((image) => `![${escapeAlt(image.alt)}](${image.link})`).join('\n')
