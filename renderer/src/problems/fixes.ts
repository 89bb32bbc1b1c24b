import { ChangeSet, type Text } from '@codemirror/state'
import type { Diagnostic } from '../../../common/api'
import { fixEdits } from '../../../common/check/fix'

// Quick fixes in the editor. No DOM here: tested in vitest on EditorState.

/** Runs the post checker on a text (in the app: the `checkPost` call). */
export type Check = (text: string) => Promise<Diagnostic[]>

/** What {@link collectFixes} found: one change set of the starting text, and how many fixes it holds. */
export interface CollectedFixes {
  changes: ChangeSet
  fixed: number
}

/**
 * Every fix the checker offers, repeating check -> fix until nothing fixable is left (fixes
 * that overlapped another wait for the next round), as `fixPost` does on disk. The rounds are
 * composed into one ChangeSet of `doc`, so the editor applies them as a single undo step.
 * `only` limits it to some diagnostics (say, every `image-alt`).
 */
export async function collectFixes(doc: Text, check: Check, options: { only?: (d: Diagnostic) => boolean; rounds?: number } = {}): Promise<CollectedFixes> {
  let changes = ChangeSet.empty(doc.length)
  let current = doc
  let fixed = 0
  for (let round = 0; round < (options.rounds ?? 5); round++) {
    const fixable = (await check(current.toString())).filter((d) => d.fix && (options.only?.(d) ?? true))
    const edits = fixEdits(fixable)
    if (edits.length === 0) break
    fixed += fixable.filter((d) => d.fix!.edits.length > 0 && d.fix!.edits.every((e) => edits.includes(e))).length
    const step = ChangeSet.of(edits, current.length)
    changes = changes.compose(step)
    current = step.apply(current)
  }
  return { changes, fixed }
}

/** Where a diagnostic is in the editor's text: its own range when the text is the one checked, else its line and column. */
export function diagnosticRange(doc: Text, d: Diagnostic, textIsChecked: boolean): { from: number; to: number } {
  if (textIsChecked && d.from !== undefined && d.to !== undefined && d.to <= doc.length) return { from: d.from, to: d.to }
  const line = doc.line(Math.min(Math.max(1, d.line), doc.lines))
  const from = line.from + Math.min(Math.max(0, (d.column ?? 1) - 1), line.length)
  return { from, to: from }
}
