import type { EditorView } from '@codemirror/view'
import { tocOnSaveTransaction } from '../editor/toc-commands'

const settingKey = 'folio.tocOnSave'

/** Whether saving brings the post's table of contents up to date first (on unless turned off). */
export function tocOnSaveEnabled(): boolean {
  try {
    return localStorage.getItem(settingKey) !== 'off'
  } catch {
    return true
  }
}

/** Turns keep-the-TOC-in-sync-on-save on or off; remembered across runs. */
export function setTocOnSave(on: boolean): void {
  try {
    localStorage.setItem(settingKey, on ? 'on' : 'off')
  } catch {
    // Private mode or storage full: the setting lasts for this run only.
  }
}

/**
 * Called by the app just before it saves: when the setting is on and the post has a TOC
 * block, its list is brought up to date with the headings in the author's own style (see
 * common/toc-sync.ts; nothing outside the list changes), as one undoable edit, so the saved
 * file and the editor agree.
 */
export function beforeSave(view: EditorView): void {
  if (!tocOnSaveEnabled()) return
  const spec = tocOnSaveTransaction(view.state)
  if (spec) view.dispatch(spec)
}
