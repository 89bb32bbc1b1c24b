import { useState } from 'react'
import type { Diagnostic } from '../../../common/api'
import type { Problems } from './use-problems'
import { setTocOnSave, tocOnSaveEnabled } from './toc-on-save'
import './problems.css'

const notesKey = 'folio.problems.showNotes'

/** Small severity marks drawn as SVG (the UI must not depend on an emoji font). */
export function SeverityIcon({ severity, labelled = false }: { severity: Diagnostic['severity']; labelled?: boolean }) {
  const shape = {
    error: <path d="M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 7.5v5.5M12 16.5v.01" />,
    warning: <path d="M12 3.5 2.5 20h19zM12 10v4.5M12 17.5v.01" />,
    info: <path d="M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 11v6M12 7.5v.01" />
  }[severity]
  return (
    <svg className={`severity-icon ${severity}`} viewBox="0 0 24 24" width="15" height="15" {...(labelled ? { role: 'img', 'aria-label': severity } : { 'aria-hidden': true })} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      {shape}
    </svg>
  )
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/** One problem: what, where, and its quick fix (the first of a rule with more also offers "Fix all N"). */
function ProblemRow({ d, sameRuleFixes, problems }: { d: Diagnostic; sameRuleFixes: number; problems: Problems }) {
  return (
    <li className={`problem ${d.severity}`} data-rule={d.rule} data-line={d.line}>
      <button className="problem-jump" onClick={() => problems.reveal(d)} title={`Go to line ${d.line}`}>
        <SeverityIcon severity={d.severity} labelled />
        <span className="problem-text">
          <span className="problem-message">{d.message}</span>
          <span className="problem-where">
            Line {d.line}
            {d.column ? `:${d.column}` : ''} · {d.rule}
          </span>
        </span>
      </button>
      {d.fix && (
        <div className="problem-fixes">
          <button className="fix" onClick={() => problems.applyFix(d)} disabled={problems.busy} title="Apply this fix (one undo step)">
            {d.fix.label}
          </button>
          {sameRuleFixes > 1 && (
            <button className="fix-rule" onClick={() => problems.fixAll(d.rule)} disabled={problems.busy} title={`Apply all ${sameRuleFixes} ${d.rule} fixes (one undo step)`}>
              Fix all {sameRuleFixes}
            </button>
          )}
        </div>
      )}
    </li>
  )
}

/**
 * The Problems tab: the open post's diagnostics by line, each with a jump and its quick fix,
 * Fix all, the table-of-contents tools, and the keep-TOC-in-sync-on-save setting.
 */
export function ProblemsPanel({ problems, hasPost }: { problems: Problems; hasPost: boolean }) {
  const [showNotes, setShowNotes] = useState(() => localStorage.getItem(notesKey) !== 'off')
  const [syncToc, setSyncToc] = useState(tocOnSaveEnabled)
  const { diagnostics, counts } = problems
  const shown = showNotes ? diagnostics : diagnostics.filter((d) => d.severity !== 'info')
  const fixable = diagnostics.filter((d) => d.fix)
  const perRule = new Map<string, number>()
  for (const d of fixable) perRule.set(d.rule, (perRule.get(d.rule) ?? 0) + 1)
  const firstOfRule = new Set(fixable.filter((d, i) => fixable.findIndex((f) => f.rule === d.rule) === i))

  if (!hasPost) return <p className="empty">Open a post to check it.</p>
  return (
    <section className="problems" aria-label="Problems">
      <header className="problems-head">
        <div className="problems-summary" aria-live="polite">
          <span className={`count error${counts.error ? '' : ' zero'}`}>
            <SeverityIcon severity="error" /> {plural(counts.error, 'error')}
          </span>
          <span className={`count warning${counts.warning ? '' : ' zero'}`}>
            <SeverityIcon severity="warning" /> {plural(counts.warning, 'warning')}
          </span>
          <span className="count info">
            <SeverityIcon severity="info" /> {plural(counts.info, 'note')}
          </span>
          {problems.checking && <span className="checking">Checking…</span>}
        </div>
        <div className="problems-actions">
          <button className="fix-all" onClick={() => problems.fixAll()} disabled={problems.busy || fixable.length === 0} title="Apply every quick fix, checking again until nothing is left (one undo step)">
            {problems.busy ? 'Fixing…' : `Fix all (${fixable.length})`}
          </button>
          <button
            className="notes-toggle"
            aria-pressed={showNotes}
            title="Show drafting notes and other notes"
            onClick={() => {
              localStorage.setItem(notesKey, showNotes ? 'off' : 'on')
              setShowNotes(!showNotes)
            }}
          >
            Show notes
          </button>
        </div>
        <div className="problems-tools" role="group" aria-label="Table of contents">
          <button onClick={problems.updateToc} title="Insert or update the table of contents from the headings">
            Update TOC
          </button>
          <button onClick={problems.updateBackToTop} title="End every section with a back-to-top link">
            Back-to-top links
          </button>
        </div>
        <label className="toc-sync">
          <input
            type="checkbox"
            checked={syncToc}
            onChange={(e) => {
              setTocOnSave(e.target.checked)
              setSyncToc(e.target.checked)
            }}
          />
          Update the TOC when saving
        </label>
        {problems.message && (
          <p className="problems-message" role="status">
            {problems.message}
          </p>
        )}
        {problems.error && (
          <p className="problems-error" role="alert">
            Could not check the post: {problems.error}
          </p>
        )}
      </header>
      {shown.length === 0 ? (
        <p className="problems-empty">
          {diagnostics.length === 0 ? (problems.checking ? 'Checking…' : 'No problems found.') : `No errors or warnings. ${plural(counts.info, 'note')} hidden.`}
        </p>
      ) : (
        <ul className="problem-list" aria-label="Problems list">
          {shown.map((d, i) => (
            <ProblemRow key={`${d.rule}:${d.line}:${d.column ?? ''}:${i}`} d={d} sameRuleFixes={firstOfRule.has(d) ? (perRule.get(d.rule) ?? 0) : 0} problems={problems} />
          ))}
        </ul>
      )}
    </section>
  )
}
