import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type RefObject } from 'react'
import type { Text } from '@codemirror/state'
import type { EditorView } from '@codemirror/view'
import type { ImportSummary } from '../../../common/api'
import { imageMarkdown } from '../../../common/images'
import type { Heading } from '../../../common/outline'
import { editorHeadings } from '../editor/headings'
import { folio, messageOf } from '../folio'
import { useCommand } from '../commands'
import type { ImageDropHandler } from '../editor/image-drop'
import { forgetInsertPoint, insertAtPoint, insertImageBlock, trackInsertPoint } from '../editor/insert-points'
import { carriesImages, galleryMarkdown, headingForLine, importSources, type ImportSource } from './import-helpers'
import type { ImportState } from './ImportStatus'

/** The contract takes at most this many sources per call; bigger drops go in batches. */
const batchSize = 1000

/** Where a drop on the preview goes: before the block dropped on (upper half) or before the next one (lower half); else the cursor. */
function previewDropPos(doc: Text, target: EventTarget | null, clientY: number, cursor: number): { pos: number; block: HTMLElement | null; after: boolean } {
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

const isAlive = (view: EditorView): boolean => view.dom.isConnected

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
  viewRef: RefObject<EditorView | null>
}

/**
 * Getting photos into the open post: drops and pastes on the editor (as a CodeMirror
 * extension), drops on the preview, and the Insert Image command. Imports run one after
 * another in the background; the editor stays usable and the links land where the images
 * were dropped. Returns the editor's drop handler, the preview's drop handlers, a way to insert
 * markdown at the cursor (the gallery's), and the state the progress strip shows.
 */
export function useImageImport({ relPath, headings, viewRef }: ImageImportOptions) {
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

  /** Queues an import whose links go to `pos` in `view`, named after the heading above it. */
  const enqueue = useCallback((view: EditorView, pos: number, sources: () => Promise<ImportSource[]>) => {
    const post = relPathRef.current
    if (!post) return setState({ kind: 'failed', message: 'Open a post first, then add images to it.' })
    const at = Math.min(pos, view.state.doc.length)
    const heading = headingForLine(headingsRef.current ?? editorHeadings(view.state, at), view.state.doc.lineAt(at).number)
    const id = trackInsertPoint(view, pos)
    const ticket = generation.current
    queue.current = queue.current.then(async () => {
      if (ticket !== generation.current) return void (isAlive(view) && forgetInsertPoint(view, id))
      running.current = true
      setState({ kind: 'running', done: 0, total: 0, current: '' })
      try {
        const list = await sources()
        const summary = list.length ? await importAll(post, list, heading, () => ticket !== generation.current) : { imported: [], skipped: [] }
        const spec = isAlive(view) ? insertAtPoint(view.state, id, imageMarkdown(summary)) : null
        if (spec) view.dispatch(spec)
        setState({ kind: 'finished', summary, inserted: Boolean(spec) || !summary.imported.length })
      } catch (error) {
        if (isAlive(view)) forgetInsertPoint(view, id)
        setState({ kind: 'failed', message: messageOf(error) })
      } finally {
        running.current = false
      }
    })
  }, [])

  const importFiles = useCallback(
    (view: EditorView, files: File[], pos: number) => enqueue(view, pos, () => importSources(files, (file) => folio.pathForFile(file))),
    [enqueue]
  )

  /** Insert Image: pick files in the system dialog, import them at the cursor. */
  const pickImages = useCallback(() => {
    const view = viewRef.current
    if (!view || !relPathRef.current) return setState({ kind: 'failed', message: 'Open a post first, then add images to it.' })
    folio.pickImages().then(
      (paths) => {
        if (paths.length && isAlive(view)) enqueue(view, view.state.selection.main.head, async () => paths.map((path) => ({ kind: 'path' as const, path })))
      },
      (error: unknown) => setState({ kind: 'failed', message: messageOf(error) })
    )
  }, [enqueue, viewRef])
  useCommand('insertImage', pickImages)

  const cancel = useCallback(() => {
    generation.current++
    void folio.cancelImport().catch(() => {})
  }, [])
  const dismiss = useCallback(() => setState(null), [])

  /** Inserts markdown (a gallery image) at the cursor, as its own paragraph. */
  const insertAtCursor = useCallback(
    (markdown: string) => {
      const view = viewRef.current
      if (view) insertImageBlock(view, view.state.selection.main.head, markdown)
    },
    [viewRef]
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
        const view = viewRef.current
        if (!view || !carriesImages([...event.dataTransfer.types])) return
        event.preventDefault()
        event.dataTransfer.dropEffect = 'copy'
        const { block, after } = previewDropPos(view.state.doc, event.target, event.clientY, 0)
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
        const view = viewRef.current
        if (!view || !carriesImages([...event.dataTransfer.types])) return
        event.preventDefault()
        const { pos } = previewDropPos(view.state.doc, event.target, event.clientY, view.state.selection.main.head)
        const markdown = galleryMarkdown(event.dataTransfer)
        if (markdown) return insertImageBlock(view, pos, markdown)
        const files = [...event.dataTransfer.files]
        if (files.length) importFiles(view, files, pos)
      }
    }
  }, [importFiles, viewRef])

  return { dropHandler, previewDrop, insertAtCursor, status: { state, onCancel: cancel, onDismiss: dismiss } }
}
