import { useEffect, useRef, type ReactNode, type RefObject } from 'react'

interface ModalProps {
  /** The id of the element that names the dialog. */
  labelledBy: string
  className?: string
  /** Escape (or the dialog's cancel) pressed. */
  onCancel(): void
  /** Enter pressed or the submit button clicked. */
  onSubmit(): void
  /**
   * The element to focus once the dialog shows. showModal() itself focuses the first
   * focusable element, which is how a "Discard" button placed first came to hold the focus.
   */
  initialFocus?: RefObject<HTMLElement | null>
  /** A click on the backdrop, outside the dialog's box; without it such clicks do nothing. */
  onBackdropClick?(): void
  children: ReactNode
}

/** A native modal `<dialog>` with a form: Enter submits, Escape cancels. */
export function Modal({ labelledBy, className, onCancel, onSubmit, initialFocus, onBackdropClick, children }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
    initialFocus?.current?.focus()
    // Once, when the dialog opens: later focus moves are the user's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  return (
    <dialog
      ref={ref}
      className={`modal${className ? ` ${className}` : ''}`}
      aria-labelledby={labelledBy}
      onCancel={(e) => {
        e.preventDefault()
        onCancel()
      }}
      onClick={(e) => {
        // A click on the backdrop reaches the <dialog> itself, at a point outside its box.
        if (!onBackdropClick || e.target !== e.currentTarget) return
        const box = e.currentTarget.getBoundingClientRect()
        const inside = e.clientX >= box.left && e.clientX <= box.right && e.clientY >= box.top && e.clientY <= box.bottom
        if (!inside) onBackdropClick()
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault()
          onSubmit()
        }}
      >
        {children}
      </form>
    </dialog>
  )
}
