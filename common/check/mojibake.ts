import type { Diagnostic } from '../api'
import type { CheckContext } from './types'
import { codepageUpperHalves } from './codepages'

/** A single-byte encoding UTF-8 text may have been mis-read as, with its byte <-> character tables. */
interface Codepage {
  label: string
  toByte: Map<string, number>
  /** Characters of bytes 0x80-0xFF (index 0 is 0x80). */
  toChar: string[]
}

/** Builds a code page's byte <-> character tables from its upper half (codepages.ts). */
function codepage(label: string, upper: string): Codepage {
  const toChar = [...upper]
  const toByte = new Map<string, number>()
  toChar.forEach((c, i) => toByte.set(c, 0x80 + i))
  return { label, toByte, toChar }
}

let codepages: Codepage[] | null = null
/** The candidates, most common mistake first; built on first use. */
const candidates = (): Codepage[] => (codepages ??= codepageUpperHalves.map(({ label, upper }) => codepage(label, upper)))

/** A stretch of garbled text and what it was meant to say. */
export interface Mojibake {
  from: number
  to: number
  text: string
  fixed: string
  /** The encoding the UTF-8 bytes were wrongly read as. */
  encoding: string
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })
function decode(bytes: number[]): string | null {
  try {
    return strictUtf8.decode(Uint8Array.from(bytes))
  } catch {
    return null
  }
}

const sequenceLength = (lead: number): number => (lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0)
const isContinuation = (b: number | undefined): b is number => b !== undefined && b >= 0x80 && b <= 0xbf
/** Characters no real text means to contain: controls, private use, replacement characters. */
const implausible = (s: string): boolean =>
  [...s].some((c) => {
    const code = c.codePointAt(0) ?? 0
    return code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0xe000 && code <= 0xf8ff) || code === 0xfffd
  })

/**
 * Reads UTF-8 sequences back out of the characters at `i`, taking each character as the byte
 * it stands for in `page`. Accepted only when the bytes are valid UTF-8, the result encodes
 * back to the same bytes and reads back as the same characters, and the run looks like a real
 * accident: a 3- or 4-byte character (emoji, curly quotes, CJK), two or more 2-byte ones, or
 * one that is an accented Latin letter (`Ã©` -> é). Correct text (é, ü, ’, —) never produces
 * such runs because its characters are not lead-and-continuation byte pairs in that order.
 */
function runAt(text: string, i: number, page: Codepage): Mojibake | null {
  const bytes: number[] = []
  const lengths: number[] = []
  let j = i
  for (;;) {
    const lead = page.toByte.get(text[j] ?? '')
    const n = lead === undefined ? 0 : sequenceLength(lead)
    if (!n || lead === undefined) break
    const sequence = [lead]
    for (let k = 1; k < n; k++) sequence.push(page.toByte.get(text[j + k] ?? '') ?? -1)
    if (!sequence.slice(1).every(isContinuation) || decode(sequence) === null) break
    bytes.push(...sequence)
    lengths.push(n)
    j += n
  }
  if (lengths.length === 0) return lostEmojiLead(text, i, page)
  const fixed = decode(bytes)
  if (fixed === null || implausible(fixed)) return null
  const latin = [...fixed].some((c) => (c.codePointAt(0) ?? 0) >= 0xa0 && (c.codePointAt(0) ?? 0) <= 0x17f)
  if (!(lengths.some((n) => n >= 3) || lengths.length >= 2 || latin)) return null
  const roundTrip = [...new TextEncoder().encode(fixed)]
  if (roundTrip.join() !== bytes.join() || roundTrip.map((b) => page.toChar[b - 0x80]).join('') !== text.slice(i, j)) return null
  return { from: i, to: j, text: text.slice(i, j), fixed, encoding: page.label }
}

/**
 * An emoji whose first byte (0xF0) was lost on the way (Mac Roman's Apple logo is invisible or
 * dropped on other systems): three continuation characters that, behind 0xF0, make a pictograph.
 */
function lostEmojiLead(text: string, i: number, page: Codepage): Mojibake | null {
  const bytes = [0xf0, ...[0, 1, 2].map((k) => page.toByte.get(text[i + k] ?? '') ?? -1)]
  if (bytes[1] !== 0x9f || !bytes.slice(1).every(isContinuation)) return null
  const fixed = decode(bytes)
  return fixed && /^\p{Extended_Pictographic}$/u.test(fixed) ? { from: i, to: i + 3, text: text.slice(i, i + 3), fixed, encoding: page.label } : null
}

/**
 * Finds text that is UTF-8 decoded with the wrong single-byte encoding (Windows-1252, Mac
 * Roman, Latin-1) and what it should say. Runs in one word are merged (`Ã©tÃ©` -> été).
 * `skip` excludes offsets (code, where odd text may be the point).
 */
export function findMojibake(text: string, skip: (offset: number) => boolean = () => false): Mojibake[] {
  const found: Mojibake[] = []
  for (let i = 0; i < text.length; ) {
    const run = text.charCodeAt(i) < 0x80 || skip(i) ? null : candidates().reduce<Mojibake | null>((hit, page) => hit ?? runAt(text, i, page), null)
    if (!run) {
      i++
      continue
    }
    const previous = found[found.length - 1]
    const gap = previous ? text.slice(previous.to, run.from) : ' '
    if (previous && previous.encoding === run.encoding && /^[\p{L}\p{N}]*$/u.test(gap)) {
      found[found.length - 1] = { ...previous, to: run.to, text: text.slice(previous.from, run.to), fixed: previous.fixed + gap + run.fixed }
    } else found.push(run)
    i = run.to
  }
  return found
}

/** Shows invisible characters (the Apple logo, C1 controls) as code points in messages. */
const visible = (s: string): string => s.replace(/[\u0080-\u009f\uE000-\uF8FF]/gu, (c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()}`)

/** Garbled characters from a wrong encoding; the fix restores what the author typed. */
export function checkMojibake(context: CheckContext): Diagnostic[] {
  return findMojibake(context.text, context.inCode).map((m) => ({
    rule: 'mojibake',
    severity: 'warning',
    ...context.at(m.from, m.to),
    message: `“${visible(m.text)}” looks like “${m.fixed}” garbled by an encoding mix-up (UTF-8 read as ${m.encoding})`,
    fix: { label: `Replace with “${m.fixed}”`, edits: [{ from: m.from, to: m.to, insert: m.fixed }] }
  }))
}
