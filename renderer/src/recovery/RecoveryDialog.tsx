import { useRef, useState, type KeyboardEvent } from 'react'
import { recoveryTrashDays, type DiscardedRecovery, type Recovery } from '../../../common/api'
import { Modal } from '../Modal'
import { RecoveryDiff } from './RecoveryDiff'
import { copyState, formatWhen, keptFor, stateLabel } from './recovery-status'
import type { RecoveryActions, RecoveryState } from './useRecoveries'
import './recovery.css'

type Selection = { kind: 'live'; relPath: string } | { kind: 'discarded'; id: string }

/**
 * "Restore unsaved changes": each post with a recovery copy, its recovered text against the
 * disk, and Restore or Discard per post (Word's Document Recovery pane, VS Code's hot exit).
 * Closing it in any way decides later; Discard is an explicit click and keeps the copy in the
 * recovery trash, listed under "Recently discarded" with its own Restore.
 */
export function RecoveryDialog({ state, actions }: { state: RecoveryState; actions: RecoveryActions }) {
  const { live, discarded, restored, error } = state
  const pending = live.filter((r) => !restored.has(r.relPath))
  const [selection, setSelection] = useState<Selection | null>(() => (live[0] ? { kind: 'live', relPath: live[0].relPath } : null))
  const restoreButton = useRef<HTMLButtonElement>(null)
  const closeButton = useRef<HTMLButtonElement>(null)
  // Times are shown relative to when the view opened ("today at 10:42").
  const [now] = useState(Date.now)

  // The copy shown: the one picked, or (none picked, or it went away: discarded, restored from the trash) the next one waiting.
  const picked = selection?.kind === 'live' ? live.find((r) => r.relPath === selection.relPath) : discarded.find((d) => d.id === selection?.id)
  const fallback = pending[0] ?? live[0]
  const shown: Recovery | DiscardedRecovery | undefined = picked ?? fallback
  const isLive = picked ? selection?.kind === 'live' : Boolean(fallback)
  const shownDiscarded = isLive ? undefined : (shown as DiscardedRecovery | undefined)
  const isSelected = (r: Recovery) => isLive && shown?.relPath === r.relPath

  /** After an action, focus goes to a safe place: the next Restore, else the close button; never to a Discard. */
  const focusSafe = () => requestAnimationFrame(() => (restoreButton.current && !restoreButton.current.disabled ? restoreButton.current : closeButton.current)?.focus())
  const run = (action: Promise<void>) => void action.then(focusSafe)

  const onListKey = (event: KeyboardEvent) => {
    const index = live.findIndex(isSelected)
    const to = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: live.length - 1 }[event.key]
    if (to === undefined) return
    event.preventDefault()
    const next = live[Math.max(0, Math.min(live.length - 1, to))]
    if (!next) return
    setSelection({ kind: 'live', relPath: next.relPath })
    requestAnimationFrame(() => document.getElementById(optionId(next.relPath))?.focus())
  }

  const isRestored = shown !== undefined && isLive && restored.has(shown.relPath)
  return (
    <Modal labelledBy="recovery-title" className="recovery-modal" onCancel={actions.decideLater} onSubmit={() => undefined} onBackdropClick={actions.decideLater} initialFocus={restoreButton}>
      <header className="recovery-head">
        <div>
          <h2 id="recovery-title">Restore unsaved changes</h2>
          <p className="recovery-intro">
            {live.length
              ? 'Folio kept text you had not saved when it last closed. Restore puts it back in the editor, unsaved: nothing on disk changes until you save. Whatever you leave here is offered again next time.'
              : 'There is no unsaved text waiting to be restored.'}
          </p>
        </div>
        <button type="button" className="icon recovery-close" aria-label="Decide later" title="Close and decide later" onClick={actions.decideLater}>
          ✕
        </button>
      </header>
      <div className="recovery-main">
        <aside className="recovery-side">
          <h3 className="pane-title">Unsaved changes</h3>
          {live.length ? (
            <ul className="recovery-list" role="listbox" aria-label="Posts with unsaved changes" onKeyDown={onListKey}>
              {live.map((r) => {
                const selected = isSelected(r)
                const state = copyState(r)
                return (
                  <li
                    key={r.relPath}
                    id={optionId(r.relPath)}
                    role="option"
                    aria-selected={selected}
                    tabIndex={selected ? 0 : -1}
                    className={`recovery-item${selected ? ' selected' : ''}`}
                    onClick={() => setSelection({ kind: 'live', relPath: r.relPath })}
                  >
                    <span className="recovery-name">{r.relPath}</span>
                    <span className="recovery-meta">
                      <span>kept {formatWhen(r.savedAt, now)}</span>
                      {restored.has(r.relPath) ? <span className="recovery-tag done">Restored</span> : <span className={`recovery-tag ${state}`}>{stateLabel[state]}</span>}
                    </span>
                  </li>
                )
              })}
            </ul>
          ) : (
            <p className="recovery-empty">Nothing waiting.</p>
          )}
          {discarded.length > 0 && (
            <section className="recovery-discarded" role="region" aria-label="Recently discarded">
              <h3 className="pane-title">Recently discarded</h3>
              <ul>
                {discarded.map((d) => (
                  <li key={d.id} className={`recovery-item discarded${!isLive && shown === d ? ' selected' : ''}`}>
                    <button type="button" className="recovery-pick" onClick={() => setSelection({ kind: 'discarded', id: d.id })} aria-label={`Show ${d.relPath}, ${d.reason === 'replaced' ? 'replaced by later edits' : 'discarded'} ${formatWhen(d.discardedAt, now)}`}>
                      <span className="recovery-name">{d.relPath}</span>
                      <span className="recovery-meta">
                        {d.reason === 'replaced' ? 'replaced by later edits' : 'discarded'} {formatWhen(d.discardedAt, now)} · {keptFor(d, now)}
                      </span>
                    </button>
                    <button type="button" className="small" aria-label={`Restore ${d.relPath}`} onClick={() => run(actions.restoreDiscarded(d))}>
                      Restore
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </aside>
        <section className="recovery-detail" aria-label="Selected copy">
          {shown ? (
            <>
              <div className="recovery-detail-head">
                <div className="recovery-detail-title">
                  <strong>{shown.relPath}</strong>
                  <span className="recovery-meta">
                    {shownDiscarded ? `discarded ${formatWhen(shownDiscarded.discardedAt, now)}, ${keptFor(shownDiscarded, now)}` : `kept ${formatWhen(shown.savedAt, now)}`}
                  </span>
                </div>
                {!shownDiscarded ? (
                  <>
                    <button type="button" ref={restoreButton} className="primary" disabled={isRestored} aria-label={isRestored ? `${shown.relPath} restored` : `Restore ${shown.relPath}`} onClick={() => run(actions.restoreOne(shown))}>
                      {isRestored ? 'Restored' : 'Restore'}
                    </button>
                    {!isRestored && (
                      <button type="button" className="recovery-discard" aria-label={`Discard ${shown.relPath}`} onClick={() => run(actions.discardOne(shown))}>
                        Discard
                      </button>
                    )}
                  </>
                ) : (
                  <button type="button" ref={restoreButton} className="primary" aria-label={`Restore ${shown.relPath} from the discarded copies`} onClick={() => run(actions.restoreDiscarded(shownDiscarded))}>
                    Restore
                  </button>
                )}
              </div>
              {isRestored && <p className="recovery-note">In the editor now, unsaved. Save the post to keep it.</p>}
              {!isRestored && copyState(shown) === 'changed' && (
                <p className="recovery-note warn">The file was changed on disk after this copy was kept. Compare before restoring: saving the restored text replaces what is on disk.</p>
              )}
              <RecoveryDiff recovery={shown} />
            </>
          ) : (
            <p className="recovery-empty">Choose a post to see its recovered text.</p>
          )}
        </section>
      </div>
      {error && (
        <p className="recovery-error" role="alert">
          {error}
        </p>
      )}
      <footer className="modal-actions recovery-actions">
        <span className="recovery-hint">Discarded copies stay under “Recently discarded” for {recoveryTrashDays} days.</span>
        <button type="button" ref={closeButton} onClick={actions.decideLater}>
          {pending.length ? 'Decide later' : 'Close'}
        </button>
        {pending.length > 1 && (
          <button type="button" className="primary" onClick={() => run(actions.restoreAll())}>
            Restore all
          </button>
        )}
      </footer>
    </Modal>
  )
}

const optionId = (relPath: string) => `recovery-${relPath.replace(/[^a-zA-Z0-9_-]/g, '_')}`
