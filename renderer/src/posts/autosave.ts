import type { AutoSaveMode } from '../../../common/settings'

/**
 * When Folio saves by itself. Pure decisions, so they are tested without a DOM; the buffers
 * (posts/post-buffers.ts) run the timers and listeners and ask here.
 */

/** What happened: typing stopped (a second ago), the window lost focus, or the user opened another post. */
export type AutoSaveTrigger = 'typingStopped' | 'focusLost' | 'postSwitched'

/** What the buffers know of the post that might be saved. */
export interface AutoSaveCandidate {
  /** The editor's text differs from what was last saved. */
  unsaved: boolean
  /** Its file is gone from disk: only an explicit save writes it again, never an autosave. */
  deletedOnDisk: boolean
  /** Its last save failed, or another program changed the file meanwhile, and the user has not settled it yet. */
  saveProblem: boolean
}

const triggersOf: Record<AutoSaveMode, readonly AutoSaveTrigger[]> = {
  off: [],
  afterDelay: ['typingStopped'],
  onFocusChange: ['focusLost', 'postSwitched']
}

/**
 * Whether `trigger` saves the post under `mode`. Never a post without unsaved text, never one
 * whose save met a problem the user has not settled (a conflict is theirs to decide; the save's
 * own mtime check applies besides), and never one deleted on disk: a file that git or the user
 * removed is not silently written again (VS Code would; Folio asks for an explicit save).
 */
export function shouldAutoSave(mode: AutoSaveMode, trigger: AutoSaveTrigger, post: AutoSaveCandidate): boolean {
  return triggersOf[mode].includes(trigger) && post.unsaved && !post.deletedOnDisk && !post.saveProblem
}
