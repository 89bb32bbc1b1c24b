import { lint } from 'markdownlint/sync'
import type { Configuration, LintError } from 'markdownlint'
import type { Diagnostic, TextEdit } from '../api'
import { eolOf, lineStarts } from '../edits'
import type { CheckContext } from './types'

/**
 * markdownlint's rules with what fights a photo blog switched off: long lines (MD013) and
 * inline HTML (MD033, `<sub>` back-to-top links) are normal; nested-list indent (MD007) is 2
 * or 4 depending on the generator (Python-Markdown needs 4) and MD005 still catches mixing;
 * a setext "Table of Contents" heading among ATX ones is an accepted TOC style (MD003).
 * Heading increments (MD001), duplicate headings (MD024), image alt text (MD045) and link
 * fragments (MD051) are Folio's own rules, with fixes. MD025 ignores a front matter
 * `title:`: Folio's new posts carry both a `title:` (Jekyll and Hugo themes show it) and an
 * H1 (ABlog takes the title from it); only a second H1 in the text is flagged. Headings may
 * end in ! or ?.
 */
export const markdownlintConfig: Configuration = {
  default: true,
  MD001: false,
  MD003: false,
  MD007: false,
  MD013: false,
  MD024: false,
  MD025: { front_matter_title: '' },
  MD026: { punctuation: '.,;:。，；：' },
  MD033: false,
  MD045: false,
  MD051: false
}

/** markdownlint's fix for one line, as an edit of the whole text (its columns are 1-based UTF-16). */
export function fixInfoEdit(text: string, starts: readonly number[], error: LintError): TextEdit | null {
  const info = error.fixInfo
  if (!info) return null
  const line = info.lineNumber ?? error.lineNumber
  const lineStart = starts[line - 1]
  if (lineStart === undefined) return null
  const nextStart = starts[line] ?? text.length
  const lineEnd = text[nextStart - 1] === '\n' ? nextStart - (text[nextStart - 2] === '\r' ? 2 : 1) : nextStart
  if (info.deleteCount === -1) {
    // Delete the whole line with its line break (the last line takes the break before it).
    return nextStart > lineEnd || lineStart === 0 ? { from: lineStart, to: nextStart, insert: '' } : { from: lineStart - (text[lineStart - 2] === '\r' ? 2 : 1), to: lineEnd, insert: '' }
  }
  const from = Math.min(lineStart + (info.editColumn ?? 1) - 1, lineEnd)
  const to = Math.min(from + Math.max(0, info.deleteCount ?? 0), lineEnd)
  return { from, to, insert: (info.insertText ?? '').replace(/\n/g, eolOf(text)) }
}

/** Standard markdown style problems from the markdownlint library, with its fixes where it has one. */
export function checkMarkdownlint(context: CheckContext): Diagnostic[] {
  const setting = context.input.options?.markdownlint
  if (setting === false) return []
  const config = typeof setting === 'object' ? ({ ...markdownlintConfig, ...setting } as Configuration) : markdownlintConfig
  const results = lint({ strings: { post: context.text }, config, handleRuleFailures: true }).post ?? []
  const starts = lineStarts(context.text)
  const { toc, tocEdit } = context
  const tocLines = toc && tocEdit ? [context.at(toc.from).line, context.at(toc.to).line] : null
  return results
    .filter((e) => !tocLines || e.lineNumber < (tocLines[0] ?? 0) || e.lineNumber > (tocLines[1] ?? 0))
    .map((e) => {
      const edit = fixInfoEdit(context.text, starts, e)
      const name = e.ruleNames[0] ?? 'markdownlint'
      return {
        rule: `markdownlint/${name}`,
        severity: 'warning' as const,
        line: e.lineNumber,
        ...(e.errorRange ? { column: e.errorRange[0] } : {}),
        message: `${e.ruleDescription}${e.errorDetail ? ` (${e.errorDetail})` : ''}`,
        ...(edit ? { fix: { label: `Fix: ${e.ruleDescription.toLowerCase()}`, edits: [edit] } } : {})
      }
    })
}
