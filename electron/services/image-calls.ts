import { join } from 'node:path'
import type { EventName, EventPayloads, Handlers } from '../../common/api'
import { deleteImage, imageSizes, imageThumbnail, listImages, renameImage } from './gallery'
import { importImages } from './images'

/** What the image calls need from the host (a subset of HandlerDeps). */
export interface ImageCallDeps {
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void
  /** Moves a file to the system trash. */
  trash(path: string): Promise<void>
  /** Folder for gallery thumbnails; `<opened folder>/.folio/thumbs` when not given. */
  thumbnailDir?: string
}

type ImageCalls = 'importImages' | 'cancelImport' | 'listImages' | 'imageThumbnail' | 'renameImage' | 'deleteImage' | 'imageSizes'

/**
 * The image calls of the handler table: import (progress as `importProgress` events,
 * cancelled by `cancelImport`) and the gallery.
 */
export function createImageCalls(deps: ImageCallDeps, requireRoot: () => string): Pick<Handlers, ImageCalls> {
  const running = new Set<AbortController>()
  return {
    async importImages(relPath, sources, options) {
      const controller = new AbortController()
      running.add(controller)
      try {
        return await importImages(requireRoot(), relPath, sources, {
          ...options,
          signal: controller.signal,
          onProgress: (progress) => deps.emit('importProgress', progress)
        })
      } finally {
        running.delete(controller)
      }
    },
    async cancelImport() {
      for (const controller of running) controller.abort()
    },
    async listImages(relPath, text) {
      return listImages(requireRoot(), relPath, text)
    },
    async imageThumbnail(relPath, name) {
      const root = requireRoot()
      return imageThumbnail(root, relPath, name, deps.thumbnailDir ?? join(root, '.folio', 'thumbs'))
    },
    async renameImage(relPath, name, newName) {
      return renameImage(requireRoot(), relPath, name, newName)
    },
    async deleteImage(relPath, name, text) {
      await deleteImage(requireRoot(), relPath, name, deps.trash, text)
    },
    async imageSizes(relPath, text) {
      return imageSizes(requireRoot(), relPath, text)
    }
  }
}
