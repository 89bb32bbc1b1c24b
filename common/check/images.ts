import type { Diagnostic } from '../api'
import { encodeLink, isImageName } from '../images'
import { imageFolderOf } from '../posts'
import type { CheckContext } from './types'

/**
 * Image files: references to files that do not exist (error), references that leave the
 * post's folder (warning: the export and the blog will not find them), and images in the
 * post's `<slug>-images/` folder the post never mentions (warning). Mentions inside drafting
 * notes count as uses, so images set aside for later are not called orphans.
 */
export function checkImages(context: CheckContext): Diagnostic[] {
  const { input } = context
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
    found.push({
      rule: 'image-missing',
      severity: 'error',
      ...where,
      message: sameButCase ? `Image ${ref.src} does not exist (the folder has ${sameButCase}; case matters on web servers)` : `Image ${ref.src} does not exist`,
      ...(sameButCase ? { fix: { label: `Use ${sameButCase}`, edits: [{ from: ref.start, to: ref.end, insert: encodeLink(sameButCase) }] } } : {})
    })
  }
  const folder = imageFolderOf(input.relPath)
  for (const file of input.files.imageFiles) {
    const name = file.split('/').pop() ?? file
    if (used.has(file) || used.has(file.toLowerCase()) || name.startsWith('.') || !isImageName(name)) continue
    found.push({ rule: 'image-orphan', severity: 'warning', line: 1, message: `${file} in ${folder}/ is not used in the post` })
  }
  return found
}
