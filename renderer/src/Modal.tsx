import { useEffect, useRef, type ReactNode } from 'react'

interface ModalProps {
  /** The id of the element that names the dialog. */
  labelledBy: string
  className?: string
  /** Escape (or the dialog's cancel) pressed. */
  onCancel(): void
  /** Enter pressed or the submit button clicked. */
  onSubmit(): void
  children: ReactNode
}

/** A native modal `<dialog>` with a form: Enter submits, Escape cancels. */
export function Modal({ labelledBy, className, onCancel, onSubmit, children }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
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
