import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react'
import { imageReferences } from '../../../common/image-refs'
import { encodeLink } from '../../../common/images'
import { previewPart } from '../../../common/large-post'
import { folio } from '../folio'
import { sizeKeyFromSrc } from './import-helpers'

type Sizes = Record<string, { width: number; height: number }>

/** The sizes each preview image was last boxed with (or found to need no box with). */
const seenWith = new WeakMap<HTMLImageElement, object>()

/** The preview's images with a URL: loaded, or waiting to be (image-loading.ts). */
const images = 'img[src], img[data-src]'

/**
 * Fixed boxes for the preview's images, so the page does not jump as they load: the
 * display sizes of the post's images (imageSizes, asked again when the set of referenced
 * images changes, not on every keystroke) become `width`
 * and `height` attributes, which the browser turns into an aspect ratio before the file
 * arrives. Images whose author gave a size keep it. Images get their boxes before they are
 * painted, however they enter the preview.
 */
export function usePreviewImageBoxes(previewRef: RefObject<HTMLElement | null>, relPath: string | null, text: string, blocks: unknown, shown: boolean): void {
  const [sizes, setSizes] = useState<{ relPath: string; sizes: Sizes } | null>(null)
  const fetchedFor = useRef<string | null>(null)
  const askedWith = useRef<string | null>(null)

  useEffect(() => {
    if (!relPath || !shown) return
    // At once for a newly opened post; after a pause in typing otherwise.
    const delay = fetchedFor.current === relPath ? 400 : 0
    if (fetchedFor.current !== relPath) askedWith.current = null
    fetchedFor.current = relPath
    const timer = window.setTimeout(() => {
      // The previewed part's image references as a small text, found after the pause (a long post takes
      // the finder some milliseconds): typing that adds or removes none asks nothing.
      const references = [...new Set(imageReferences(previewPart(text).text).flatMap((ref) => (ref.path ? [ref.path] : [])))].map((path) => `![](${encodeLink(path)})`).join('\n')
      if (references === askedWith.current) return
      askedWith.current = references
      folio.imageSizes(relPath, references).then(
        // Only the latest question's answer counts (typing goes on while it is asked).
        (found) => askedWith.current === references && fetchedFor.current === relPath && setSizes({ relPath, sizes: found }),
        () => {
          askedWith.current = null
        }
      )
    }, delay)
    return () => window.clearTimeout(timer)
  }, [relPath, text, shown])

  useLayoutEffect(() => {
    const root = previewRef.current
    if (!root || !relPath || sizes?.relPath !== relPath) return
    const box = (img: HTMLImageElement) => {
      // Each change of the blocks looks at every image again: one seen with these sizes is done.
      if (seenWith.get(img) === sizes) return
      seenWith.set(img, sizes)
      if (!img.dataset.box && (img.hasAttribute('width') || img.hasAttribute('height'))) return
      const key = sizeKeyFromSrc(img.getAttribute('src') ?? img.dataset.src ?? '', folio.imageBase, relPath)
      const size = key ? sizes.sizes[key] : undefined
      if (!size || img.dataset.box === `${size.width}x${size.height}`) return
      img.setAttribute('width', String(size.width))
      img.setAttribute('height', String(size.height))
      img.dataset.box = `${size.width}x${size.height}`
    }
    root.querySelectorAll<HTMLImageElement>(images).forEach(box)
    // A long post's blocks enter the page a slice a frame: box their images as they arrive
    // (a MutationObserver runs before the frame is painted).
    const observer = new MutationObserver((records) => {
      for (const record of records)
        for (const node of record.addedNodes) if (node instanceof Element) node.querySelectorAll<HTMLImageElement>(images).forEach(box)
    })
    observer.observe(root, { childList: true, subtree: true })
    return () => observer.disconnect()
  }, [previewRef, relPath, sizes, blocks, shown])
}
