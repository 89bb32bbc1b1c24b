import { randomUUID } from 'node:crypto'
import { realpath, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { EventName, EventPayloads, Handlers, Workspace } from '../../common/api'
import type { Settings } from '../../common/settings'
import { UserError } from './text-file'
import { createPost, deletePostFile, listPosts, readPost, renamePost, savePost, savePostAs, type PostCache } from './workspace'
import { withPlainErrors } from './call-errors'
import { watchFolder } from './watch'
import { checkPostInFolder } from './check-files'
import { createExportCalls } from './export-calls'
import { createImageCalls } from './image-calls'
import { discardRecovery, forgetRecovery, listRecoveries, moveRecovery, restoreDiscarded, writeRecovery } from './recovery'
import { listDiscarded } from './recovery-trash'
import { createSettingsStore, settingsFile } from './settings'
import { largestCheckedPost, tooLargeToCheck } from '../../common/large-post'
import { isExternalLink } from '../../common/links'

/**
 * What the handler table needs from its host. Electron passes native dialogs, the shell and
 * webContents.send; the Playwright harness and tests pass plain functions. Paths picked here
 * are the only paths outside the opened folder Folio ever touches.
 */
export interface HandlerDeps {
  /** Asks the user for a folder to open; null when cancelled. */
  pickFolder(): Promise<string | null>
  /** Asks the user for image files to insert; [] when cancelled. */
  pickImages(): Promise<string[]>
  /**
   * Asks where to save an exported page (`<name>.html`; the folder form puts `<name>-images/`
   * beside it); null when cancelled. The dialog confirms replacing an existing file.
   */
  pickExportPath(defaultName: string, singleFile: boolean): Promise<string | null>
  /** Shows a file in the system file manager (after an export). */
  showItemInFolder?(path: string): void
  /** Opens a file with its default application; resolves to an error message, '' on success. */
  openPath?(path: string): Promise<string>
  /** Folio's resources folder (export theme); found next to the code when not given. */
  resourcesDir?: string
  /** Moves a file or folder to the system trash. */
  trash(path: string): Promise<void>
  /** Folder for image gallery thumbnails (an OS cache folder); `<opened folder>/.folio/thumbs` when not given. */
  thumbnailDir?: string
  openExternal(url: string): Promise<void>
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void
  /** Remembers the opened folder for the next start. */
  rememberFolder?(root: string): Promise<void>
  /** The app's data folder; unsaved text is kept under it. Without it recovery is off (calls do nothing). */
  dataDir?: string
  /** The renderer reported whether it holds unsaved changes, and in which post (the close prompt depends on it). */
  setDirty?(dirty: boolean, relPath: string | null): void
  /** The clock (ms since the epoch) for recovery copies and their trash; Date.now when not given. */
  now?(): number
  /** The settings changed (the host updates its menu); the renderer hears of it by the settingsChanged event. */
  settingsChanged?(settings: Settings): void
}

/** The handler table and the state behind it: the one opened folder. */
export interface FolioService {
  handlers: Handlers
  /** Opens a folder without a dialog (start-up, tests); returns its workspace. */
  open(root: string): Promise<Workspace>
  /** The opened folder, or null. */
  root(): string | null
  dispose(): Promise<void>
}

/** Builds the handler table the IPC layer and the test harness both register. */
export function createFolioService(deps: HandlerDeps): FolioService {
  let root: string | null = null
  let stopWatching: (() => Promise<void>) | null = null
  /** The open folder's post summaries: a save or outside change re-reads only the posts it touched. */
  let postCache: PostCache = new Map()
  const listOpenPosts = (folder: string) => listPosts(folder, postCache)
  const now = deps.now ?? Date.now
  /** This run of the app, written into its recovery copies so a later run can tell them from its own. */
  const run = randomUUID()
  /** Posts (root\0relPath) this run has kept a recovery copy of: only the first write looks for an earlier run's copy. */
  const claimed = new Set<string>()
  const settings = createSettingsStore(deps.dataDir ? settingsFile(deps.dataDir) : null)

  const requireRoot = (): string => {
    if (!root) throw new UserError('No folder is open.', 'invalid')
    return root
  }

  const open = async (folder: string): Promise<Workspace> => {
    const real = await realpath(folder).catch(() => {
      throw new UserError(`The folder “${basename(folder)}” does not exist.`, 'not-found')
    })
    if (!(await stat(real)).isDirectory()) throw new UserError(`“${basename(folder)}” is not a folder.`, 'invalid')
    await stopWatching?.()
    root = real
    postCache = new Map()
    const opened = real
    stopWatching = watchFolder(opened, (change) => {
      // A batch from a folder that is no longer open says nothing about the open one.
      if (root !== opened) return
      void listOpenPosts(opened).then((posts) => root === opened && deps.emit('postsChanged', { posts }), () => undefined)
      for (const item of change.changed) deps.emit('postChangedOnDisk', item)
    })
    await deps.rememberFolder?.(real)
    return { root: real, name: basename(real), posts: await listOpenPosts(real) }
  }

  const handlers: Handlers = {
    async getWorkspace() {
      return root ? { root, name: basename(root), posts: await listOpenPosts(root) } : null
    },
    async openFolder() {
      const picked = await deps.pickFolder()
      return picked ? open(picked) : null
    },
    async listPosts() {
      return listOpenPosts(requireRoot())
    },
    async readPost(relPath) {
      return readPost(requireRoot(), relPath)
    },
    async savePost(relPath, options) {
      const saved = await savePost(requireRoot(), relPath, options)
      // Saved text needs no recovery copy (it is on disk, so not to the trash either); failing to forget one must not fail the save.
      if (deps.dataDir) await forgetRecovery(deps.dataDir, requireRoot(), relPath).catch(() => undefined)
      return saved
    },
    async savePostAs(relPath, name, options) {
      const saved = await savePostAs(requireRoot(), relPath, name, options)
      // The text the post could not take now lives in the new post: no recovery copy is needed for it.
      if (deps.dataDir) await discardRecovery(deps.dataDir, requireRoot(), relPath).catch(() => undefined)
      return saved
    },
    async createPost(title) {
      return createPost(requireRoot(), title)
    },
    async renamePost(relPath, newName) {
      const renamed = await renamePost(requireRoot(), relPath, newName)
      if (deps.dataDir) await moveRecovery(deps.dataDir, requireRoot(), relPath, renamed.relPath).catch(() => undefined)
      return renamed
    },
    async deletePost(relPath) {
      await deletePostFile(requireRoot(), relPath, deps.trash)
      // Unsaved text of a deleted post is not in the system trash with the file: keep it in ours.
      if (deps.dataDir) await discardRecovery(deps.dataDir, requireRoot(), relPath, now()).catch(() => undefined)
    },
    ...createImageCalls(deps, requireRoot),
    async pickImages() {
      return deps.pickImages()
    },
    ...createExportCalls(deps, requireRoot),
    async checkPost(relPath, text) {
      // Checked on the checker thread, so saves and other calls go on meanwhile; past this
      // size a result would come too late (seconds) to follow the typing anyway.
      const folder = requireRoot()
      if (text.length > largestCheckedPost) return [tooLargeToCheck]
      return checkPostInFolder(folder, relPath, text)
    },
    async openExternal(url) {
      if (!isExternalLink(url)) throw new UserError('Only web and mail links open outside Folio.', 'invalid')
      // electronegativity: OPEN_EXTERNAL_JS_CHECK — checked just above: only web and mail links reach the shell.
      await deps.openExternal(url)
    },
    async storeRecovery(relPath, text) {
      if (!deps.dataDir) return
      const folder = requireRoot()
      const key = `${folder}\0${relPath}`
      // Edits made while an earlier run's copy is still undecided must not overwrite it.
      await writeRecovery(deps.dataDir, folder, relPath, text, { savedAt: now(), run, keepEarlierRun: !claimed.has(key) })
      claimed.add(key)
    },
    async listRecoveries() {
      return deps.dataDir && root ? listRecoveries(deps.dataDir, root) : []
    },
    async discardRecovery(relPath) {
      if (deps.dataDir) await discardRecovery(deps.dataDir, requireRoot(), relPath, now())
    },
    async listDiscardedRecoveries() {
      return deps.dataDir && root ? listDiscarded(deps.dataDir, root, now()) : []
    },
    async restoreDiscardedRecovery(id) {
      if (!deps.dataDir) throw new UserError('Recovery copies are off in this window.')
      const folder = requireRoot()
      const restored = await restoreDiscarded(deps.dataDir, folder, id, { run, now: now() })
      claimed.add(`${folder}\0${restored.relPath}`)
      return restored
    },
    async setDirty(dirty, relPath) {
      deps.setDirty?.(dirty, relPath ?? null)
    },
    async getSettings() {
      return settings.get()
    },
    async setSettings(patch) {
      const changed = await settings.set(patch)
      deps.settingsChanged?.(changed)
      deps.emit('settingsChanged', { settings: changed })
      return changed
    }
  }

  return {
    handlers: withPlainErrors(handlers, () => root),
    open,
    root: () => root,
    async dispose() {
      await stopWatching?.()
    }
  }
}
