import { useEffect, useRef, type RefObject } from 'react'
import { lastAtMost } from '../../../common/sorted'
import { previewBlocks } from '../scroll-sync-dom'

/** How far beyond what shows images start loading, above and below, in heights of the preview. */
const ahead = 1.5

/**
 * Loads the preview's images near what it shows: each waiting image keeps its URL in
 * `data-src` (the pipeline's preview mode) until its block comes within `ahead` of view.
 * The blocks there are found by binary search on their offsets, so a scrolled frame reads
 * a handful of them however long the post.
 */
export function loadImagesNear(preview: HTMLElement): void {
  const { count, block } = previewBlocks(preview)
  const margin = preview.clientHeight * ahead
  const top = preview.scrollTop - margin
  const bottom = preview.scrollTop + preview.clientHeight + margin
  const waiting: HTMLImageElement[] = []
  for (let i = Math.max(0, lastAtMost(count, (i) => block(i).offsetTop, top)); i < count && block(i).offsetTop <= bottom; i++) {
    waiting.push(...block(i).querySelectorAll<HTMLImageElement>('img[data-src]'))
  }
  // Set apart from the reads above, so no offset is read after a change.
  for (const img of waiting) {
    img.src = img.dataset.src!
    img.removeAttribute('data-src')
  }
}

/**
 * Keeps the preview's images near view loaded: after it scrolls or resizes, at most once a
 * frame, and after its blocks change or more of them are shown, once that frame is painted
 * (its layout is then done: reading offsets before would add a layout to each keystroke).
 */
export function useImageLoading(previewRef: RefObject<HTMLElement | null>, blocks: unknown, shown: number): void {
  const afterPaint = useRef(() => {})

  useEffect(() => {
    const preview = previewRef.current
    if (!preview) return
    let pending = false
    let frame = 0
    let timer = 0
    const load = () => {
      pending = false
      loadImagesNear(preview)
    }
    const schedule = (painted: boolean) => {
      if (pending) return
      pending = true
      frame = requestAnimationFrame(() => (painted ? (timer = window.setTimeout(load)) : load()))
    }
    const onScroll = () => schedule(false)
    preview.addEventListener('scroll', onScroll, { passive: true })
    const resized = new ResizeObserver(onScroll)
    resized.observe(preview)
    afterPaint.current = () => schedule(true)
    return () => {
      preview.removeEventListener('scroll', onScroll)
      resized.disconnect()
      cancelAnimationFrame(frame)
      window.clearTimeout(timer)
      afterPaint.current = () => {}
    }
  }, [previewRef])

  useEffect(() => afterPaint.current(), [blocks, shown])
}
