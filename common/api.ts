/**
 * The one contract between the renderer and the main process, with no runtime dependency:
 * the preload, the renderer, the main side and the test harness all import it, so it holds
 * names, types and the channel function, never a validator (zod would be most of the
 * preload's bundle). Every call the renderer may make and every event the main side may
 * send is declared here, once. The main side validates each call's arguments against its
 * schema (electron/services/call-schemas.ts, held to these types by the compiler) and
 * registers a handler for each (electron/ipc.ts); the preload exposes exactly these names
 * (electron/preload.ts); the Playwright harness exposes the same handler table
 * (tests/e2e/harness.ts). Channel strings exist nowhere else.
 */
import type { CommandId } from './commands'
import type { Settings, SettingsPatch } from './settings'

/** What the post list shows for one post, read from its front matter and first heading. */
export interface PostSummary {
  relPath: string
  title: string
  date: string | null
  category: string | null
  tags: string[]
  mtimeMs: number
  /** Set when the post could not be read or its front matter is malformed. */
  problem: string | null
}

export interface Workspace {
  root: string
  name: string
  posts: PostSummary[]
}

export type Encoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'latin1' | 'windows-1252'

export interface PostFile {
  relPath: string
  text: string
  mtimeMs: number
  /** Kept so a save writes the post back exactly as it was stored. */
  encoding: Encoding
  eol: 'lf' | 'crlf'
  /** A warning to show when the post was opened (very large file, unusual encoding). */
  warning: string | null
}

export interface SaveResult {
  mtimeMs: number
}

export interface ImportedImage {
  /** Path relative to the post, as it goes into the markdown link. */
  link: string
  alt: string
}

export interface ImportSummary {
  imported: ImportedImage[]
  skipped: { name: string; reason: string }[]
  /** True when cancelImport stopped it: `imported` then holds what was written before. */
  cancelled?: boolean
}

/** One file of a post's image folder, as the gallery shows it. */
export interface GalleryImage {
  name: string
  /** Link from the post, percent-encoded: `<slug>-images/<name>`. */
  link: string
  size: number
  mtimeMs: number
  /** Display size, EXIF orientation applied; null when the file cannot be read as an image. */
  width: number | null
  height: number | null
  /** 1-based lines of the saved post that reference the file; empty for an orphan. */
  lines: number[]
}

/** A post's image folder and the post's references into it (listImages). */
export interface ImageGallery {
  /** The image folder, relative to the post's folder. */
  folder: string
  images: GalleryImage[]
  /** References in the saved post to image files that do not exist, with their lines. */
  broken: { link: string; lines: number[] }[]
}

/** An image renamed by renameImage; the saved post was rewritten to the new link. */
export interface RenamedImage {
  name: string
  link: string
  oldLink: string
  /** The saved post's new text and mtime (references rewritten). */
  text: string
  mtimeMs: number
}

export interface ExportResult {
  outPath: string
  warnings: string[]
}

/** One change to a post's text: replace [from, to) with `insert` (UTF-16 offsets, as CodeMirror counts). */
export interface TextEdit {
  from: number
  to: number
  insert: string
}

/** A quick fix: edits of the text the diagnostic was computed for, applied together (one undo step). */
export interface DiagnosticFix {
  /** What the button says: `Add alt text “Field Museum”`. */
  label: string
  /** Non-overlapping edits, sorted by offset. */
  edits: TextEdit[]
}

/** One problem the post checker found (common/check). */
export interface Diagnostic {
  /** Rule id: `image-missing`, `anchor`, `mojibake`, `markdownlint/MD009`, ... */
  rule: string
  severity: 'error' | 'warning' | 'info'
  /** 1-based line; column is 1-based in UTF-16 units when known. */
  line: number
  column?: number
  /** The offsets of the problem in the text, for highlighting (from === to when it is a point). */
  from?: number
  to?: number
  message: string
  /** Present when the checker knows how to fix it. */
  fix?: DiagnosticFix
}

/** Unsaved text kept from an earlier run, offered back when its folder is opened. */
export interface Recovery {
  relPath: string
  text: string
  /** When the text was kept (ms since the epoch). */
  savedAt: number
  /** The post as it is on disk now; absent when it no longer exists or cannot be read. */
  diskText?: string
  /** When the post on disk was last changed; absent with diskText. */
  diskMtimeMs?: number
}

/** How many days a discarded recovery copy is kept before it is deleted. */
export const recoveryTrashDays = 14

/** A recovery copy the user discarded (or that later edits replaced), kept for {@link recoveryTrashDays} days. */
export interface DiscardedRecovery extends Recovery {
  /** Names it for restoreDiscardedRecovery. */
  id: string
  /** When it was discarded (ms since the epoch). */
  discardedAt: number
  /** `replaced`: edits made without restoring it took its place. */
  reason: 'discarded' | 'replaced'
}

/** How savePost writes a post. */
export interface SaveOptions {
  text: string
  /** The mtime the renderer last saw; a newer file on disk is a conflict, not overwritten. */
  expectedMtimeMs: number | null
  force?: boolean
  /** How to write the post if it is gone from disk (deleted or renamed by another program). */
  encoding?: Encoding
  eol?: 'lf' | 'crlf'
}

/** One photo to import: a file on disk (a picked or dropped file), or bytes (a pasted image). */
export type ImportSource = { kind: 'path'; path: string } | { kind: 'bytes'; name: string; bytes: Uint8Array }

/** How importImages treats the photos (the service's defaults where a field is left out). */
export interface ImportImagesOptions {
  /** The section the photos go into; camera names become its name. */
  heading: string | null
  /** Long edge in px above which photos are scaled down (default 2400; 0 = never). */
  maxEdge?: number
  /** JPEG/WebP/AVIF quality (default 82). */
  quality?: number
  /** Keep EXIF/XMP, GPS included (default false: only the colour profile is kept). */
  keepMetadata?: boolean
  /** Copy web-ready files byte for byte (default false). */
  keepOriginal?: boolean
}

export interface ExportOptions {
  singleFile: boolean
  maxImageWidth?: number
}

/**
 * Renderer -> main calls: the handler table the main side implements and the preload
 * exposes. Paths named `relPath` are relative to the opened folder, with forward slashes.
 * Every argument is validated main-side before a handler runs (electron/services/call-schemas.ts).
 */
export interface Handlers {
  getWorkspace: () => Promise<Workspace | null>
  openFolder: () => Promise<Workspace | null>
  listPosts: () => Promise<PostSummary[]>
  readPost: (relPath: string) => Promise<PostFile>
  savePost: (relPath: string, options: SaveOptions) => Promise<SaveResult>
  /**
   * Saves the editor's text as a new post beside `relPath`, named after the given name (made
   * unique, never over another file): the way out when the post itself cannot be written.
   */
  savePostAs: (relPath: string, name: string, options: Pick<SaveOptions, 'text' | 'encoding' | 'eol'>) => Promise<PostSummary>
  createPost: (title: string) => Promise<PostSummary>
  renamePost: (relPath: string, name: string) => Promise<PostSummary>
  deletePost: (relPath: string) => Promise<void>
  importImages: (relPath: string, sources: ImportSource[], options: ImportImagesOptions) => Promise<ImportSummary>
  /** Stops running imports: no new file starts; their importImages calls resolve with `cancelled`. */
  cancelImport: () => Promise<void>
  /**
   * The post's image folder for the gallery: sizes, dimensions, which lines use each file, broken
   * references. Pass the editor's text to count unsaved references; else the saved post is read.
   */
  listImages: (relPath: string, text?: string) => Promise<ImageGallery>
  /** A small WebP thumbnail of one file of the post's image folder, as a data: URL (cached). */
  imageThumbnail: (relPath: string, name: string) => Promise<string>
  /** Renames a file of the image folder (kebab-case, never over another file) and rewrites the saved post's references. */
  renameImage: (relPath: string, name: string, newName: string) => Promise<RenamedImage>
  /** Moves an unused file of the image folder to the trash; refuses files the saved post (or the given editor text) references. */
  deleteImage: (relPath: string, name: string, text?: string) => Promise<void>
  /**
   * Display sizes of the post's image-folder files and of the images the text (editor text, else
   * the saved post) references, keyed by canonicalImagePath (common/image-refs), for the preview's boxes.
   */
  imageSizes: (relPath: string, text?: string) => Promise<Record<string, { width: number; height: number }>>
  pickImages: () => Promise<string[]>
  exportHtml: (relPath: string, options: ExportOptions) => Promise<ExportResult | null>
  /** Opens an export made in this session in the browser, or shows it in its folder. */
  openExport: (outPath: string, how: 'browser' | 'folder') => Promise<void>
  openExternal: (url: string) => Promise<void>
  /** Runs the post checker (common/check) on the editor's text, with the post's image files from disk. */
  checkPost: (relPath: string, text: string) => Promise<Diagnostic[]>
  /** Keeps unsaved text of a post in the app's data folder, so a crash or kill loses nothing. */
  storeRecovery: (relPath: string, text: string) => Promise<void>
  /** Unsaved text left by an earlier run for posts of the opened folder. */
  listRecoveries: () => Promise<Recovery[]>
  /** The user declines a post's unsaved text: the copy moves to the recovery trash, kept two weeks. */
  discardRecovery: (relPath: string) => Promise<void>
  /** Copies of the opened folder's posts discarded in the last two weeks (older ones are pruned). */
  listDiscardedRecoveries: () => Promise<DiscardedRecovery[]>
  /** Puts a discarded copy back among the unsaved copies and returns it, to restore into its post. */
  restoreDiscardedRecovery: (id: string) => Promise<Recovery>
  /** The renderer reports whether it holds unsaved changes (and in which post); closing then asks first. */
  setDirty: (dirty: boolean, relPath?: string) => Promise<void>
  /** The user's settings (common/settings.ts), from the app's data folder; defaults where none are kept. */
  getSettings: () => Promise<Settings>
  /** Changes some settings and keeps them; resolves to all of them. A settingsChanged event follows. */
  setSettings: (patch: SettingsPatch) => Promise<Settings>
}

export type CallName = keyof Handlers
export type CallArgs<K extends CallName> = Parameters<Handlers[K]>
export type CallResult<K extends CallName> = Awaited<ReturnType<Handlers[K]>>

/** Every call's name at run time; the compiler holds it to exactly the keys of {@link Handlers}. */
const callTable: Record<CallName, true> = {
  getWorkspace: true,
  openFolder: true,
  listPosts: true,
  readPost: true,
  savePost: true,
  savePostAs: true,
  createPost: true,
  renamePost: true,
  deletePost: true,
  importImages: true,
  cancelImport: true,
  listImages: true,
  imageThumbnail: true,
  renameImage: true,
  deleteImage: true,
  imageSizes: true,
  pickImages: true,
  exportHtml: true,
  openExport: true,
  openExternal: true,
  checkPost: true,
  storeRecovery: true,
  listRecoveries: true,
  discardRecovery: true,
  listDiscardedRecoveries: true,
  restoreDiscardedRecovery: true,
  setDirty: true,
  getSettings: true,
  setSettings: true
}
export const callNames = Object.keys(callTable) as CallName[]

/** Main -> renderer events: the key is the event's name, the value its payload. */
export interface EventPayloads {
  postsChanged: { posts: PostSummary[] }
  postChangedOnDisk: { relPath: string; deleted: boolean; mtimeMs: number | null }
  importProgress: { done: number; total: number; current: string }
  exportProgress: { relPath: string; done: number; total: number; current: string }
  /** A menu item was chosen: one command of the command table (common/commands.ts). */
  menuCommand: { command: CommandId }
  /** The settings changed (from the menu or the renderer): everything showing one follows. */
  settingsChanged: { settings: Settings }
}

export type EventName = keyof EventPayloads

const eventTable: Record<EventName, true> = { postsChanged: true, postChangedOnDisk: true, importProgress: true, exportProgress: true, menuCommand: true, settingsChanged: true }
export const eventNames = Object.keys(eventTable) as EventName[]

/** What the preload exposes as `window.folio`. */
export interface FolioApi extends Handlers {
  /** Subscribe to a main-side event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void
  /** The absolute path of a dropped file (Electron's webUtils), or '' where there is none. */
  pathForFile(file: File): string
  /** URL prefix under which the opened folder's files are served to the preview. */
  imageBase: string
}

/** The IPC channel of a call or event: the only place the naming scheme lives. */
export const channel = (name: CallName | EventName): string => `folio:${name}`

/** The URL scheme the Electron main process registers for images of the opened folder. */
export const imageScheme = 'folio-img'

/**
 * What kind of failure a call met, so the renderer can tell them apart without reading the
 * message: `conflict` (changed on disk since it was opened), `read-only` (the file may not be
 * written in place; save it as a new post), `permission`, `disk-full`, `not-found`, `exists`,
 * `busy`, `too-large` (a file or text over what Folio or the disk takes), `invalid` (bad name,
 * arguments or content), `special-file` (a folder, pipe, socket or device where a file
 * should be), `failed` (anything else).
 */
export const errorCodes = ['conflict', 'read-only', 'permission', 'disk-full', 'not-found', 'exists', 'busy', 'too-large', 'invalid', 'special-file', 'failed'] as const
export type ErrorCode = (typeof errorCodes)[number]

/** A failed call as it reaches the renderer: its kind and one sentence for the user. */
export interface CallError {
  code: ErrorCode
  message: string
}

/** How a call's outcome crosses the transport: a value, or a coded error. */
export type CallReply<T = unknown> = { ok: true; value: T } | { ok: false; error: CallError }

/**
 * Electron's contextBridge keeps only the message of an Error thrown into the page, so a
 * failed call's code travels inside the message: `[folio:<code>] <message>`. The preload
 * and the test harness throw `new Error(encodeCallError(reply.error))`; the renderer reads
 * it back with {@link decodeCallError}.
 */
export const encodeCallError = (error: CallError): string => `[folio:${error.code}] ${error.message}`

/** The code and message of an error thrown by a call (`failed` and the text itself when it carries no code). */
export function decodeCallError(text: string): CallError {
  const match = /\[folio:([a-z-]+)\] ([\s\S]*)$/.exec(text)
  const code = errorCodes.find((known) => known === match?.[1])
  return match && code ? { code, message: match[2]! } : { code: 'failed', message: text }
}
