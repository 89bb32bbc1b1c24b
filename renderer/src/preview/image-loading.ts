import { useEffect, useMemo, type RefObject } from 'react'
import { lastAtMost } from '../../../common/sorted'
import { previewBlocks } from './chunks'

/** How far beyond what shows images start loading, above and below, in heights of the preview. */
const ahead = 1.5

/**
 * Loads the preview's images near what it shows: each waiting image keeps its URL in
 * `data-src` (the pipeline's preview mode) until its block comes within `ahead` of view.
 * The blocks there are found by binary search on their offsets, so a scrolled frame reads
 * a handful of them however long the post. Returns how many images it started.
 */
export function loadImagesNear(preview: HTMLElement): number {
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
  return waiting.length
}

/**
 * Keeps the preview's images near view loaded: after it scrolls or resizes, at most once a
 * frame, and after its blocks change or more of them are shown, once that frame is painted
 * (its layout is then done: reading offsets before would add a layout to each keystroke).
 */
export function useImageLoading(previewRef: RefObject<HTMLElement | null>, blocks: unknown, shown: number): void {
  const { onScroll, afterPaint } = useMemo(() => {
    let pending = false
    const load = () => {
      pending = false
      if (previewRef.current) loadImagesNear(previewRef.current)
    }
    const once = (run: () => void) => () => {
      if (pending) return
      pending = true
      run()
    }
    return { onScroll: once(() => requestAnimationFrame(load)), afterPaint: once(() => requestAnimationFrame(() => setTimeout(load))) }
  }, [previewRef])

  useEffect(() => {
    const preview = previewRef.current
    if (!preview) return
    preview.addEventListener('scroll', onScroll, { passive: true })
    const resized = new ResizeObserver(onScroll)
    resized.observe(preview)
    return () => {
      preview.removeEventListener('scroll', onScroll)
      resized.disconnect()
    }
  }, [previewRef, onScroll])

  useEffect(afterPaint, [blocks, shown, afterPaint])
}
