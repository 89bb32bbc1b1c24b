import type { Diagnostic } from '../api'
import { backToTopChanges, hasBackToTop } from '../back-to-top'
import type { TocChange } from '../toc'
import type { CheckContext } from './types'

const said = (change: TocChange): string =>
  ({
    add: `“${change.label}” is missing`,
    remove: `“${change.label}” leads to no heading`,
    retitle: `“${change.label}” is now “${change.to}”`,
    relink: `“${change.label}” should link to #${change.to}`
  })[change.kind]

/** The changes in a few words: the first three, and how many more. */
function summary(changes: readonly TocChange[]): string {
  const shown = changes.slice(0, 3).map(said).join('; ')
  return changes.length > 3 ? `${shown}; and ${changes.length - 3} more` : shown
}

/**
 * A table of contents that no longer matches the headings, reported exactly when its sync
 * would change it (entries leading nowhere, headings it should list but does not: see
 * common/toc-sync.ts); the fix is that sync, which keeps the author's style.
 */
export function checkToc(context: CheckContext): Diagnostic[] {
  const { toc, tocEdit, tocChanges } = context
  if (!toc || !tocEdit) return []
  return [
    {
      rule: 'toc-outdated',
      severity: 'warning',
      ...context.at(toc.from, toc.to),
      line: toc.line,
      message: `The table of contents does not match the headings${tocChanges.length ? `: ${summary(tocChanges)}` : ''}`,
      fix: { label: 'Update the table of contents', edits: [tocEdit] }
    }
  ]
}

/**
 * Once a post uses "back to top" links, every H2 section should end with one and none should
 * stand mid-section. Posts without any are left alone: the links are optional.
 */
export function checkBackToTop(context: CheckContext): Diagnostic[] {
  if (!hasBackToTop(context.text, context.tree)) return []
  return backToTopChanges(context.text, {}, context.tree).map((change) => ({
    rule: 'back-to-top',
    severity: 'info',
    line: change.line,
    message:
      change.kind === 'missing'
        ? `Section “${change.section}” does not end with a back-to-top link like the others`
        : `Back-to-top link in the middle of section “${change.section}”`,
    fix: { label: change.kind === 'missing' ? 'Add a back-to-top link' : 'Remove this back-to-top link', edits: [change.edit] }
  }))
}
