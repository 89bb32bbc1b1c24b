import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type RefObject } from 'react'
import type { ImportSource, ImportSummary } from '../../../common/api'
import { imageMarkdown } from '../../../common/images'
import type { Heading } from '../../../common/outline'
import { folio, messageOf } from '../folio'
import { useCommand } from '../commands'
import type { ImageDropHandler } from '../editor/image-drop'
import type { EditorHandle } from '../editor/handle'
import type { EditorText } from '../editor/text'
import { carriesImages, galleryMarkdown, headingForLine, importSources } from './import-helpers'
import type { ImportState } from './ImportStatus'

/** The contract takes at most this many sources per call; bigger drops go in batches. */
const batchSize = 1000

/** Where a drop on the preview goes: before the block dropped on (upper half) or before the next one (lower half); else the cursor. */
function previewDropPos(doc: EditorText, target: EventTarget | null, clientY: number, cursor: number): { pos: number; block: HTMLElement | null; after: boolean } {
  const block = target instanceof Element ? target.closest<HTMLElement>('.block[data-line]') : null
  if (!block) return { pos: cursor, block: null, after: false }
  const rect = block.getBoundingClientRect()
  const after = clientY > rect.top + rect.height / 2
  const lineStart = (line: number) => doc.line(Math.min(Math.max(1, line), doc.lines)).from
  if (!after) return { pos: lineStart(Number(block.dataset.line)), block, after }
  let next = block.nextElementSibling
  while (next && !(next instanceof HTMLElement && next.dataset.line)) next = next.nextElementSibling
  return { pos: next instanceof HTMLElement ? lineStart(Number(next.dataset.line)) : doc.length, block, after }
}

/** Imports the sources in batches; the summaries are merged, and a cancel stops the rest. */
async function importAll(relPath: string, sources: ImportSource[], heading: string | null, cancelled: () => boolean): Promise<ImportSummary> {
  const all: ImportSummary = { imported: [], skipped: [] }
  for (let i = 0; i < sources.length; i += batchSize) {
    if (cancelled()) return { ...all, cancelled: true }
    const summary = await folio.importImages(relPath, sources.slice(i, i + batchSize), { heading })
    all.imported.push(...summary.imported)
    all.skipped.push(...summary.skipped)
    if (summary.cancelled) return { ...all, cancelled: true }
  }
  return all
}

interface ImageImportOptions {
  relPath: string | null
  /** The rendered post's headings; null while its render is not in yet. */
  headings: readonly Heading[] | null
  editorRef: RefObject<EditorHandle | null>
}

/**
 * Getting photos into the open post: drops and pastes on the editor (as a CodeMirror
 * extension), drops on the preview, and the Insert Image command. Imports run one after
 * another in the background; the editor stays usable and the links land where the images
 * were dropped. Returns the editor's drop handler, the preview's drop handlers, a way to insert
 * markdown at the cursor (the gallery's), and the state the progress strip shows.
 */
export function useImageImport({ relPath, headings, editorRef }: ImageImportOptions) {
  const [state, setState] = useState<ImportState | null>(null)
  const relPathRef = useRef(relPath)
  const headingsRef = useRef(headings)
  const queue = useRef<Promise<void>>(Promise.resolve())
  const generation = useRef(0)
  const running = useRef(false)
  const marked = useRef<HTMLElement | null>(null)

  useEffect(() => {
    relPathRef.current = relPath
    headingsRef.current = headings
  }, [relPath, headings])

  useEffect(
    () =>
      folio.on('importProgress', (progress) => {
        if (running.current) setState({ kind: 'running', ...progress })
      }),
    []
  )

  // A clean import needs no notice for long; one with skipped files stays until dismissed.
  useEffect(() => {
    if (state?.kind !== 'finished' || state.summary.skipped.length || state.summary.cancelled || !state.inserted) return
    const timer = window.setTimeout(() => setState((s) => (s === state ? null : s)), 5000)
    return () => window.clearTimeout(timer)
  }, [state])

  /** Queues an import whose links go to `pos` in `editor`, named after the heading above it. */
  const enqueue = useCallback((editor: EditorHandle, pos: number, sources: () => Promise<ImportSource[]>) => {
    const post = relPathRef.current
    if (!post) return setState({ kind: 'failed', message: 'Open a post first, then add images to it.' })
    const doc = editor.doc()
    const at = Math.min(pos, doc.length)
    const heading = headingForLine(headingsRef.current ?? editor.headingsBefore(at), doc.lineAt(at).number)
    const place = editor.reserve(pos)
    const ticket = generation.current
    queue.current = queue.current.then(async () => {
      if (ticket !== generation.current) return place.cancel()
      running.current = true
      setState({ kind: 'running', done: 0, total: 0, current: '' })
      try {
        const list = await sources()
        const summary = list.length ? await importAll(post, list, heading, () => ticket !== generation.current) : { imported: [], skipped: [] }
        const inserted = place.insert(imageMarkdown(summary))
        setState({ kind: 'finished', summary, inserted: inserted || !summary.imported.length })
      } catch (error) {
        place.cancel()
        setState({ kind: 'failed', message: messageOf(error) })
      } finally {
        running.current = false
      }
    })
  }, [])

  const importFiles = useCallback(
    (editor: EditorHandle, files: File[], pos: number) => enqueue(editor, pos, () => importSources(files, (file) => folio.pathForFile(file))),
    [enqueue]
  )

  /** Insert Image: pick files in the system dialog, import them at the cursor. */
  const pickImages = useCallback(() => {
    const editor = editorRef.current
    if (!editor || !relPathRef.current) return setState({ kind: 'failed', message: 'Open a post first, then add images to it.' })
    folio.pickImages().then(
      (paths) => {
        if (paths.length && editor.alive()) enqueue(editor, editor.cursor(), async () => paths.map((path) => ({ kind: 'path' as const, path })))
      },
      (error: unknown) => setState({ kind: 'failed', message: messageOf(error) })
    )
  }, [enqueue, editorRef])
  useCommand('insertImage', pickImages)

  const cancel = useCallback(() => {
    generation.current++
    void folio.cancelImport().catch(() => {})
  }, [])
  const dismiss = useCallback(() => setState(null), [])

  /** Inserts markdown (a gallery image) at the cursor, as its own paragraph. */
  const insertAtCursor = useCallback(
    (markdown: string) => {
      const editor = editorRef.current
      if (editor) editor.insertBlock(editor.cursor(), markdown)
    },
    [editorRef]
  )

  /** What the editor's imageDrop extension calls (PostEditor builds the extension from it). */
  const dropHandler = useMemo<ImageDropHandler>(() => ({ importFiles }), [importFiles])

  /** Drop handlers for the preview pane: a line marks where the images will go. */
  const previewDrop = useMemo(() => {
    const unmark = () => {
      marked.current?.classList.remove('drop-before', 'drop-after')
      marked.current = null
    }
    return {
      onDragOver(event: DragEvent) {
        const editor = editorRef.current
        if (!editor || !carriesImages([...event.dataTransfer.types])) return
        event.preventDefault()
        event.dataTransfer.dropEffect = 'copy'
        const { block, after } = previewDropPos(editor.doc(), event.target, event.clientY, 0)
        if (block !== marked.current) unmark()
        block?.classList.toggle('drop-after', after)
        block?.classList.toggle('drop-before', !after)
        marked.current = block
      },
      onDragLeave(event: DragEvent) {
        if (!(event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget))) unmark()
      },
      onDrop(event: DragEvent) {
        unmark()
        const editor = editorRef.current
        if (!editor || !carriesImages([...event.dataTransfer.types])) return
        event.preventDefault()
        const { pos } = previewDropPos(editor.doc(), event.target, event.clientY, editor.cursor())
        const markdown = galleryMarkdown(event.dataTransfer)
        if (markdown) return editor.insertBlock(pos, markdown)
        const files = [...event.dataTransfer.files]
        if (files.length) importFiles(editor, files, pos)
      }
    }
  }, [importFiles, editorRef])

  return { dropHandler, previewDrop, insertAtCursor, status: { state, onCancel: cancel, onDismiss: dismiss } }
}
