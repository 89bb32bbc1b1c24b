import type { EventPayloads, ImportSource, ImportSummary } from '../../../common/api'
import { escapeAlt } from '../../../common/images'
import { sectionAt, type Heading } from '../../../common/outline'

/**
 * Small pure helpers of the image import and gallery UI: what to send for dropped files,
 * which heading names them, and the words the progress strip and the gallery show.
 */

/** The drag data type a gallery thumbnail carries: JSON `{ link, alt }`. */
export const galleryImageType = 'application/x-folio-image'

/** The longest heading `importImages` accepts (the contract's limit). */
const headingLimit = 200

/** True when a drag carries files or a gallery image, which the editor and the preview take. */
export const carriesImages = (types: readonly string[] | undefined): boolean => Boolean(types && (types.includes('Files') || types.includes(galleryImageType)))

/** The markdown of a gallery image carried by a drag (its DataTransfer), or null when it carries none. */
export function galleryMarkdown(data: { getData(type: string): string }): string | null {
  const raw = data.getData(galleryImageType)
  if (!raw) return null
  try {
    const { link, alt } = JSON.parse(raw) as { link?: unknown; alt?: unknown }
    // Only a plain relative link (what the gallery sends): nothing that could end the markdown link early.
    return typeof link === 'string' && /^[^\s()<>]+$/.test(link) ? `![${escapeAlt(typeof alt === 'string' ? alt : '')}](${link})` : null
  } catch {
    return null
  }
}

/**
 * The sources for dropped or pasted files: the file's path when the platform knows it (a
 * file from the desktop; folders too), else its bytes (an image dragged from a web page,
 * pasted image data).
 */
export async function importSources(files: readonly File[], pathForFile: (file: File) => string): Promise<ImportSource[]> {
  return Promise.all(
    files.map(async (file): Promise<ImportSource> => {
      const path = pathForFile(file)
      if (path) return { kind: 'path', path }
      return { kind: 'bytes', name: file.name || 'image', bytes: new Uint8Array(await file.arrayBuffer()) }
    })
  )
}

/** The text of the section heading above `line` (what camera files are named after), or null. */
export function headingForLine(headings: readonly Heading[], line: number): string | null {
  const text = sectionAt(headings as Heading[], line)?.text.replace(/\s+/g, ' ').trim()
  return text ? text.slice(0, headingLimit) : null
}

/** Pasted clipboard content to import as images: image files, unless there is text to paste too (a spreadsheet's cells come with a picture of them). */
export function pastedImages(files: readonly File[], plainText: string): File[] {
  if (plainText.trim()) return []
  return files.filter((file) => file.type.startsWith('image/'))
}

/** `Importing 3 of 20`: the file being worked on, counting from 1. */
export function progressLabel({ done, total }: Pick<EventPayloads['importProgress'], 'done' | 'total'>): string {
  if (total <= 0) return 'Preparing import…'
  return `Importing ${Math.min(total, done + 1)} of ${total}`
}

/** `1 image` / `3 images`. */
export const imageCount = (n: number): string => `${n} ${n === 1 ? 'image' : 'images'}`

/** The headline of the notice shown after an import. */
export function importSummaryText(summary: ImportSummary, inserted: boolean): string {
  const count = summary.imported.length
  const skipped = summary.skipped.length
  const parts: string[] = []
  if (summary.cancelled) parts.push(count ? `Import cancelled after ${imageCount(count)}.` : 'Import cancelled; no image was imported.')
  else if (count) parts.push(`Imported ${imageCount(count)}.`)
  else parts.push('No image was imported.')
  if (skipped) parts.push(`${skipped} skipped:`)
  if (count && !inserted) parts.push('The post was closed meanwhile, so the links were not inserted; the images are in the Images tab.')
  return parts.join(' ')
}

/** A file size the way file managers show it: `840 B`, `12 KB`, `3.4 MB`. */
export function formatBytes(size: number): string {
  if (size < 1000) return `${size} B`
  if (size < 1_000_000) return `${Math.round(size / 1000)} KB`
  const mb = size / 1_000_000
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`
}

/** `Line 12` / `Lines 4, 12, 40`. */
export const linesLabel = (lines: readonly number[]): string => `${lines.length === 1 ? 'Line' : 'Lines'} ${lines.join(', ')}`

/**
 * The key of `imageSizes` (a post-folder-relative, decoded path) for a preview image's
 * `src`, which the preview wrote as `imageBase` + the folder-relative path, encoded. Null
 * for images from elsewhere (the web, outside the post's folder).
 */
export function sizeKeyFromSrc(src: string, imageBase: string, postRelPath: string): string | null {
  if (!src.startsWith(imageBase)) return null
  let path: string
  try {
    path = src.slice(imageBase.length).split('/').map(decodeURIComponent).join('/')
  } catch {
    return null
  }
  const dir = postRelPath.includes('/') ? postRelPath.slice(0, postRelPath.lastIndexOf('/') + 1) : ''
  if (!path.startsWith(dir)) return null
  return path.slice(dir.length) || null
}
