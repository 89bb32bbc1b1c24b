import { lastAtMost } from './sorted'

/**
 * The parts of a post's source where what looks like a reference is not one: code (fenced
 * blocks and inline code spans, which show markdown rather than use it) and drafting notes
 * (HTML comments, which are not published). A line scan, not a markdown parse, so the image
 * finder stays fast on long posts; indented code blocks are read as text (a file named in
 * one counts as used, the safe side for a delete).
 */

/** What a marked stretch of the text is. */
export type RegionKind = 'code' | 'note'

/** Marked stretches, sorted and not overlapping: `from[i]..to[i]` is `kind[i]`. */
export interface Regions {
  from: number[]
  to: number[]
  kind: RegionKind[]
}

// A fence line, after any blockquote markers and one list marker: ``` or ~~~ (three or more).
const fenceOpen = /^((?:[ \t]{0,3}>)*[ \t]{0,3}(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?)(`{3,}|~{3,})(.*)$/
const blankLine = /\n[ \t]*\n/g
const special = /[\\<`]/g

/** The code and notes of a post's source, in text order. */
export function markedRegions(text: string): Regions {
  const regions: Regions = { from: [], to: [], kind: [] }
  const mark = (from: number, to: number, kind: RegionKind) => {
    regions.from.push(from)
    regions.to.push(to)
    regions.kind.push(kind)
  }
  let at = 0
  while (at < text.length) {
    const lineEnd = endOfLine(text, at)
    const fence = fenceOpen.exec(text.slice(at, lineEnd))
    if (fence && !(fence[2]![0] === '`' && fence[3]!.includes('`'))) {
      const close = closingFence(text, lineEnd, fence[2]!)
      mark(at, close, 'code')
      at = close
      continue
    }
    at = markInline(text, at, lineEnd, mark)
  }
  return regions
}

/** Where the fence opened by `marker` ends (after its closing line), or the end of the text. */
function closingFence(text: string, from: number, marker: string): number {
  const close = new RegExp(`^(?:[ \\t]{0,3}>)*[ \\t]*${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`)
  for (let at = from + 1; at < text.length; ) {
    const end = endOfLine(text, at)
    if (close.test(text.slice(at, end).replace(/\r$/, ''))) return Math.min(text.length, end + 1)
    at = end + 1
  }
  return text.length
}

const endOfLine = (text: string, at: number): number => {
  const end = text.indexOf('\n', at)
  return end < 0 ? text.length : end
}

/**
 * Marks the code spans and comments that start on the line `at..lineEnd`; returns where the
 * scan goes on (past a comment or span that runs over several lines).
 */
function markInline(text: string, at: number, lineEnd: number, mark: (from: number, to: number, kind: RegionKind) => void): number {
  let i = at
  while (i < lineEnd) {
    // Searched within the line: a search of the whole text from each line made a long post
    // with few backticks quadratic (a 50 MB post froze the window).
    i = nextSpecial(text, i, lineEnd)
    if (i >= lineEnd) break
    const c = text[i]
    if (c === '\\') i += 2
    else if (c === '<' && text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4)
      const end = close < 0 ? text.length : close + 3
      mark(i, end, 'note')
      if (end > lineEnd) return end
      i = end
    } else if (c === '`') {
      let run = 1
      while (text[i + run] === '`') run++
      const end = closingRun(text, i + run, run)
      if (end < 0) i += run
      else {
        mark(i, end, 'code')
        if (end > lineEnd) return end
        i = end
      }
    } else i++
  }
  return lineEnd + 1
}

/** Where the first backslash, `<` or backtick in `from..to` is, or `to`. */
function nextSpecial(text: string, from: number, to: number): number {
  special.lastIndex = 0
  const found = special.exec(text.slice(from, to))
  return found ? from + found.index : to
}

/** The end of the code span whose opening run of `run` backticks ends at `from`, or -1 (none before a blank line). */
function closingRun(text: string, from: number, run: number): number {
  blankLine.lastIndex = from
  const paragraphEnd = blankLine.exec(text)?.index ?? text.length
  const ticks = /`+/g
  const paragraph = text.slice(from, paragraphEnd)
  for (let m = ticks.exec(paragraph); m; m = ticks.exec(paragraph)) {
    if (m[0].length === run) return from + m.index + run
  }
  return -1
}

/** The kind of the region holding `offset`, or null for plain text. */
export function regionAt(regions: Regions, offset: number): RegionKind | null {
  const i = lastAtMost(regions.from.length, (index) => regions.from[index]!, offset)
  return i >= 0 && offset < regions.to[i]! ? regions.kind[i]! : null
}
