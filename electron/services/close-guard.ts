/** The user's answer to "save changes before closing?". */
export type CloseChoice = 'save' | 'discard' | 'cancel'

/** The buttons of the close prompt, in order; `closeChoices[response]` maps the answer back. */
export const closeButtons = ['Save', "Don't Save", 'Cancel'] as const
export const closeChoices: readonly CloseChoice[] = ['save', 'discard', 'cancel']

/**
 * Decides what closing the window does while the renderer may hold unsaved text. Plain
 * state, no Electron, so the decisions are unit-tested; electron/main.ts only wires it to
 * the window's 'close' event, a message box and the `setDirty` call.
 */
export interface CloseGuard {
  /**
   * The window is about to close. 'close': let it. 'ask': prevent it and show the prompt.
   * 'prevent': prevent it, the prompt is already showing.
   */
  onClose(): 'close' | 'ask' | 'prevent'
  /** The prompt's answer. 'close': close the window now. 'save': ask the renderer to save. 'stay': keep it open. */
  answer(choice: CloseChoice): 'close' | 'save' | 'stay'
  /**
   * The renderer's report (on every change, and after every save attempt). Returns 'close'
   * when a save asked for by the prompt succeeded, so the window may now close.
   */
  setDirty(dirty: boolean, relPath?: string | null): 'close' | null
  isDirty(): boolean
  /** The post holding the unsaved text, when the renderer said which. */
  dirtyPost(): string | null
}

/** A close guard for one window, starting clean. */
export function createCloseGuard(): CloseGuard {
  let dirty = false
  let post: string | null = null
  let phase: 'idle' | 'asking' | 'saving' | 'closing' = 'idle'
  return {
    onClose() {
      if (phase === 'closing' || !dirty) {
        phase = 'closing'
        return 'close'
      }
      if (phase === 'asking') return 'prevent'
      // From idle, or 'saving' when the save never reported back (it failed): ask again.
      phase = 'asking'
      return 'ask'
    },
    answer(choice) {
      if (choice === 'discard') {
        phase = 'closing'
        return 'close'
      }
      if (choice === 'save' && dirty) {
        phase = 'saving'
        return 'save'
      }
      if (choice === 'save') {
        // Saved in the meantime (autosave, or a save already under way): nothing to wait for.
        phase = 'closing'
        return 'close'
      }
      phase = 'idle'
      return 'stay'
    },
    setDirty(next, relPath = null) {
      dirty = next
      post = next ? relPath : null
      if (phase !== 'saving') return null
      // A failed save leaves the window open with the text in it; a good one lets it close.
      phase = next ? 'idle' : 'closing'
      return next ? null : 'close'
    },
    isDirty: () => dirty,
    dirtyPost: () => post
  }
}
