import { basename, isAbsolute, relative, sep } from 'node:path'
import type { CallName, Handlers } from '../../common/api'
import { toUserError } from '../../common/errors'

/** What each call was doing, for `Could not <action> <post>: <why>.` */
const actions: Partial<Record<CallName, string>> = {
  getWorkspace: 'open the folder',
  openFolder: 'open the folder',
  listPosts: 'list the posts',
  readPost: 'open',
  savePost: 'save',
  savePostAs: 'save a new post beside',
  createPost: 'create the post',
  renamePost: 'rename',
  deletePost: 'move to the trash',
  importImages: 'import images into',
  listImages: 'list the images of',
  imageThumbnail: 'show an image of',
  renameImage: 'rename an image of',
  deleteImage: 'delete an image of',
  imageSizes: 'measure the images of',
  exportHtml: 'export',
  openExport: 'open the export',
  checkPost: 'check',
  storeRecovery: 'keep a recovery copy of',
  listRecoveries: 'look for unsaved text',
  discardRecovery: 'discard the recovery copy of'
}

/**
 * The file a failed call was about, as the user knows it: the post the call names, else the
 * path of the error relative to the opened folder (a path outside it shows only its name).
 */
function subjectOf(args: unknown[], error: unknown, root: string | null): string | undefined {
  if (typeof args[0] === 'string' && !isAbsolute(args[0])) return args[0]
  const path = (error as { path?: unknown } | null)?.path
  if (typeof path !== 'string') return undefined
  const rel = root ? relative(root, path) : ''
  return root && rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : basename(path)
}

/**
 * The handler table with every failure a UserError: raw Node errors (a realpath of a name
 * too long, a stat refused) become `Could not <action> <post>: <words>.`, naming the post
 * relative to the opened folder, so no absolute path or errno code reaches the user.
 */
export function withPlainErrors(handlers: Handlers, root: () => string | null): Handlers {
  const wrapped: Record<string, unknown> = {}
  for (const [name, handler] of Object.entries(handlers) as [CallName, (...args: unknown[]) => Promise<unknown>][]) {
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await handler(...args)
      } catch (error) {
        throw toUserError(error, { action: actions[name] ?? 'finish that', path: subjectOf(args, error, root()) })
      }
    }
  }
  return wrapped as unknown as Handlers
}
