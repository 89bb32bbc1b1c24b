import type { Diagnostic, TextEdit } from '../api'
import { applyEdits, editsConflict } from '../edits'

// Kept apart from the rules (markdownlint) so the renderer can import it alone.

/** The text with one diagnostic's fix applied (unchanged when it has none). */
export function applyFix(text: string, diagnostic: Diagnostic): string {
  return diagnostic.fix ? applyEdits(text, diagnostic.fix.edits) : text
}

/**
 * The edits of as many fixes as can be applied together, sorted by offset: a fix whose edits
 * touch one already taken is left out (check again and call again to apply it).
 */
export function fixEdits(diagnostics: readonly Diagnostic[]): TextEdit[] {
  const taken: NonNullable<Diagnostic['fix']>[] = []
  for (const d of diagnostics) {
    if (!d.fix || d.fix.edits.length === 0) continue
    if (d.fix.edits.some((e) => taken.some((t) => t.edits.some((u) => editsConflict(e, u))))) continue
    taken.push(d.fix)
  }
  return taken.flatMap((f) => f.edits).sort((a, b) => a.from - b.from || a.to - b.to)
}

/** Applies the fixes of many diagnostics at once (say, every `image-alt` one); see {@link fixEdits}. */
export function fixAll(text: string, diagnostics: readonly Diagnostic[]): string {
  return applyEdits(text, fixEdits(diagnostics))
}
