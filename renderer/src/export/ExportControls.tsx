import { useCallback, useState } from 'react'
import { createPortal } from 'react-dom'
import type { ExportResult } from '../../../common/api'
import { hintFor, useCommand } from '../commands'
import { folio, messageOf } from '../folio'
import { ExportIcon } from '../Icons'
import { ExportDialog, type ExportChoice } from './ExportDialog'
import './export.css'

/** Where an export is: nothing, asking, running (with progress), finished or failed. */
type ExportState =
  | { phase: 'idle' }
  | { phase: 'choosing'; relPath: string }
  | { phase: 'running'; relPath: string; done: number; total: number; current: string }
  | { phase: 'done'; relPath: string; result: ExportResult; openError: string | null }
  | { phase: 'failed'; relPath: string; error: string }

interface ExportControlsProps {
  /** The open post, or null. */
  relPath: string | null
  /** The open post has unsaved edits. */
  dirty: boolean
  /** Saves the open post; resolves to false when it could not be saved. */
  save(): Promise<boolean | void>
}

/**
 * File → Export HTML… (Ctrl+E) and its toolbar button: the form dialog, saving unsaved edits
 * first, the `exportHtml` call (the main side asks where), a progress strip from
 * `exportProgress`, and a notice with "Open in browser" / "Show in folder" and any warnings.
 */
export function ExportControls({ relPath, dirty, save }: ExportControlsProps) {
  const [state, setState] = useState<ExportState>({ phase: 'idle' })
  const running = state.phase === 'running'

  const open = useCallback(() => {
    if (relPath) setState((s) => (s.phase === 'running' ? s : { phase: 'choosing', relPath }))
  }, [relPath])
  // The menu, the toolbar's button and Ctrl+E all come here (the command table's exportHtml).
  useCommand('exportHtml', open)

  const run = useCallback(
    async (post: string, choice: ExportChoice) => {
      setState({ phase: 'running', relPath: post, done: 0, total: 0, current: '' })
      if (dirty && (await save()) === false) return setState({ phase: 'idle' }) // the app shows why the save failed
      const off = folio.on('exportProgress', (p) => {
        if (p.relPath === post) setState((s) => (s.phase === 'running' ? { ...s, done: p.done, total: p.total, current: p.current } : s))
      })
      try {
        const result = await folio.exportHtml(post, { singleFile: choice.singleFile, ...(choice.singleFile && choice.maxImageWidth ? { maxImageWidth: choice.maxImageWidth } : {}) })
        setState(result ? { phase: 'done', relPath: post, result, openError: null } : { phase: 'idle' })
      } catch (error) {
        setState({ phase: 'failed', relPath: post, error: messageOf(error) })
      } finally {
        off()
      }
    },
    [dirty, save]
  )

  const openExport = (how: 'browser' | 'folder') => {
    if (state.phase !== 'done') return
    const { result } = state
    folio.openExport(result.outPath, how).catch((error: unknown) => setState((s) => (s.phase === 'done' ? { ...s, openError: messageOf(error) } : s)))
  }
  const dismiss = () => setState({ phase: 'idle' })

  return (
    <>
      <button onClick={open} disabled={!relPath || running} {...hintFor('exportHtml')}>
        <ExportIcon /> Export
      </button>
      {state.phase === 'choosing' &&
        createPortal(
          <ExportDialog
            postName={state.relPath}
            unsaved={dirty}
            onClose={() => setState((s) => (s.phase === 'choosing' ? { phase: 'idle' } : s))}
            onExport={(choice) => void run(state.relPath, choice)}
          />,
          document.body
        )}
      {state.phase !== 'idle' && state.phase !== 'choosing' && createPortal(<ExportToast state={state} onOpen={openExport} onDismiss={dismiss} />, document.body)}
    </>
  )
}

/** The export's progress, then its outcome: a small card above the status bar. */
function ExportToast({ state, onOpen, onDismiss }: { state: Exclude<ExportState, { phase: 'idle' | 'choosing' }>; onOpen(how: 'browser' | 'folder'): void; onDismiss(): void }) {
  if (state.phase === 'running') {
    const share = state.total ? state.done / state.total : 0
    return (
      <div className="export-toast running" role="status" aria-label="Export progress">
        <div className="export-toast-line">
          <span className="export-toast-title">Exporting {state.relPath}…</span>
          {state.total > 0 && (
            <span className="export-count">
              {state.done}/{state.total} images
            </span>
          )}
        </div>
        <div className={`export-progress${state.total ? '' : ' indeterminate'}`} role="progressbar" aria-valuemin={0} aria-valuemax={state.total || undefined} aria-valuenow={state.total ? state.done : undefined}>
          <span style={{ width: `${Math.round(share * 100)}%` }} />
        </div>
        {state.current && <div className="export-current">{state.current}</div>}
      </div>
    )
  }
  if (state.phase === 'failed') {
    return (
      <div className="export-toast failed" role="alert">
        <div className="export-toast-line">
          <span className="export-toast-title">Export failed</span>
          <button className="icon" aria-label="Dismiss" onClick={onDismiss}>
            ✕
          </button>
        </div>
        <p className="export-detail">{state.error}</p>
      </div>
    )
  }
  const { outPath, warnings } = state.result
  return (
    <div className="export-toast done" role="status" aria-label="Export finished">
      <div className="export-toast-line">
        <span className="export-toast-title">
          <span className="export-check" aria-hidden="true">
            ✓
          </span>{' '}
          Exported to <span className="export-path">{outPath}</span>
        </span>
        <button className="icon" aria-label="Dismiss" onClick={onDismiss}>
          ✕
        </button>
      </div>
      <div className="export-actions">
        <button className="primary" onClick={() => onOpen('browser')}>
          Open in browser
        </button>
        <button onClick={() => onOpen('folder')}>Show in folder</button>
      </div>
      {state.openError && <p className="export-detail error">{state.openError}</p>}
      {warnings.length > 0 && (
        <details className="export-warnings" open={warnings.length <= 3}>
          <summary>
            {warnings.length} warning{warnings.length === 1 ? '' : 's'}
          </summary>
          <ul>
            {warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  )
}
