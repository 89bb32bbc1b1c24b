import { useCallback, useEffect, useRef, type RefObject } from 'react'
import type { EditorView } from '@codemirror/view'
import { syncEditorToPreview, syncPreviewToEditor } from './scroll-sync-dom'

/**
 * Editor and preview scroll together, each following the other. Where sync last moved each
 * pane is remembered, so the scroll event that move causes is not synced back (an echo).
 * Returns what to call with each new editor; the preview is followed while `previewKey`
 * (the open post and whether the preview shows) stays the same.
 */
export function useScrollSync(viewRef: RefObject<EditorView | null>, previewRef: RefObject<HTMLElement | null>, previewKey: unknown): (view: EditorView) => void {
  const echo = useRef<{ editor: number | null; preview: number | null }>({ editor: null, preview: null })

  useEffect(() => {
    const preview = previewRef.current
    if (!preview) return
    const onScroll = () => {
      const mine = echo.current.preview
      echo.current.preview = null
      if (!viewRef.current || (mine !== null && Math.abs(preview.scrollTop - mine) < 2)) return
      echo.current.editor = syncEditorToPreview(viewRef.current, preview)
    }
    preview.addEventListener('scroll', onScroll)
    return () => preview.removeEventListener('scroll', onScroll)
  }, [viewRef, previewRef, previewKey])

  return useCallback(
    (view: EditorView) => {
      view.scrollDOM.addEventListener('scroll', () => {
        const mine = echo.current.editor
        echo.current.editor = null
        if (mine !== null && Math.abs(view.scrollDOM.scrollTop - mine) < 2) return
        echo.current.preview = syncPreviewToEditor(view, previewRef.current)
      })
    },
    [previewRef]
  )
}
