import { useMemo } from 'react'
import { diffCounts, foldUnchanged, lineDiff, type DiffLine, type SkippedLines } from '../../../common/line-diff'
import type { Recovery } from '../../../common/api'

/** Rows drawn at most: a whole long post as DOM rows would slow the view, and the rest is said in words. */
const maxRows = 1500

/**
 * The recovered text against the file on disk, as a line diff with both line numbers (VS
 * Code's inline diff). A post no longer on disk shows its recovered text whole.
 */
export function RecoveryDiff({ recovery }: { recovery: Recovery }) {
  const { rows, added, removed } = useMemo(() => {
    if (recovery.diskText === undefined) {
      const lines = recovery.text.split('\n').map((text, i): DiffLine => ({ kind: 'add', text, newLine: i + 1 }))
      return { rows: lines as (DiffLine | SkippedLines)[], added: lines.length, removed: 0 }
    }
    const diff = lineDiff(recovery.diskText, recovery.text)
    return { rows: foldUnchanged(diff), ...diffCounts(diff) }
  }, [recovery])
  const gone = recovery.diskText === undefined
  return (
    <section className="recovery-diff" role="region" aria-label="Recovered text compared with the file on disk">
      <div className="recovery-diff-head">
        {gone ? (
          <span>The file is no longer on disk. Restoring puts this text in the editor; saving writes the file again.</span>
        ) : (
          <>
            <span>
              <span className="recovery-legend del">On disk</span> <span aria-hidden="true">→</span> <span className="recovery-legend add">Recovered</span>
            </span>
            <span className="recovery-counts" aria-label={`${added} lines added, ${removed} removed`}>
              <span className="add">+{added}</span> <span className="del">−{removed}</span>
            </span>
          </>
        )}
      </div>
      <div className="recovery-diff-body">
        {added + removed === 0 && !gone && <p className="recovery-same">The recovered text is the same as the file on disk.</p>}
        {rows.slice(0, maxRows).map((row, i) =>
          row.kind === 'skip' ? (
            <div key={i} className="diff-row skip" data-kind="skip">
              ⋯ {row.count} unchanged {row.count === 1 ? 'line' : 'lines'}
            </div>
          ) : (
            <div key={i} className={`diff-row${gone ? " whole" : ""}`} data-kind={row.kind}>
              <span className="diff-num">{gone ? '' : (row.oldLine ?? '')}</span>
              <span className="diff-num">{row.newLine ?? ''}</span>
              <span className="diff-mark" aria-hidden="true">
                {row.kind === 'add' && !gone ? '+' : row.kind === 'del' ? '−' : ''}
              </span>
              <span className="diff-text">{row.text || '\u200b'}</span>
            </div>
          )
        )}
        {rows.length > maxRows && <p className="recovery-same">… and {rows.length - maxRows} more lines, shown in the editor once restored.</p>}
      </div>
    </section>
  )
}
