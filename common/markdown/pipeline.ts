import remarkRehype from 'remark-rehype'
import rehypeRaw from 'rehype-raw'
import rehypeSanitize from 'rehype-sanitize'
import rehypeHighlight from 'rehype-highlight'
import rehypeStringify from 'rehype-stringify'
import { toHtml } from 'hast-util-to-html'
import type { Root as HastRoot } from 'hast'
import { markdownParser } from './parse'
import remarkDraftNotes from './draft-notes'
import rehypeImages, { type ImageResolver } from './images'
import rehypeFootnoteLinks from './footnote-links'
import rehypeHeadingSlugs from './heading-slugs'
import rehypePreNewline from './pre-newline'
import rehypeUrlSchemes from './url-schemes'
import rehypeSelfClosing from './self-closing'
import { sanitizeSchema } from './sanitize-schema'

export interface RenderOptions {
  /** Preview shows drafting notes as asides and loads images itself; export drops the notes. */
  mode: 'preview' | 'export'
  resolveImage: ImageResolver
}

/**
 * The one markdown pipeline: preview, export and CLI all render through it, so they never
 * disagree. Raw HTML is parsed, then sanitized (sanitize-schema.ts); heading ids follow
 * GitHub's slugs (common/heading-id.ts; added last, after sanitizing, so they are not prefixed).
 */
export function markdownProcessor(options: RenderOptions) {
  return bodyProcessor(options).use(rehypeHeadingSlugs)
}

/**
 * The pipeline without heading ids: the incremental renderer runs it per block and assigns
 * ids itself in one pass, since GitHub's slugs depend on every heading before. With
 * `raw: false` it leaves out rehype-raw (a third of a small block's render), for blocks the
 * incremental renderer knows re-parsing as HTML would not change.
 */
export function bodyProcessor(options: RenderOptions, { raw = true }: { raw?: boolean } = {}) {
  return markdownParser()
    .use(remarkDraftNotes, { show: options.mode === 'preview' })
    .use(remarkRehype, { allowDangerousHtml: true, clobberPrefix: '' })
    .use(raw ? [rehypePreNewline, rehypeSelfClosing, rehypeRaw] : [])
    .use(rehypeUrlSchemes, { properties: Object.keys(sanitizeSchema.protocols ?? {}) })
    .use(rehypeSanitize, sanitizeSchema)
    .use(rehypeFootnoteLinks)
    .use(rehypeHighlight, { detect: false })
    .use(rehypeImages, { resolve: options.resolveImage, defer: options.mode === 'preview' })
}

/** Renders a whole post body to an HTML string. */
export function renderMarkdown(text: string, options: RenderOptions): string {
  return markdownProcessor(options).use(rehypeStringify).processSync(text).toString()
}

/**
 * One top-level block of the rendered post: its HTML and the source line it starts on
 * (kept apart from the HTML so an edit above a block moves it without re-rendering it).
 */
export interface RenderedBlock {
  html: string
  line: number
}

/**
 * Renders a post to its top-level blocks, so the preview can patch the DOM per block
 * (a block whose HTML did not change keeps its element, images and all).
 */
export function renderBlocks(text: string, options: RenderOptions): RenderedBlock[] {
  const processor = markdownProcessor(options)
  const tree = processor.runSync(processor.parse(text)) as HastRoot
  const blocks: RenderedBlock[] = []
  for (const node of tree.children) {
    if (node.type === 'text' && !node.value.trim()) continue
    blocks.push({ html: toHtml(node), line: node.position?.start.line ?? 0 })
  }
  return blocks
}
