import { ChangeSet } from '@codemirror/state'
import type { Diagnostic, TextEdit } from '../../../common/api'
import { fixEdits } from '../../../common/check/fix'
import { applyEdits } from '../../../common/edits'
import type { EditorText } from '../editor/text'

// Quick fixes in the editor. No DOM here: tested in vitest on EditorState.

/** Runs the post checker on a text (in the app: the `checkPost` call). */
export type Check = (text: string) => Promise<Diagnostic[]>

/** What {@link collectFixes} found: edits of the starting text, and how many fixes they hold. */
export interface CollectedFixes {
  edits: TextEdit[]
  fixed: number
}

/**
 * Every fix the checker offers, repeating check -> fix until nothing fixable is left (fixes
 * that overlapped another wait for the next round), as `fixPost` does on disk. The rounds are
 * composed (as a CodeMirror ChangeSet) into one set of edits of `text`, so the editor applies
 * them as a single undo step.
 * `only` limits it to some diagnostics (say, every `image-alt`).
 */
export async function collectFixes(text: string, check: Check, options: { only?: (d: Diagnostic) => boolean; rounds?: number } = {}): Promise<CollectedFixes> {
  let changes = ChangeSet.empty(text.length)
  let current = text
  let fixed = 0
  for (let round = 0; round < (options.rounds ?? 5); round++) {
    const fixable = (await check(current)).filter((d) => d.fix && (options.only?.(d) ?? true))
    const edits = fixEdits(fixable)
    if (edits.length === 0) break
    fixed += fixable.filter((d) => d.fix!.edits.length > 0 && d.fix!.edits.every((e) => edits.includes(e))).length
    changes = changes.compose(ChangeSet.of(edits, current.length))
    current = applyEdits(current, edits)
  }
  const all: TextEdit[] = []
  changes.iterChanges((from, to, _fromB, _toB, inserted) => all.push({ from, to, insert: inserted.toString() }))
  return { edits: all, fixed }
}

/** Where a diagnostic is in the editor's text: its own range when the text is the one checked, else its line and column. */
export function diagnosticRange(doc: EditorText, d: Diagnostic, textIsChecked: boolean): { from: number; to: number } {
  if (textIsChecked && d.from !== undefined && d.to !== undefined && d.to <= doc.length) return { from: d.from, to: d.to }
  const line = doc.line(Math.min(Math.max(1, d.line), doc.lines))
  const from = line.from + Math.min(Math.max(0, (d.column ?? 1) - 1), line.length)
  return { from, to: from }
}
