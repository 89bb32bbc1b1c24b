import { useState, type ReactNode } from 'react'
import { Modal } from './Modal'

export interface DialogSpec {
  title: string
  body?: ReactNode
  /** With a label, the dialog asks for text; without, it only confirms. */
  input?: { label: string; value: string }
  confirm: string
  /** The label of the button that dismisses the dialog (default Cancel). */
  cancel?: string
  danger?: boolean
  /** Runs after the dialog has closed and nothing waits for it: an async action voids its promise and reports its own errors. */
  onConfirm(value: string): void
  /** Called when the dialog is dismissed without confirming. */
  onCancel?(): void
}

/** A modal dialog (native prompt() does not exist in Electron): Enter confirms, Escape cancels. */
export function Dialog({ spec, onClose }: { spec: DialogSpec; onClose(): void }) {
  const [value, setValue] = useState(spec.input?.value ?? '')
  const submit = () => {
    if (spec.input && !value.trim()) return
    onClose()
    spec.onConfirm(value.trim())
  }
  const dismiss = () => {
    onClose()
    spec.onCancel?.()
  }
  return (
    <Modal labelledBy="dialog-title" onCancel={dismiss} onSubmit={submit}>
        <h2 id="dialog-title">{spec.title}</h2>
        {spec.body && <div className="modal-body">{spec.body}</div>}
        {spec.input && (
          <label className="field">
            <span>{spec.input.label}</span>
            <input autoFocus value={value} onChange={(e) => setValue(e.target.value)} />
          </label>
        )}
        <div className="modal-actions">
          <button type="button" onClick={dismiss}>
            {spec.cancel ?? 'Cancel'}
          </button>
          <button type="submit" className={spec.danger ? 'danger' : 'primary'} autoFocus={!spec.input}>
            {spec.confirm}
          </button>
        </div>
    </Modal>
  )
}
