import type { Diagnostic } from '../api'
import { backToTopChanges, hasBackToTop } from '../back-to-top'
import type { CheckContext } from './types'

/** A table of contents that no longer matches the headings; the fix rewrites its list. */
export function checkToc(context: CheckContext): Diagnostic[] {
  const { toc, tocEdit } = context
  if (!toc || !tocEdit) return []
  return [
    {
      rule: 'toc-outdated',
      severity: 'warning',
      ...context.at(toc.from, toc.to),
      line: toc.line,
      message: 'The table of contents does not match the headings',
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
