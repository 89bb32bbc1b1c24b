import { useState } from 'react'
import { Modal } from '../Modal'

/** How to export: the `exportHtml` call's options, as the dialog last left them. */
export interface ExportChoice {
  singleFile: boolean
  /** Single file only: photos wider than this are scaled down; null keeps them as they are. */
  maxImageWidth: number | null
}

const key = 'folio.export'
const defaults: ExportChoice = { singleFile: false, maxImageWidth: null }

/** The choice made last time (kept in localStorage), or the defaults. */
export function loadExportChoice(): ExportChoice {
  try {
    const stored = JSON.parse(localStorage.getItem(key) ?? '{}') as Partial<ExportChoice>
    const width = stored.maxImageWidth
    return { singleFile: stored.singleFile === true, maxImageWidth: typeof width === 'number' && width >= 16 && width <= 20000 ? Math.round(width) : null }
  } catch {
    return defaults
  }
}

function storeExportChoice(choice: ExportChoice): void {
  try {
    localStorage.setItem(key, JSON.stringify(choice))
  } catch {
    // Not remembered this time; the export itself is unaffected.
  }
}

interface ExportDialogProps {
  postName: string
  /** The post has unsaved edits; they are saved first so the export matches the screen. */
  unsaved: boolean
  onExport(choice: ExportChoice): void
  onClose(): void
}

/** Asks for the form of an HTML export: a page with an images folder, or one self-contained file. */
export function ExportDialog({ postName, unsaved, onExport, onClose }: ExportDialogProps) {
  const [initial] = useState(loadExportChoice)
  const [singleFile, setSingleFile] = useState(initial.singleFile)
  const [limit, setLimit] = useState(initial.maxImageWidth !== null)
  const [width, setWidth] = useState(String(initial.maxImageWidth ?? 1600))
  const widthValue = Number(width)
  const widthOk = Number.isInteger(widthValue) && widthValue >= 16 && widthValue <= 20000
  const invalid = singleFile && limit && !widthOk
  const submit = () => {
    if (invalid) return
    const choice = { singleFile, maxImageWidth: limit && widthOk ? widthValue : null }
    storeExportChoice(choice)
    onClose()
    onExport(choice)
  }
  return (
    <Modal labelledBy="export-title" className="export-dialog" onCancel={onClose} onSubmit={submit}>
        <h2 id="export-title">Export HTML</h2>
        <p className="export-post">{postName}</p>
        <fieldset className="export-forms">
          <legend>Form</legend>
          <label className={`export-form${singleFile ? '' : ' chosen'}`}>
            <input type="radio" name="export-form" checked={!singleFile} onChange={() => setSingleFile(false)} />
            <span>
              <strong>Folder (page + images)</strong>
              <small>The page with its photos in a folder beside it, ready to upload or publish.</small>
            </span>
          </label>
          <label className={`export-form${singleFile ? ' chosen' : ''}`}>
            <input type="radio" name="export-form" checked={singleFile} onChange={() => setSingleFile(true)} />
            <span>
              <strong>Single file (images inlined)</strong>
              <small>One .html file with the photos inside, to email or archive.</small>
            </span>
          </label>
        </fieldset>
        <div className={`export-width${singleFile ? '' : ' disabled'}`}>
          <label>
            <input type="checkbox" checked={limit} disabled={!singleFile} onChange={(e) => setLimit(e.target.checked)} />
            Scale photos down to
          </label>
          <input
            type="number"
            aria-label="Maximum image width in pixels"
            min={16}
            max={20000}
            step={1}
            value={width}
            disabled={!singleFile || !limit}
            aria-invalid={invalid || undefined}
            onChange={(e) => setWidth(e.target.value)}
          />
          <span>px wide</span>
        </div>
        {unsaved && <p className="export-note">Your unsaved changes are saved first, so the export matches what you see.</p>}
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" autoFocus disabled={invalid}>
            Export…
          </button>
        </div>
    </Modal>
  )
}
