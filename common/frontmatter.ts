import { parseDocument, isMap, type Document } from 'yaml'
import type { TextEdit } from './api'

/** The front matter of a post: where it is, what it says, and what is wrong with it. */
export interface FrontMatter {
  /** The YAML text between the fences ('' when the post has none). */
  source: string
  /** Characters of the post taken by the block, fences and trailing newline included. */
  length: number
  data: Record<string, unknown>
  /** A readable message with line and column when the YAML is malformed. */
  error: string | null
}

/** Where a post's YAML front matter block lies (offsets into the text). */
export interface FrontMatterBlock {
  /** The opening fence (after a byte order mark). */
  from: number
  /** The YAML between the fences, without the line end before the closing fence. */
  contentFrom: number
  contentTo: number
  /** Just after the closing fence's line end (or the end of the text). */
  to: number
}

const openFence = /---[ \t]*(\r?\n)/y
const closeFence = /(?:^|\n)---[ \t]*(?:\r?\n|$)/g

/**
 * The front matter block, read as the preview's parser (remark-frontmatter) reads it, so the
 * panel, the checker, the export and the editor see what the preview shows: `---` (spaces or
 * tabs may follow) on the first line, after a byte order mark, and a closing `---` line. A
 * `...` line does not close it (YAML's document end, which Jekyll accepts, the preview and
 * Hugo do not). Null when the post has none.
 */
export function frontMatterBlock(text: string): FrontMatterBlock | null {
  const from = text.startsWith('\uFEFF') ? 1 : 0
  openFence.lastIndex = from
  const open = openFence.exec(text)
  if (!open) return null
  const contentFrom = from + open[0].length
  closeFence.lastIndex = contentFrom - 1
  const close = closeFence.exec(text)
  if (!close) return null
  const closeLine = close[0].startsWith('\n') ? close.index + 1 : close.index
  const contentTo = Math.max(contentFrom, closeLine - (text[closeLine - 2] === '\r' ? 2 : 1))
  return { from, contentFrom, contentTo, to: close.index + close[0].length }
}

/** Splits a post into its front matter and body; malformed YAML is reported, never thrown. */
export function readFrontMatter(text: string): FrontMatter {
  const block = frontMatterBlock(text)
  if (!block) return { source: '', length: 0, data: {}, error: null }
  const source = text.slice(block.contentFrom, block.contentTo)
  const length = block.to
  const doc = parseDocument(source, { prettyErrors: true })
  const first = doc.errors[0]
  if (first) {
    // The block starts one line below the opening fence.
    const line = (first.linePos?.[0]?.line ?? 0) + 1
    return { source, length, data: {}, error: `front matter line ${line}: ${first.message.split('\n')[0]}` }
  }
  const value: unknown = doc.toJS()
  const data = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
  return { source, length, data, error: isMap(doc.contents) || doc.contents === null ? null : 'front matter is not a list of keys' }
}

/** Tags as a list, from a YAML list or ABlog's comma-separated string. */
export function tagsOf(data: Record<string, unknown>): string[] {
  const tags = data.tags
  if (Array.isArray(tags)) return tags.map(String).map((t) => t.trim()).filter(Boolean)
  if (typeof tags === 'string') return tags.split(',').map((t) => t.trim()).filter(Boolean)
  return []
}

/** A front matter value as display text ('' for missing values). */
export function textOf(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return String(value)
}

/**
 * Sets (or, with an empty value, removes) one key in a YAML document, keeping every other
 * key, their order and comments: the Document API edits in place.
 */
export function setFrontMatterKey(doc: Document, key: string, value: unknown): void {
  if (value === '' || value === null || value === undefined || (Array.isArray(value) && value.length === 0)) doc.delete(key)
  else doc.set(key, value)
}

/**
 * The edit that sets one front matter key of a post (an empty value removes the key),
 * keeping every other key, their order and comments. A post without front matter gets a
 * new block. Null when the front matter is malformed: it is never rewritten then.
 */
export function frontMatterEdit(text: string, key: string, value: unknown): TextEdit | null {
  const fm = readFrontMatter(text)
  if (fm.error) return null
  const start = text.startsWith('\uFEFF') ? 1 : 0
  const doc = parseDocument(fm.source)
  setFrontMatterKey(doc, key, value)
  const empty = doc.contents === null || (isMap(doc.contents) && doc.contents.items.length === 0)
  const yaml = empty ? '' : String(doc)
  if (!fm.length) return yaml ? { from: start, to: start, insert: `---\n${yaml}---\n\n` } : null
  const eol = text.slice(start, fm.length).includes('\r\n') ? '\r\n' : '\n'
  return { from: start, to: fm.length, insert: `---${eol}${yaml.replace(/\n/g, eol)}---${eol}` }
}
