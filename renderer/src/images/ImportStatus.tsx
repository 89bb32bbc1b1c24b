import type { EventPayloads, ImportSummary } from '../../../common/api'
import { ImageIcon } from '../Icons'
import { importSummaryText, progressLabel } from './import-helpers'
import './images.css'

/** What the import strip shows: progress while files import, then what happened. */
export type ImportState =
  | ({ kind: 'running' } & EventPayloads['importProgress'])
  | { kind: 'finished'; summary: ImportSummary; inserted: boolean }
  | { kind: 'failed'; message: string }

interface ImportStatusProps {
  state: ImportState | null
  onCancel(): void
  onDismiss(): void
}

/**
 * A small card floating over the bottom of the editor: "Importing 3 of 20 — name.jpg" with
 * a bar and Cancel while an import runs, then a summary listing any file that was skipped
 * and why. It never blocks the editor.
 */
export function ImportStatus({ state, onCancel, onDismiss }: ImportStatusProps) {
  if (!state) return null
  if (state.kind === 'running') {
    const share = state.total ? Math.round((state.done / state.total) * 100) : 0
    return (
      <div className="import-status running" role="status" aria-label="Image import">
        <div className="import-row">
          <span className="import-spinner" aria-hidden="true" />
          <span className="import-label">
            <strong>{progressLabel(state)}</strong>
            {state.current && <span className="import-file"> — {state.current}</span>}
          </span>
          <button className="small" onClick={onCancel}>
            Cancel
          </button>
        </div>
        <div className="import-bar" role="progressbar" aria-label="Import progress" aria-valuemin={0} aria-valuemax={state.total} aria-valuenow={state.done}>
          <div style={{ width: `${share}%` }} />
        </div>
      </div>
    )
  }
  const skipped = state.kind === 'finished' ? state.summary.skipped : []
  const tone = state.kind === 'failed' ? 'error' : skipped.length || state.summary.cancelled || !state.inserted ? 'warn' : 'ok'
  return (
    <div className={`import-status ${tone}`} role={tone === 'error' ? 'alert' : 'status'} aria-label="Image import">
      <div className="import-row">
        <span className="import-icon" aria-hidden="true">
          <ImageIcon />
        </span>
        <span className="import-label">{state.kind === 'failed' ? `Images could not be imported: ${state.message}` : importSummaryText(state.summary, state.inserted)}</span>
        <button className="icon" aria-label="Dismiss" onClick={onDismiss}>
          ✕
        </button>
      </div>
      {skipped.length > 0 && (
        <ul className="import-skipped" aria-label="Skipped files">
          {skipped.map((skip, i) => (
            <li key={`${i}:${skip.name}`}>
              <span className="import-file-name">{skip.name}</span> {skip.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
