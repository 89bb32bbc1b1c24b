import { memo, useEffect, useRef, useState } from 'react'
import type { GalleryImage, ImageGallery as Gallery, RenamedImage } from '../../../common/api'
import { altFromFileName, escapeAlt, stemOf } from '../../../common/images'
import { folio, messageOf } from '../folio'
import { Dialog, type DialogSpec } from '../Dialog'
import { ImageIcon, PencilIcon, TrashIcon } from '../Icons'
import { formatBytes, galleryImageType, imageCount } from './import-helpers'
import './images.css'

interface ImageGalleryProps {
  relPath: string
  /** The editor's text (references in unsaved text count). */
  text: string
  onJump(line: number): void
  /** An image was renamed and the saved post rewritten; the editor must follow. */
  onRenamed(relPath: string, renamed: RenamedImage): void
  /** Inserts markdown at the editor's cursor. */
  onInsert(markdown: string): void
}

const markdownFor = (image: GalleryImage): string => `![${escapeAlt(altFromFileName(image.name))}](${image.link})`

/** A thumbnail fetched when it scrolls into view (imageThumbnail is cached on disk, but a post may have hundreds). */
function Thumbnail({ relPath, image }: { relPath: string; image: GalleryImage }) {
  const ref = useRef<HTMLDivElement>(null)
  const [src, setSrc] = useState<string | null>(null)
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    const element = ref.current
    if (!element) return
    let live = true
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return
        observer.disconnect()
        folio.imageThumbnail(relPath, image.name).then(
          (url) => live && setSrc(url),
          () => live && setFailed(true)
        )
      },
      { rootMargin: '200px' }
    )
    observer.observe(element)
    return () => {
      live = false
      observer.disconnect()
    }
  }, [relPath, image.name])
  return (
    <div
      ref={ref}
      className={`gallery-thumb${failed ? ' failed' : ''}`}
      draggable
      title="Drag into the post to insert it"
      onDragStart={(event) => {
        event.dataTransfer.setData(galleryImageType, JSON.stringify({ link: image.link, alt: altFromFileName(image.name) }))
        event.dataTransfer.setData('text/plain', markdownFor(image))
        event.dataTransfer.effectAllowed = 'copy'
      }}
    >
      {src ? <img src={src} alt="" draggable={false} /> : <ImageIcon />}
    </div>
  )
}

const decodeLink = (link: string): string => {
  try {
    return decodeURIComponent(link)
  } catch {
    return link
  }
}

/** A path inside the image folder by its file name (the folder is shown above); others in full. */
const shortPath = (path: string, folder: string): string => (path.startsWith(`${folder}/`) ? path.slice(folder.length + 1) : path)

function LineLinks({ lines, onJump }: { lines: number[]; onJump(line: number): void }) {
  return (
    <span className="line-links">
      {lines.length === 1 ? 'Line' : 'Lines'}{' '}
      {lines.map((line, i) => (
        <span key={line}>
          {i > 0 && ', '}
          <button className="line-link" onClick={() => onJump(line)} aria-label={`Go to line ${line}`}>
            {line}
          </button>
        </span>
      ))}
    </span>
  )
}

/**
 * The Images tab: every file of the post's image folder with its thumbnail, size,
 * dimensions and the lines that use it; unused files marked (and deletable), references to
 * missing files listed. Thumbnails drag into the editor or the preview; files can be renamed
 * (the post's references follow). Refreshes a moment after the text changes.
 */
export const ImageGallery = memo(function ImageGallery({ relPath, text, onJump, onRenamed, onInsert }: ImageGalleryProps) {
  const [gallery, setGallery] = useState<{ relPath: string; data: Gallery } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [version, setVersion] = useState(0)
  const [dialog, setDialog] = useState<DialogSpec | null>(null)
  const data = gallery?.relPath === relPath ? gallery.data : null

  useEffect(() => {
    let live = true
    const timer = window.setTimeout(
      () =>
        folio.listImages(relPath, text).then(
          (found) => live && setGallery({ relPath, data: found }),
          (e: unknown) => live && setError(messageOf(e))
        ),
      250
    )
    return () => {
      live = false
      window.clearTimeout(timer)
    }
  }, [relPath, text, version])

  const refresh = () => setVersion((v) => v + 1)
  const fail = (e: unknown) => setError(messageOf(e))

  const rename = (image: GalleryImage) =>
    setDialog({
      title: `Rename ${image.name}`,
      body: <p>The name is made lowercase kebab-case and keeps its extension. The post’s references follow the new name.</p>,
      input: { label: 'New name', value: stemOf(image.name) },
      confirm: 'Rename',
      onConfirm: (name) =>
        void folio.renameImage(relPath, image.name, name).then((renamed) => {
          setError(null)
          onRenamed(relPath, renamed)
          refresh()
        }, fail)
    })

  const remove = (image: GalleryImage) =>
    setDialog({
      title: `Move “${image.name}” to the trash?`,
      body: <p>The post does not use it. You can restore it from the system trash.</p>,
      confirm: 'Move to Trash',
      danger: true,
      onConfirm: () =>
        void folio.deleteImage(relPath, image.name, text).then(() => {
          setError(null)
          refresh()
        }, fail)
    })

  const unused = data?.images.filter((image) => image.lines.length === 0).length ?? 0
  return (
    <div className="gallery" aria-label="Images" aria-busy={!data}>
      {error && (
        <div className="gallery-error" role="alert">
          <span>{error}</span>
          <button className="icon" aria-label="Dismiss" onClick={() => setError(null)}>
            ✕
          </button>
        </div>
      )}
      {data && (
        <div className="gallery-head">
          <span className="gallery-folder" title={data.folder}>
            {data.folder}/
          </span>
          <span className="gallery-counts">
            {imageCount(data.images.length)}
            {unused > 0 && <span className="gallery-count-unused"> · {unused} unused</span>}
            {data.broken.length > 0 && <span className="gallery-count-broken"> · {data.broken.length} missing</span>}
          </span>
        </div>
      )}
      {data && data.broken.length > 0 && (
        <section className="gallery-broken" aria-label="Missing images">
          <h3>Missing files</h3>
          <ul>
            {data.broken.map((ref) => (
              <li key={ref.link}>
                <span className="broken-link" title={decodeLink(ref.link)}>
                  {shortPath(decodeLink(ref.link), data.folder)}
                </span>
                <LineLinks lines={ref.lines} onJump={onJump} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {data && data.images.length === 0 && (
        <p className="gallery-empty">
          No images yet. Drop photos on the editor or the preview, paste one, or use <strong>Insert Image</strong> (Ctrl+Shift+I).
        </p>
      )}
      {data && data.images.length > 0 && (
        <ul className="gallery-list">
          {data.images.map((image) => {
            const orphan = image.lines.length === 0
            return (
              <li key={`${image.name}:${image.mtimeMs}:${image.size}`} className={`gallery-item${orphan ? ' orphan' : ''}`} data-name={image.name}>
                <Thumbnail relPath={relPath} image={image} />
                <div className="gallery-info">
                  <div className="gallery-name" title={image.name}>
                    {image.name}
                  </div>
                  <div className="gallery-meta">
                    {image.width && image.height ? `${image.width} × ${image.height} · ` : 'Not readable · '}
                    {formatBytes(image.size)}
                  </div>
                  <div className="gallery-uses">{orphan ? <span className="badge unused">Unused</span> : <LineLinks lines={image.lines} onJump={onJump} />}</div>
                </div>
                <div className="gallery-actions">
                  <button className="icon" title="Insert at the cursor" aria-label={`Insert ${image.name}`} onClick={() => onInsert(markdownFor(image))}>
                    <ImageIcon />
                  </button>
                  <button className="icon" title="Rename" aria-label={`Rename ${image.name}`} onClick={() => rename(image)}>
                    <PencilIcon />
                  </button>
                  {orphan && (
                    <button className="icon" title="Move to the trash" aria-label={`Move ${image.name} to the trash`} onClick={() => remove(image)}>
                      <TrashIcon />
                    </button>
                  )}
                </div>
              </li>
            )
          })}
        </ul>
      )}
      {dialog && <Dialog spec={dialog} onClose={() => setDialog(null)} />}
    </div>
  )
})
