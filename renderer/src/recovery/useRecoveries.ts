import { useCallback, useState } from 'react'
import type { DiscardedRecovery, Recovery } from '../../../common/api'
import { folio, messageOf } from '../folio'
import { useCommand } from '../commands'

/** What the recovery view shows: the copies waiting for a decision, and the recently discarded ones. */
export interface RecoveryState {
  live: Recovery[]
  discarded: DiscardedRecovery[]
  /** Posts whose copy was restored into the editor while the view was open. */
  restored: ReadonlySet<string>
  /** A problem to show in the view (a failed call), in plain words. */
  error: string | null
}

export interface RecoveryDeps {
  /** Puts recovered text back into posts' buffers, unsaved, and opens the first (usePostBuffers). */
  restore(recoveries: Recovery[]): Promise<void>
  /** Whether a post has unsaved edits in this window: such a post's copy is its live text, not one to offer. */
  isDirty(relPath: string): boolean
  /** Tells the user something in the notice bar. */
  notify(text: string): void
}

/** What the view can do; each action keeps every copy it does not explicitly discard. */
export interface RecoveryActions {
  restoreOne(r: Recovery): Promise<void>
  restoreAll(): Promise<void>
  discardOne(r: Recovery): Promise<void>
  restoreDiscarded(d: DiscardedRecovery): Promise<void>
  /** Closes the view: whatever was not decided stays, and is offered again. */
  decideLater(): void
}

/**
 * The recovery view's state and actions. `offer()` opens it when an earlier run left unsaved
 * text (called when a folder opens); the "Recover Unsaved Changes…" command opens it always.
 */
export function useRecoveries({ restore, isDirty, notify }: RecoveryDeps) {
  const [state, setState] = useState<RecoveryState | null>(null)

  const load = useCallback(
    async (always: boolean) => {
      const [live, discarded] = await Promise.all([folio.listRecoveries(), folio.listDiscardedRecoveries()])
      const offered = live.filter((r) => !isDirty(r.relPath))
      if (!offered.length && !always) return
      setState({ live: offered, discarded, restored: new Set(), error: null })
    },
    [isDirty]
  )
  const offer = useCallback(() => load(false).catch((error) => notify(messageOf(error))), [load, notify])
  useCommand(
    'recoverUnsaved',
    useCallback(() => void load(true).catch((error) => notify(messageOf(error))), [load, notify])
  )

  const failed = (error: unknown) => setState((s) => s && { ...s, error: messageOf(error) })
  const markRestored = (relPaths: string[]) => setState((s) => s && { ...s, error: null, restored: new Set([...s.restored, ...relPaths]) })
  const pending = (s: RecoveryState) => s.live.filter((r) => !s.restored.has(r.relPath))

  /** Restores into the buffers, then makes the copies this run's, so the next edits replace them rather than keep them apart. */
  const restoreInto = async (recoveries: Recovery[]) => {
    await restore(recoveries)
    await Promise.all(recoveries.map((r) => folio.storeRecovery(r.relPath, r.text).catch(() => undefined)))
  }

  const actions: RecoveryActions = {
    restoreOne: (r) => restoreInto([r]).then(() => markRestored([r.relPath]), failed),
    async restoreAll() {
      if (!state) return
      const waiting = pending(state)
      try {
        await restoreInto(waiting)
        setState(null)
      } catch (error) {
        failed(error)
      }
    },
    async discardOne(r) {
      try {
        await folio.discardRecovery(r.relPath)
        const discarded = await folio.listDiscardedRecoveries()
        setState((s) => s && { ...s, error: null, live: s.live.filter((l) => l.relPath !== r.relPath), discarded })
      } catch (error) {
        failed(error)
      }
    },
    async restoreDiscarded(d) {
      // The editor's text of that post would be replaced: it must be saved or reverted first.
      if (isDirty(d.relPath)) return failed(new Error(`${d.relPath} has unsaved edits in the editor. Save them first, then restore the discarded copy.`))
      try {
        const back = await folio.restoreDiscardedRecovery(d.id)
        await restore([back])
        const discarded = await folio.listDiscardedRecoveries()
        setState(
          (s) =>
            s && {
              ...s,
              error: null,
              discarded,
              live: [back, ...s.live.filter((l) => l.relPath !== back.relPath)],
              restored: new Set([...s.restored, back.relPath])
            }
        )
      } catch (error) {
        failed(error)
      }
    },
    decideLater() {
      const left = state ? pending(state).length : 0
      setState(null)
      if (left) notify(`The unsaved changes of ${left === 1 ? 'one post are' : `${left} posts are`} kept for later. File → Recover Unsaved Changes… shows them again.`)
    }
  }

  return { state, actions, offer }
}
