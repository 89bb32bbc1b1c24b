import type { Root } from 'mdast'
import { visit } from 'unist-util-visit'
import { parseMarkdown } from '../markdown/parse'

/** Where an image reference points. */
export type ImageTarget = { kind: 'url' } | { kind: 'outside' } | { kind: 'local'; path: string }

/** One image the post refers to. */
export interface ImageReference {
  src: string
  target: ImageTarget
  /** Alt text; null for raw HTML `<img>` and references inside drafting notes. */
  alt: string | null
  from: number
  to: number
  /** Where the alt text sits in `![alt](...)` (for adding one), or null. */
  altRange: [number, number] | null
  /** Mentioned only inside an HTML comment (a drafting note), so not published. */
  inNote: boolean
}

/**
 * Classifies an image source: web and data URLs are fine; absolute paths, `file:` URLs and
 * `../` climbing out of the post's folder are outside it; anything else is a local path,
 * returned decoded and normalised, relative to the post's folder.
 */
export function imageTarget(src: string): ImageTarget {
  const value = src.trim()
  if (/^file:/i.test(value) || /^[a-z]:[\\/]/i.test(value) || /^(\\|\/(?!\/))/.test(value)) return { kind: 'outside' }
  if (/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(value)) return { kind: 'url' }
  let path = value.split(/[?#]/)[0] ?? ''
  try {
    path = decodeURIComponent(path)
  } catch {
    // Not percent-encoded after all: keep it as written.
  }
  const parts: string[] = []
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue
    if (part !== '..') parts.push(part)
    else if (parts.pop() === undefined) return { kind: 'outside' }
  }
  return { kind: 'local', path: parts.join('/') }
}

const imgTag = /<img\b[^>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi
const commentPattern = /<!--[\s\S]*?-->/g
const markdownImage = /!\[[^\]]*\]\(\s*<?([^)\s>]+)/g

/** The `](alt)` range of `![alt](src)` starting at `from`, when the alt is written inline. */
function altRangeAt(text: string, from: number): [number, number] | null {
  if (!text.startsWith('![', from)) return null
  const close = text.indexOf(']', from + 2)
  return close < 0 ? null : [from + 2, close]
}

/**
 * Every image the post refers to: markdown images (inline and by reference), raw HTML
 * `<img>` tags, and images mentioned inside drafting notes, in document order.
 */
export function imageReferences(text: string, tree: Root = parseMarkdown(text)): ImageReference[] {
  const refs: ImageReference[] = []
  const definitions = new Map<string, string>()
  visit(tree, 'definition', (node) => {
    definitions.set(node.identifier, node.url)
  })
  const add = (src: string, from: number, to: number, alt: string | null, inNote: boolean) =>
    refs.push({ src, target: imageTarget(src), alt, from, to, altRange: alt === null ? null : altRangeAt(text, from), inNote })

  visit(tree, (node) => {
    const from = node.position?.start.offset ?? 0
    const to = node.position?.end.offset ?? 0
    if (node.type === 'image') add(node.url, from, to, node.alt ?? '', false)
    else if (node.type === 'imageReference') {
      const url = definitions.get(node.identifier)
      if (url !== undefined) add(url, from, to, node.alt ?? '', false)
    } else if (node.type === 'html') {
      const comments = [...node.value.matchAll(commentPattern)]
      const inComment = (i: number) => comments.some((c) => i >= (c.index ?? 0) && i < (c.index ?? 0) + c[0].length)
      for (const m of node.value.matchAll(imgTag)) {
        const at = m.index ?? 0
        add(m[1] ?? m[2] ?? m[3] ?? '', from + at, from + at + m[0].length, null, inComment(at))
      }
      for (const c of comments) {
        for (const m of c[0].matchAll(markdownImage)) {
          const at = (c.index ?? 0) + (m.index ?? 0)
          add(m[1] ?? '', from + at, from + at + m[0].length, null, true)
        }
      }
    }
  })
  return refs.sort((a, b) => a.from - b.from)
}
