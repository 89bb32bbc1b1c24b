import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'
import type { Diagnostic } from '../../../common/api'
import type { EditorCommandId } from '../../../common/commands'
import type { EditorHandle } from '../editor/handle'
import { useCommand } from '../commands'
import { folio, messageOf } from '../folio'
import { collectFixes, diagnosticRange } from './fixes'
import { largestCheckedPost, tooLargeToCheck } from '../../../common/large-post'

/** How long the checker waits after the text stops changing: longer for long posts. */
const checkDelay = (length: number) => (length > 100_000 ? 1000 : 500)

/** The latest check of a post: the text it was run on, so fixes only ever apply to that text. */
interface CheckResult {
  relPath: string
  text: string
  diagnostics: Diagnostic[]
  error: string | null
}

/** The open post's problems and what can be done about them (the Problems tab and its menu commands). */
export interface Problems {
  diagnostics: Diagnostic[]
  /** True while the list is for an older text than the editor's (a check is due or running). */
  checking: boolean
  error: string | null
  counts: Record<Diagnostic['severity'], number>
  /** True while Fix all is working. */
  busy: boolean
  /** The outcome of the last action ("Fixed 6 problems"), shown briefly. */
  message: string | null
  reveal(d: Diagnostic): void
  applyFix(d: Diagnostic): void
  /** Applies every fix (of one rule, when given) as one undo step. */
  fixAll(rule?: string): void
  updateToc(): void
  updateBackToTop(): void
}

/**
 * Checks the open post with `folio.checkPost` when it opens and ~500 ms after each edit (the
 * newest text wins), and applies quick fixes to the editor as undoable transactions. Lives
 * in the app, not the tab, so the badge and the menu commands work while another tab shows.
 */
export function useProblems({ relPath, text, editorRef }: { relPath: string | null; text: string; editorRef: RefObject<EditorHandle | null> }): Problems {
  const [result, setResult] = useState<CheckResult | null>(null)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const latest = useRef(0)
  const requested = useRef<{ relPath: string; text: string } | null>(null)

  /** Checks a text now; an answer that arrives after a newer request is dropped. */
  const run = useCallback(async (path: string, checked: string): Promise<Diagnostic[] | null> => {
    const seq = ++latest.current
    requested.current = { relPath: path, text: checked }
    try {
      // A post too long to check is not sent to the main process at all.
      const diagnostics = checked.length > largestCheckedPost ? [tooLargeToCheck] : await folio.checkPost(path, checked)
      if (seq === latest.current) setResult({ relPath: path, text: checked, diagnostics, error: null })
      return diagnostics
    } catch (error) {
      if (seq === latest.current) setResult({ relPath: path, text: checked, diagnostics: [], error: messageOf(error) })
      return null
    }
  }, [])

  useEffect(() => {
    if (!relPath) return
    const last = requested.current
    if (last?.relPath === relPath && last.text === text) return
    // A post just opened is checked at once; edits wait for a pause in typing.
    const timer = window.setTimeout(() => void run(relPath, text), last?.relPath === relPath ? checkDelay(text.length) : 0)
    return () => window.clearTimeout(timer)
  }, [relPath, text, run])

  useEffect(() => {
    if (!message) return
    const timer = window.setTimeout(() => setMessage(null), 6000)
    return () => window.clearTimeout(timer)
  }, [message])

  const shown = result && result.relPath === relPath ? result : null
  const diagnostics = shown?.diagnostics ?? []
  const checkedText = shown?.text ?? null

  /** The editor of the open post, or null (with a message) when there is none. */
  const editor = useCallback((): EditorHandle | null => {
    const shown = editorRef.current
    if (!shown || !relPath) setMessage('Open a post first.')
    return shown && relPath ? shown : null
  }, [editorRef, relPath])

  const reveal = useCallback(
    (d: Diagnostic) => {
      const shown = editor()
      if (!shown) return
      const doc = shown.doc()
      const { from, to } = diagnosticRange(doc, d, doc.toString() === checkedText)
      // Short ranges (an image, a garbled word) are selected; long ones (a whole TOC) just get the cursor.
      shown.select(from, to - from <= 300 ? to : from, 'center')
      shown.focus()
    },
    [editor, checkedText]
  )

  const applyFix = useCallback(
    async (d: Diagnostic) => {
      const shown = editor()
      if (!shown || !relPath || !d.fix) return
      const doc = shown.doc()
      let fix = d.fix
      if (doc.toString() !== checkedText) {
        // The offsets belong to an older text: check the current one and use its fix, if it still has one.
        const fresh = (await run(relPath, doc.toString()))?.find((f) => f.rule === d.rule && f.message === d.message && f.fix)
        if (!fresh?.fix || editorRef.current !== shown || shown.doc() !== doc) return setMessage('The text changed, so the list was checked again.')
        fix = fresh.fix
      }
      shown.edit(fix.edits, { userEvent: 'input.fix', select: true })
      shown.focus()
      void run(relPath, shown.doc().toString())
    },
    [editor, relPath, checkedText, run, editorRef]
  )

  const fixAll = useCallback(
    async (rule?: string) => {
      const shown = editor()
      if (!shown || !relPath || busy) return
      setBusy(true)
      try {
        // Typing while the checker works starts it over on the new text (three tries).
        for (let attempt = 0; attempt < 3; attempt++) {
          const start = shown.doc()
          const { edits, fixed } = await collectFixes(start.toString(), (t) => folio.checkPost(relPath, t), rule ? { only: (d) => d.rule === rule } : {})
          if (editorRef.current !== shown) return
          if (shown.doc() !== start) continue
          if (!edits.length) return setMessage('Nothing to fix.')
          shown.edit(edits, { userEvent: 'input.fix' })
          shown.focus()
          setMessage(`Fixed ${fixed} problem${fixed === 1 ? '' : 's'} in one step (Ctrl+Z undoes it).`)
          void run(relPath, shown.doc().toString())
          return
        }
        setMessage('The text kept changing; try Fix all again.')
      } catch (error) {
        setMessage(messageOf(error))
      } finally {
        setBusy(false)
      }
    },
    [editor, relPath, busy, run, editorRef]
  )

  const runEditorCommand = useCallback(
    (command: EditorCommandId, unchanged: string) => {
      const shown = editor()
      if (!shown) return
      if (shown.run(command)) {
        setMessage(null)
        shown.focus()
      } else setMessage(unchanged)
    },
    [editor]
  )
  const updateToc = useCallback(() => runEditorCommand('updateToc', 'The table of contents is up to date.'), [runEditorCommand])
  const updateBackToTop = useCallback(() => runEditorCommand('updateBackToTop', 'Every section already ends with a back-to-top link.'), [runEditorCommand])
  const fixEverything = useCallback(() => void fixAll(), [fixAll])
  useCommand('updateToc', updateToc)
  useCommand('updateBackToTop', updateBackToTop)
  useCommand('fixAll', fixEverything)

  const counts = { error: 0, warning: 0, info: 0 }
  for (const d of diagnostics) counts[d.severity]++
  return {
    diagnostics,
    checking: Boolean(relPath) && checkedText !== text,
    error: shown?.error ?? null,
    counts,
    busy,
    message,
    reveal,
    applyFix: (d) => void applyFix(d),
    fixAll: (rule) => void fixAll(rule),
    updateToc,
    updateBackToTop
  }
}
