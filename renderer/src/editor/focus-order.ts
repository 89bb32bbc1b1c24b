/**
 * Tab order for an editor mounted outside the page's flow (PostEditor's host sits after
 * React's root). Its slot in the pane is focusable and hands focus to the editor; focus that
 * leaves the editor (Escape then Tab, CodeMirror's way out, since Tab indents) lands on a
 * guard beside the host and goes on from the slot. Keyboard users meet the editor where they
 * see it: after the front matter, before the preview.
 */
const focusable = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])'

/** The element Tab (or Shift-Tab) reaches from `slot`, in the document order of the slot's root. */
export function focusTargetFrom(slot: HTMLElement, backwards: boolean): HTMLElement | undefined {
  const root = slot.closest('#root') ?? document.body
  const candidates = [...root.querySelectorAll<HTMLElement>(focusable)].filter(
    (element) => element === slot || (element.getClientRects().length > 0 && !element.closest('[inert], [hidden]'))
  )
  const at = candidates.indexOf(slot)
  return at < 0 ? undefined : candidates[backwards ? at - 1 : at + 1]
}

/** An empty, invisible stop before (or after) the editor host that passes focus on from the slot. */
export function focusGuard(slot: () => HTMLElement | null, backwards: boolean): HTMLElement {
  const guard = document.createElement('span')
  guard.tabIndex = 0
  guard.className = 'focus-guard'
  guard.addEventListener('focus', () => {
    const at = slot()
    const target = at && focusTargetFrom(at, backwards)
    if (target) target.focus()
    else guard.blur()
  })
  return guard
}
