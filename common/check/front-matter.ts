import { isMap, isScalar, parseDocument, type Pair } from 'yaml'
import type { Diagnostic } from '../api'
import { frontMatterBlock } from '../frontmatter'
import type { CheckContext, Generator } from './types'

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/** The month number (1-12) of an English month name or abbreviation (`Jul`, `July`, `Sept`). */
function monthOf(name: string): number {
  const lower = name.toLowerCase().replace(/\.$/, '')
  const index = months.indexOf(lower.slice(0, 3))
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'][index]
  return index >= 0 && (lower.length === 3 || lower === 'sept' || lower === full) ? index + 1 : 0
}

const realDate = (y: number, m: number, d: number): boolean => m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate()

const isoDate = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$/

/** `2026-07-20` from an ISO date or date-time, or null. */
function readIso(value: string): string | null {
  const m = isoDate.exec(value)
  return m && realDate(Number(m[1]), Number(m[2]), Number(m[3])) ? `${m[1]}-${m[2]}-${m[3]}` : null
}

/** `2026-07-20` from the dates ABlog's parser reads besides ISO (`Jul 20, 2026`, `20 July 2026`, `2026/07/20`), or null. */
function readWritten(value: string): string | null {
  const iso = (y: string, m: number, d: string) => (realDate(Number(y), m, Number(d)) ? `${y}-${String(m).padStart(2, '0')}-${d.padStart(2, '0')}` : null)
  let m = /^([A-Za-z]{3,9}\.?)\s+(\d{1,2}),?\s+(\d{4})$/.exec(value)
  if (m) return iso(m[3] ?? '', monthOf(m[1] ?? ''), m[2] ?? '')
  m = /^(\d{1,2})\s+([A-Za-z]{3,9}\.?),?\s+(\d{4})$/.exec(value)
  if (m) return iso(m[3] ?? '', monthOf(m[2] ?? ''), m[1] ?? '')
  m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(value)
  return m ? iso(m[1] ?? '', Number(m[2]), m[3] ?? '') : null
}

/** ABlog when the front matter says `blogpost`; otherwise unknown, and every common form is accepted. */
const generatorOf = (data: Record<string, unknown>, wanted: Generator | undefined): Generator =>
  wanted && wanted !== 'auto' ? wanted : 'blogpost' in data ? 'ablog' : 'auto'

const names: Record<Generator, string> = { auto: 'The blog', ablog: 'ABlog', jekyll: 'Jekyll', hugo: 'Hugo' }

/** A YAML flow list of tags, quoting the ones plain YAML would misread. */
const flowList = (tags: string[]): string => `[${tags.map((t) => (/^[\p{L}\p{N}][\p{L}\p{N} _.-]*$/u.test(t) ? t : JSON.stringify(t))).join(', ')}]`

/**
 * Front matter: malformed YAML (with its line), no `date` yet (a draft: info), a date the
 * blog's generator cannot read, and tags that are neither a YAML list nor comma-separated
 * text. ABlog reads `tags: a, b` and `Jul 20, 2026`; Jekyll and Hugo want ISO dates and lists.
 */
export function checkFrontMatter(context: CheckContext): Diagnostic[] {
  const { text } = context
  const block = frontMatterBlock(text)
  const open = /^\uFEFF?---[ \t]*\r?\n/.exec(text)
  if (!open) return [{ rule: 'front-matter-draft', severity: 'info', line: 1, message: 'No front matter and no date: this post is a draft' }]
  if (!block) {
    const rest = text.slice(open[0].length)
    if (!/^[\w-]+\s*:/.test(rest)) return []
    const dots = /(^|\n)\.\.\.[ \t]*(\r?\n|$)/.test(rest) ? ' (a ... line does not close it)' : ''
    return [{ rule: 'front-matter-yaml', severity: 'error', line: 1, message: `Front matter starts with --- but has no closing ---${dots}` }]
  }
  const base = block.contentFrom
  const source = text.slice(block.contentFrom, block.contentTo)
  const lineOf = (offset: number) => context.at(base + offset).line
  const doc = parseDocument(source, { prettyErrors: true })
  const error = doc.errors[0]
  if (error) {
    const message = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')
    return [{ rule: 'front-matter-yaml', severity: 'error', line: lineOf(error.pos[0]), message: `Front matter is not valid YAML: ${message}` }]
  }
  if (doc.contents !== null && !isMap(doc.contents)) {
    return [{ rule: 'front-matter-yaml', severity: 'error', line: 2, message: 'Front matter must be a list of `key: value` lines' }]
  }
  const data = (doc.toJS() ?? {}) as Record<string, unknown>
  const pair = (key: string) => (isMap(doc.contents) ? (doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair | undefined) : undefined)
  const keyLine = (key: string): number => {
    const node = pair(key)?.key
    return isScalar(node) && node.range ? lineOf(node.range[0]) : 1
  }
  const valueRange = (key: string): [number, number] | null => {
    const node = pair(key)?.value
    return node && isScalar(node) && node.range ? [base + node.range[0], base + node.range[1]] : null
  }
  const generator = generatorOf(data, context.input.options?.generator)
  const found: Diagnostic[] = []

  const date = data.date instanceof Date ? data.date.toISOString().slice(0, 10) : data.date
  const dateLine = keyLine('date')
  if (date === undefined || date === null || date === '') {
    found.push({ rule: 'front-matter-draft', severity: 'info', line: dateLine, message: 'No date yet: this post is a draft' })
  } else {
    const value = String(date).trim()
    const iso = readIso(value)
    const written = iso ? null : readWritten(value)
    const range = valueRange('date')
    if (!iso && !(written && generator !== 'jekyll' && generator !== 'hugo')) {
      const wants = generator === 'jekyll' || generator === 'hugo' ? 'an ISO date like 2026-07-20' : 'a date like 2026-07-20 or Jul 20, 2026'
      found.push({
        rule: 'front-matter-date',
        severity: 'error',
        line: dateLine,
        message: `${names[generator]} cannot read the date “${value}”: use ${wants}`,
        ...(written && range ? { fix: { label: `Write it as ${written}`, edits: [{ from: range[0], to: range[1], insert: written }] } } : {})
      })
    }
  }

  const tags = data.tags
  const tagsLine = keyLine('tags')
  const listOk = Array.isArray(tags) && tags.every((t) => ['string', 'number', 'boolean'].includes(typeof t))
  if (tags === undefined || tags === null || listOk) return found
  if (typeof tags === 'string') {
    const parts = tags.split(',').map((t) => t.trim()).filter(Boolean)
    const range = valueRange('tags')
    const fix = range ? { fix: { label: 'Make the tags a YAML list', edits: [{ from: range[0], to: range[1], insert: flowList(parts) }] } } : {}
    if (generator === 'hugo') found.push({ rule: 'front-matter-tags', severity: 'warning', line: tagsLine, message: 'Hugo reads tags only as a list', ...fix })
    else if (generator === 'jekyll' && parts.length > 1) found.push({ rule: 'front-matter-tags', severity: 'warning', line: tagsLine, message: 'Jekyll splits text tags on spaces, not commas', ...fix })
    return found
  }
  found.push({ rule: 'front-matter-tags', severity: 'error', line: tagsLine, message: 'Tags must be a list or comma-separated text' })
  return found
}
