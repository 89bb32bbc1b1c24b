import { recoveryTrashDays, type DiscardedRecovery, type Recovery } from '../../../common/api'

/** How a recovery copy stands against its post on disk. */
export type CopyState = 'gone' | 'changed' | 'unsaved'

/**
 * `gone`: the file is no longer on disk (restoring and saving writes it again); `changed`: the
 * file was changed after the copy was kept (by another program, or a save in another window);
 * `unsaved`: the copy holds edits made on top of the file as it is.
 */
export function copyState(r: Recovery): CopyState {
  if (r.diskText === undefined) return 'gone'
  // A second of slack: file times and the copy's clock are not the same clock everywhere.
  return r.diskMtimeMs !== undefined && r.diskMtimeMs > r.savedAt + 1000 ? 'changed' : 'unsaved'
}

/** Short words for a copy's state, as the list shows them. */
export const stateLabel: Record<CopyState, string> = {
  gone: 'deleted on disk',
  changed: 'changed on disk since',
  unsaved: 'unsaved edits'
}

const sameDay = (a: Date, b: Date) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate()

/** "today at 10:42", "yesterday at 09:03", "12 May at 18:20" (the year too when it is not this one), in the user's locale. */
export function formatWhen(ms: number, now: number, locale?: string): string {
  const when = new Date(ms)
  const today = new Date(now)
  const time = when.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })
  if (sameDay(when, today)) return `today at ${time}`
  const yesterday = new Date(now)
  yesterday.setDate(yesterday.getDate() - 1)
  if (sameDay(when, yesterday)) return `yesterday at ${time}`
  const date = when.toLocaleDateString(locale, { day: 'numeric', month: 'short', ...(when.getFullYear() !== today.getFullYear() ? { year: 'numeric' } : {}) })
  return `${date} at ${time}`
}

/** How much longer a discarded copy is kept: "kept 13 more days", "kept until tomorrow", "deleted soon". */
export function keptFor(d: Pick<DiscardedRecovery, 'discardedAt'>, now: number): string {
  const left = d.discardedAt + recoveryTrashDays * 24 * 60 * 60 * 1000 - now
  const days = Math.floor(left / (24 * 60 * 60 * 1000))
  if (days >= 2) return `kept ${days} more days`
  if (days === 1) return 'kept until tomorrow'
  return 'deleted soon'
}
