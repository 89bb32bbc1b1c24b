import type { RootContent } from 'mdast'

/**
 * What the incremental renderer (incremental.ts) asks of a top-level block before it renders
 * the block on its own: whether its raw HTML and fences are closed, whether it needs
 * rehype-raw, and whether what follows it can change how it parses.
 */

/** HTML's void elements: they never have an end tag, so they can never be left open. */
export const voidTags: ReadonlySet<string> = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'])

/** One tag in raw HTML: its lower-case name and where it is in the source. */
export interface HtmlTag {
  name: string
  closing: boolean
  /** Written `<x/>`: HTML ignores the slash on a non-void element, which stays open. */
  selfClosing: boolean
  from: number
  to: number
}

/**
 * The tags of a piece of raw HTML, in order, outside comments. Tag names end where HTML's
 * tokenizer ends them, so `</div|>` does not close a `<div>`.
 */
export function htmlTags(source: string): HtmlTag[] {
  // Comments blanked out, not removed, so offsets stay those of `source`.
  const bare = source.replace(/<!--[\s\S]*?-->/g, (comment) => ' '.repeat(comment.length))
  return [...bare.matchAll(/<(\/?)([a-zA-Z][^\s/>]*)[^>]*?(\/?)>/g)].map((match) => ({
    name: match[2]!.toLowerCase(),
    closing: match[1] === '/',
    selfClosing: match[3] === '/',
    from: match.index,
    to: match.index + match[0].length
  }))
}

/** True when the raw HTML in `source` closes every tag it opens (comments ignored). */
export function htmlBalanced(source: string): boolean {
  const stack: string[] = []
  for (const tag of htmlTags(source)) {
    if (voidTags.has(tag.name) || tag.selfClosing) continue
    if (!tag.closing) stack.push(tag.name)
    else if (stack.pop() !== tag.name) return false
  }
  return stack.length === 0
}

/** Whether a fenced code block or HTML block ends with its closing marker. */
export function isClosed(node: RootContent, source: string): boolean {
  if (node.type === 'code') {
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(source)
    if (!fence) return true
    const lines = source.trimEnd().split('\n')
    const last = lines.at(-1)!.trim()
    return lines.length > 1 && last.startsWith(fence[1]!) && /^(`+|~+)$/.test(last)
  }
  if (node.type === 'html') {
    const start = source.trimStart()
    if (start.startsWith('<!--')) return source.includes('-->')
    if (start.startsWith('<?')) return source.includes('?>')
    if (start.startsWith('<![CDATA[')) return source.includes(']]>')
    if (/^<![a-zA-Z]/.test(start)) return source.includes('>')
    const raw = /^<(script|pre|style|textarea)\b/i.exec(start)
    if (raw) return new RegExp(`</${raw[1]}>`, 'i').test(source)
  }
  return true
}

/** Whether a block needs rehype-raw to render as in a full render: when it may hold HTML (a `<`). */
export const needsRaw = (source: string) => source.includes('<')

/** Whether a quote or list holds a link definition: it applies to the whole post, but only top-level ones are tracked. */
export const holdsDefinition = (node: RootContent): boolean =>
  (node.type === 'blockquote' || node.type === 'list' || node.type === 'listItem') && node.children.some((child) => child.type === 'definition' || holdsDefinition(child))

/** Letters, digits and spaces: text that no markdown construct starts, ends or reads. */
export const plain = /^[A-Za-z0-9 ]*$/

/**
 * Block kinds that end at a blank line or their own closing marker, whatever follows (lists
 * and indented code may continue past a blank line; front matter, link definitions and
 * footnotes reach into the rest of the post).
 */
export const selfContained = new Set(['paragraph', 'heading', 'blockquote', 'table', 'code', 'html', 'thematicBreak'])
