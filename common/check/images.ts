import type { Diagnostic } from '../api'
import { imageFolderOf } from '../posts'
import type { CheckContext } from './types'

/** Files the orphan rule counts as images (other files in the folder are none of its business). */
const imageName = /\.(jpe?g|png|gif|webp|avif|svg|bmp|ico|heic|heif|tiff?)$/i

/** The `(src)` part of `![alt](src)` in the source, so a fix can replace just the path. */
function srcRange(text: string, from: number, to: number, src: string): [number, number] | null {
  const open = text.indexOf('](', from)
  if (open < 0 || open >= to) return null
  const at = text.indexOf(src, open + 2)
  return at >= 0 && at + src.length <= to ? [at, at + src.length] : null
}

/**
 * Image files: references to files that do not exist (error), references that leave the
 * post's folder (warning: the export and the blog will not find them), and images in the
 * post's `<slug>-images/` folder the post never mentions (warning). Mentions inside drafting
 * notes count as uses, so images set aside for later are not called orphans.
 */
export function checkImages(context: CheckContext): Diagnostic[] {
  const { text, input } = context
  const existing = new Set(input.files.existing)
  const escaping = new Set(input.files.escaping)
  const used = new Set<string>()
  const found: Diagnostic[] = []
  for (const ref of context.images) {
    // Lower-cased too: a reference differing only in case is reported as missing (with a fix), not its file as orphaned.
    if (ref.target.kind === 'local') used.add(ref.target.path).add(ref.target.path.toLowerCase())
    if (ref.inNote || ref.target.kind === 'url') continue
    const where = context.at(ref.from, ref.to)
    if (ref.target.kind === 'outside' || escaping.has(ref.target.path)) {
      found.push({ rule: 'image-outside', severity: 'warning', ...where, message: `Image ${ref.src} is outside the post's folder, so exports and the published blog will not find it` })
      continue
    }
    const path = ref.target.path
    if (existing.has(path)) continue
    if (!path) {
      found.push({ rule: 'image-missing', severity: 'error', ...where, message: 'Image has no file name' })
      continue
    }
    const sameButCase = input.files.imageFiles.find((f) => f.toLowerCase() === path.toLowerCase())
    const range = sameButCase ? srcRange(text, ref.from, ref.to, ref.src) : null
    found.push({
      rule: 'image-missing',
      severity: 'error',
      ...where,
      message: sameButCase ? `Image ${ref.src} does not exist (the folder has ${sameButCase}; case matters on web servers)` : `Image ${ref.src} does not exist`,
      ...(sameButCase && range ? { fix: { label: `Use ${sameButCase}`, edits: [{ from: range[0], to: range[1], insert: sameButCase }] } } : {})
    })
  }
  const folder = imageFolderOf(input.relPath)
  for (const file of input.files.imageFiles) {
    const name = file.split('/').pop() ?? file
    if (used.has(file) || used.has(file.toLowerCase()) || name.startsWith('.') || !imageName.test(name)) continue
    found.push({ rule: 'image-orphan', severity: 'warning', line: 1, message: `${file} in ${folder}/ is not used in the post` })
  }
  return found
}
