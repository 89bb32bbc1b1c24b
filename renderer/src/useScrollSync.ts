import { useCallback, useEffect, useRef, type RefObject } from 'react'
import type { EditorHandle } from './editor/handle'
import { syncEditorToPreview, syncPreviewToEditor } from './scroll-sync-dom'

/**
 * How long, in ms, a pane that sync has just moved is left to settle: its scroll events
 * meanwhile are taken as the echo of that move. CodeMirror measures the lines it scrolled
 * to in the frames after, and corrects its scroll position where its estimated heights were
 * off; synced back, each correction moved the pane the user had scrolled, and the two
 * panes could chase each other to the end of the post.
 */
const settle = 150

/** Where sync last moved a pane, and until when its scroll events are that move's echo. */
interface Moved {
  top: number | null
  until: number
}

/** Whether this scroll event of a pane is the echo of sync moving it (and forgets a matched position). */
function isEcho(moved: Moved, top: number): boolean {
  if (performance.now() < moved.until) return true
  const echo = moved.top !== null && Math.abs(top - moved.top) < 2
  moved.top = null
  return echo
}

/** Records that sync moved a pane to `top` (null: it was already there). */
function record(moved: Moved, top: number | null): void {
  if (top === null) return
  moved.top = top
  moved.until = performance.now() + settle
}

/**
 * Editor and preview scroll together, each following the other. Where and when sync last
 * moved each pane is remembered, so the scroll events that move causes are not synced back
 * (an echo). Returns what to call with each new editor; the preview is followed while
 * `previewKey` (the open post and whether the preview shows) stays the same.
 */
export function useScrollSync(editorRef: RefObject<EditorHandle | null>, previewRef: RefObject<HTMLElement | null>, previewKey: unknown): (editor: EditorHandle) => void {
  const moved = useRef<{ editor: Moved; preview: Moved }>({ editor: { top: null, until: 0 }, preview: { top: null, until: 0 } })

  useEffect(() => {
    const preview = previewRef.current
    if (!preview) return
    const onScroll = () => {
      if (isEcho(moved.current.preview, preview.scrollTop) || !editorRef.current) return
      record(moved.current.editor, syncEditorToPreview(editorRef.current, preview))
    }
    preview.addEventListener('scroll', onScroll)
    return () => preview.removeEventListener('scroll', onScroll)
  }, [editorRef, previewRef, previewKey])

  return useCallback(
    (editor: EditorHandle) => {
      // Not removed: the listener goes with the editor's DOM when the post is switched.
      editor.onScroll(() => {
        if (isEcho(moved.current.editor, editor.scrollTop())) return
        record(moved.current.preview, syncPreviewToEditor(editor, previewRef.current))
      })
    },
    [previewRef]
  )
}
