import type { Root, Element, Parents } from 'hast'
import { visit, SKIP } from 'unist-util-visit'
import { canonicalImagePath } from './image-refs'
import { isImageName } from './images'
import { markdownProcessor } from './markdown/pipeline'

/**
 * The body of an exported post. It is rendered by the one markdown pipeline in export mode
 * (drafting notes dropped, raw HTML sanitized exactly as in the preview), then finished
 * here for a standalone page: images pointed at their exported copies, and the few things
 * the pipeline emits that HTML5 validators reject made valid.
 */

/**
 * The export's processor, made once: its plugins keep no state between runs, and making one
 * costs an export several milliseconds (highlight.js registers and compiles its grammars anew).
 * Images keep the path the post wrote; the exporter resolves them once it has read the files.
 */
let exportProcessor: ReturnType<typeof markdownProcessor> | undefined

/** Renders a post (front matter and all: the pipeline leaves it out) to the export tree. */
export function renderExportTree(text: string): Root {
  exportProcessor ??= markdownProcessor({ mode: 'export', resolveImage: (src) => src }).freeze()
  return exportProcessor.runSync(exportProcessor.parse(text)) as Root
}

/**
 * Each distinct image source of a rendered post, with the line it first appears on; with
 * `links`, also the links to image files (`[full size](a.jpg)`), which the page then points
 * at the exported copy.
 */
export function imageSources(tree: Root, options: { links?: boolean } = {}): Map<string, number> {
  const sources = new Map<string, number>()
  visit(tree, 'element', (node: Element) => {
    const href = options.links && node.tagName === 'a' ? node.properties.href : undefined
    const linked = typeof href === 'string' && isImageName(canonicalImagePath(href) ?? '') ? href : undefined
    const src = node.tagName === 'img' ? node.properties.src : linked
    if (typeof src === 'string' && src && !sources.has(src)) sources.set(src, lineOf(node))
  })
  return sources
}

/** An image as exported: its URL and, when known, its size in pixels (so the page does not jump as it loads). */
export interface ExportImage {
  url: string
  width?: number
  height?: number
}

/** How the export tree is finished: the image URLs and the form of the export. */
export interface FinishOptions {
  /** What each image source becomes, or null to leave the image out. */
  images: ReadonlyMap<string, ExportImage | null>
  /** A single file must not link to anything local: relative links are removed. */
  singleFile: boolean
}

/** The prefix the sanitizer gives ids written in raw HTML (and GitHub resolves on click). */
const clobberPrefix = 'user-content-'
const hasScheme = (url: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')

/**
 * Finishes the export tree in place and returns warnings (with source lines) for what
 * the reader would otherwise find broken: images left out, links to local files dropped
 * from a single file, `#anchor` links that match no heading.
 */
export function finishExportTree(tree: Root, options: FinishOptions): string[] {
  const warnings: string[] = []
  const emptied = new Set<Parents>()
  let firstImage = true
  visit(tree, 'element', (node: Element, index, parent) => {
    const props = node.properties
    if (node.tagName === 'img') {
      const src = typeof props.src === 'string' ? props.src : ''
      const image = src ? options.images.get(src) : null
      if (!image) {
        // The exporter has already said why a named image was refused; an image without a
        // source lost it to the sanitizer (data: and other unsafe URLs).
        if (!src) warnings.push(`line ${lineOf(node)}: an image with no usable source was left out`)
        if (parent && index !== undefined) {
          parent.children.splice(index, 1)
          emptied.add(parent)
          return [SKIP, index]
        }
        return
      }
      props.src = image.url
      props.alt ??= ''
      // Lazy loading and async decoding only pay for fetched files, and never for the first
      // (largest-paint) image: it should show as the page does.
      if (options.singleFile || firstImage) {
        delete props.loading
        delete props.decoding
      }
      firstImage = false
      if (image.width && image.height && props.width === undefined && props.height === undefined) {
        props.width = image.width
        props.height = image.height
      }
      delete props.dataMissing
    }
    if ((node.tagName === 'td' || node.tagName === 'th') && typeof props.align === 'string') {
      // `align` is obsolete in HTML5; the theme aligns cells by class instead.
      props.className = [...classList(props.className), `align-${props.align}`]
      delete props.align
    }
    if (node.tagName === 'a' && props.name !== undefined) {
      props.id ??= props.name
      delete props.name
    }
    if (node.tagName === 'a' && typeof props.href === 'string') finishLink(node, props.href, options, warnings)
    if (options.singleFile) dropMediaSources(node, parent, warnings)
  })
  for (const parent of emptied) removeIfEmpty(tree, parent)
  uniqueIds(tree)
  checkAnchors(tree, warnings)
  return warnings
}

/** Links to other posts point at their exported pages; a single file keeps no local links. */
function finishLink(node: Element, href: string, options: FinishOptions, warnings: string[]): void {
  if (href.startsWith('#') || hasScheme(href)) return
  const image = options.singleFile ? undefined : options.images.get(href)
  if (image) {
    node.properties.href = image.url
    return
  }
  if (options.singleFile) {
    warnings.push(`line ${lineOf(node)}: the link to ${href} was removed (a single-file export has no local files)`)
    delete node.properties.href
    return
  }
  node.properties.href = href.replace(/\.(md|markdown)(?=$|[?#])/i, '.html')
}

/** What a single file says each media source it leaves out was, by element and property. */
const mediaSources: Record<string, [string, string][]> = {
  video: [['src', 'video'], ['poster', 'video poster']],
  audio: [['src', 'audio']]
}

/**
 * A single file holds its images only: video and audio (and their sources, tracks and
 * posters) would load from outside it, so their URLs go, each with a warning.
 */
function dropMediaSources(node: Element, parent: Parents | undefined, warnings: string[]): void {
  const media = parent?.type === 'element' && mediaSources[parent.tagName] ? parent.tagName : null
  const sources =
    mediaSources[node.tagName] ?? (media && node.tagName === 'source' ? [['src', media]] : media && node.tagName === 'track' ? [['src', `${media} track`]] : [])
  for (const [key, what] of sources) {
    const url = node.properties[key]
    if (typeof url !== 'string' || url.startsWith('data:')) continue
    warnings.push(`line ${lineOf(node)}: the ${what} ${url} was left out (a single-file export only holds images)`)
    delete node.properties[key]
  }
}

/**
 * Every `#fragment` link must land on an id. Ids written in raw HTML carry the sanitizer's
 * prefix (GitHub resolves those with script); the export points the link at them directly.
 */
function checkAnchors(tree: Root, warnings: string[]): void {
  const ids = new Set<string>()
  const links: [Element, string][] = []
  visit(tree, 'element', (node: Element) => {
    if (typeof node.properties.id === 'string') ids.add(node.properties.id)
    const href = node.tagName === 'a' ? node.properties.href : undefined
    if (typeof href === 'string' && href.startsWith('#')) links.push([node, href])
  })
  for (const [node, href] of links) {
    const fragment = safeDecode(href.slice(1))
    // `#` and `#top` scroll to the top of any HTML page.
    if (ids.has(fragment) || fragment === '' || fragment.toLowerCase() === 'top') continue
    if (ids.has(clobberPrefix + fragment)) node.properties.href = `#${clobberPrefix}${fragment}`
    else warnings.push(`line ${lineOf(node)}: the link ${href} points to no heading or anchor in the post`)
  }
}

/**
 * Ids in a page are never empty and never repeated. Heading ids are the ones a table of
 * contents links to, so they stay; any other id that is empty (`id=""`, prefixed or not),
 * or taken by a heading or an element before it, is removed: `#x` goes to the first `x`.
 */
function uniqueIds(tree: Root): void {
  const isHeading = (node: Element) => /^h[1-6]$/.test(node.tagName)
  const headingIds = new Set<unknown>()
  visit(tree, 'element', (node: Element) => {
    if (isHeading(node)) headingIds.add(node.properties.id)
  })
  const seen = new Set<unknown>()
  visit(tree, 'element', (node: Element) => {
    const id = node.properties.id
    if (id === undefined || id === null) return
    const taken = seen.has(id) || (!isHeading(node) && headingIds.has(id))
    if (taken || String(id) === '' || String(id) === clobberPrefix) delete node.properties.id
    else seen.add(id)
  })
}

/** Drops a paragraph (or other block) left empty by removing its only image. */
function removeIfEmpty(tree: Root, node: Parents): void {
  if (node.type !== 'element' || node.children.some((c) => c.type !== 'text' || c.value.trim())) return
  visit(tree, (child, index, parent) => {
    if (child !== node || !parent || index === undefined) return
    parent.children.splice(index, 1)
    return [SKIP, index]
  })
}

/** Plain text of a subtree, whitespace collapsed. */
export function textOfTree(node: Root | Element): string {
  let text = ''
  visit(node, 'text', (t) => {
    text += t.value
  })
  return text.replace(/\s+/g, ' ').trim()
}

const classList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/) : [])

const lineOf = (node: Element): number => node.position?.start.line ?? 0

const safeDecode = (value: string): string => {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
