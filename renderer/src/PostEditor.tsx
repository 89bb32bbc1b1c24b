import { memo, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react'
import { useCodeMirror } from '@uiw/react-codemirror'
import { historyField } from '@codemirror/commands'
import { EditorView, type ViewUpdate } from '@codemirror/view'
import { imageDrop, type ImageDropHandler } from './editor/image-drop'
import { postEditorExtensions } from './editor/extensions'
import { focusGuard } from './editor/focus-order'
import { editorHandle, type EditorHandle } from './editor/handle'
import type { EditorSnapshot } from './posts/buffer-ports'

interface PostEditorProps {
  /** The text the editor starts with (the snapshot's text when there is one). */
  initialText: string
  snapshot: EditorSnapshot | undefined
  lineNumbers: boolean
  /** The editor was created: the handle is what the app works with; the view is for usePostBuffers alone, until it takes the handle. */
  onCreate(editor: EditorHandle, view: EditorView): void
  onUpdate(update: ViewUpdate): void
  /** What happens to images dropped or pasted on the editor; keep it stable, a new one reconfigures the editor. */
  imageHandler?: ImageDropHandler
}

/** Fields kept in a snapshot besides the document and selection. */
export const snapshotFields = { history: historyField }

const theme = EditorView.theme({
  '&': { height: '100%', backgroundColor: 'var(--editor-bg)', color: 'var(--text)' },
  // A readable line length on wide screens, as Obsidian and iA Writer keep it.
  '.cm-content': { fontFamily: 'var(--editor-font)', fontSize: '15px', lineHeight: '1.65', padding: '18px 0 40vh', caretColor: 'var(--accent)', maxWidth: '92ch', margin: '0 auto' },
  '.cm-line': { padding: '0 28px' },
  '.cm-gutters': { backgroundColor: 'var(--editor-bg)', color: 'var(--muted)', border: 'none' },
  '.cm-activeLine': { backgroundColor: 'var(--active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--active-line)' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground, ::selection': { backgroundColor: 'var(--selection) !important' },
  '.cm-cursor': { borderLeftColor: 'var(--accent)', borderLeftWidth: '2px' },
  '.cm-draft-note': { backgroundColor: 'var(--note-bg)' },
  '.cm-panels': { backgroundColor: 'var(--panel)', color: 'var(--text)' },
  '.cm-searchMatch': { backgroundColor: 'var(--search-match)' },
  '&.cm-focused': { outline: 'none' }
})

/**
 * The element CodeMirror is mounted in: outside React's root (`#editor-layer` in
 * index.html), laid over the editor pane's slot by CSS anchor positioning. React listens
 * for every event type at its root, and an `input` listener anywhere on the path of
 * CodeMirror's events costs each keystroke about 4 ms in Chromium (docs/performance.md).
 */
function useEditorHost(slot: RefObject<HTMLElement | null>): HTMLDivElement {
  const [elements] = useState(() => {
    const host = document.createElement('div')
    host.className = 'editor-host'
    host.id = 'post-editor-host' // owned by the editor pane, for assistive technology
    // Focus leaving the editor goes on from its slot (editor/focus-order.ts).
    return [focusGuard(() => slot.current, true), host, focusGuard(() => slot.current, false)] as const
  })
  useLayoutEffect(() => {
    ;(document.getElementById('editor-layer') ?? document.body).append(...elements)
    return () => elements.forEach((element) => element.remove())
  }, [elements])
  return elements[1]
}

/**
 * CodeMirror 6 for one post. The app mounts one per open post (keyed by path) and hands
 * back the snapshot taken when it was last shown, so its undo history comes back too.
 */
export const PostEditor = memo(function PostEditor({ initialText, snapshot, lineNumbers, onCreate, onUpdate, imageHandler }: PostEditorProps) {
  const slot = useRef<HTMLDivElement>(null)
  // Save and the app's other keys are not here: the window's one listener takes them (commands.ts).
  const extensions = useMemo(() => [theme, ...postEditorExtensions(), ...(imageHandler ? [imageDrop(imageHandler)] : [])], [imageHandler])
  const host = useEditorHost(slot)
  const { view } = useCodeMirror({
    container: host,
    value: initialText,
    initialState: snapshot ? { json: snapshot, fields: snapshotFields } : undefined,
    height: '100%',
    theme: 'none',
    autoFocus: true,
    extensions,
    basicSetup: { lineNumbers, foldGutter: false, highlightActiveLine: true, highlightActiveLineGutter: lineNumbers, autocompletion: false, searchKeymap: true },
    onCreateEditor: (view) => onCreate(editorHandle(view), view),
    onUpdate
  })
  // The slot holds the editor's place in the pane, and in the Tab order; the host is laid over it.
  return <div ref={slot} className="editor editor-slot" tabIndex={0} onFocus={() => view?.focus()} />
})
