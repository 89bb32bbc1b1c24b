import type { Diagnostic } from '../api'
import { lineStarts, positionAt } from '../edits'
import { parseMarkdown } from '../markdown/parse'
import { headingsOf } from '../outline'
import { findTocBlock, tocSync } from '../toc'
import { checkAltText } from './alt-text'
import { checkAnchors } from './anchors'
import { checkFrontMatter } from './front-matter'
import { checkHeadings } from './headings'
import { checkImages } from './images'
import { checkMarkdownlint } from './markdownlint'
import { checkMojibake } from './mojibake'
import { fixAll } from './fix'
import { checkNotes } from './notes'
import { checkRawTextTags } from './raw-text-tag'
import { checkUnclosedTags } from './unclosed-tag'
import { imageReferences } from '../image-refs'
import { checkBackToTop, checkToc } from './toc'
import type { CheckContext, CheckInput, Rule } from './types'

export type { CheckInput, CheckOptions, Generator, PostFileFacts } from './types'
export { imageReferences, type ImageReference } from '../image-refs'
export { linkTarget, type LinkTarget } from '../links'
export { findMojibake, type Mojibake } from './mojibake'
export { applyFix, fixAll, fixEdits } from './fix'

/** Every rule, in the order their findings are listed for one line. */
export const rules: readonly Rule[] = [
  checkFrontMatter,
  checkImages,
  checkAltText,
  checkAnchors,
  checkToc,
  checkBackToTop,
  checkMojibake,
  checkHeadings,
  checkNotes,
  checkRawTextTags,
  checkUnclosedTags,
  checkMarkdownlint
]

const severityOrder = { error: 0, warning: 1, info: 2 }

/**
 * Checks a post and returns its problems sorted by line, each once. Pure: the caller passes
 * the facts about files on disk (electron/services/check-files.ts gathers them). Fix edits
 * refer to `input.text`; after any edit, check again before applying another stored fix.
 * Runs on the main side (check-thread.ts, the CLI); the app gets the
 * result through the `checkPost` call and applies `fix.edits` in the editor, or uses
 * `applyFix`/`fixAll` from common/check/fix, which the renderer can import on its own.
 */
export function checkPost(input: CheckInput): Diagnostic[] {
  const { text } = input
  const tree = parseMarkdown(text)
  const starts = lineStarts(text)
  const code: [number, number][] = []
  const walk = (node: { type: string; position?: { start: { offset?: number }; end: { offset?: number } }; children?: unknown[] }) => {
    if ((node.type === 'code' || node.type === 'inlineCode') && node.position) code.push([node.position.start.offset ?? 0, node.position.end.offset ?? 0])
    for (const child of (node.children ?? []) as (typeof node)[]) walk(child)
  }
  walk(tree)
  const sync = tocSync(text, input.options?.toc, tree)
  const context: CheckContext = {
    input,
    text,
    tree,
    headings: headingsOf(tree),
    images: imageReferences(text),
    toc: findTocBlock(text, tree),
    tocEdit: sync?.edit ?? null,
    tocChanges: sync?.changes ?? [],
    at(from, to = from) {
      const { line, column } = positionAt(starts, from)
      return { line, column, from, to }
    },
    inCode: (offset) => code.some(([from, to]) => offset >= from && offset < to)
  }
  const seen = new Set<string>()
  return rules
    .flatMap((rule) => rule(context))
    .filter((d) => {
      const key = `${d.rule}|${d.line}|${d.column ?? ''}|${d.message}`
      return !seen.has(key) && seen.add(key)
    })
    .sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || severityOrder[a.severity] - severityOrder[b.severity])
}

/**
 * Fixes everything fixable, checking again between rounds until nothing fixable is left (or
 * `rounds` is reached, so conflicting fixes can never loop forever).
 */
export function fixPost(input: CheckInput, rounds = 5): string {
  let text = input.text
  for (let i = 0; i < rounds; i++) {
    const fixable = checkPost({ ...input, text }).filter((d) => d.fix)
    if (fixable.length === 0) break
    text = fixAll(text, fixable)
  }
  return text
}
