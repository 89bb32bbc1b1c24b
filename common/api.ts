/**
 * The one contract between the renderer and the main process.
 *
 * Every call the renderer may make and every event the main side may send is declared
 * here, once, with a zod schema for its arguments. The main side registers a handler for
 * each call (electron/ipc.ts), the preload exposes exactly these names (electron/preload.ts),
 * and the Playwright harness exposes the same handler table (tests/e2e/harness.ts).
 * Channel strings exist nowhere else.
 */
import { z } from 'zod'
import { SettingsPatch, type Settings } from './settings'
import { toUserError, UserError } from './errors'
import type { CommandId } from './commands'

/** A path relative to the opened folder, always with forward slashes, never escaping it. */
export const RelPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !/^[\\/]/.test(p) && !/^[a-zA-Z]:/.test(p) && !p.includes('\0') && !p.split(/[\\/]/).includes('..'), {
    message: 'path must be relative to the opened folder'
  })

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

const SaveOptions = z.object({
  text: z.string().max(200 * 1024 * 1024),
  /** The mtime the renderer last saw; a newer file on disk is a conflict, not overwritten. */
  expectedMtimeMs: z.number().nullable(),
  force: z.boolean().optional(),
  /** How to write the post if it is gone from disk (deleted or renamed by another program). */
  encoding: z.enum(['utf8', 'utf8-bom', 'utf16le', 'latin1', 'windows-1252']).optional(),
  eol: z.enum(['lf', 'crlf']).optional()
})

const ImportSource = z.union([
  z.object({ kind: z.literal('path'), path: z.string().min(1).max(4096) }),
  z.object({ kind: z.literal('bytes'), name: z.string().min(1).max(255), bytes: z.instanceof(Uint8Array) })
])

/** Names one discarded recovery copy (see electron/services/recovery-trash.ts). */
const DiscardedRecoveryId = z.string().regex(/^[0-9a-f]{32}-\d{1,16}-[0-9a-f]{8}$/, { message: 'is not a discarded copy' })

/** A file name inside a post's image folder: no folder part. */
const ImageName = z.string().min(1).max(255).refine((n) => !/[\\/\0]/.test(n) && n !== '.' && n !== '..', { message: 'must be a file name' })

/**
 * Renderer -> main calls. The key is the channel name; `args` validates the argument list.
 * Result types are listed in {@link CallResults}.
 */
export const calls = {
  getWorkspace: { args: z.tuple([]) },
  openFolder: { args: z.tuple([]) },
  listPosts: { args: z.tuple([]) },
  readPost: { args: z.tuple([RelPath]) },
  savePost: { args: z.tuple([RelPath, SaveOptions]) },
  /**
   * Saves the editor's text as a new post beside `relPath`, named after the given name (made
   * unique, never over another file): the way out when the post itself cannot be written.
   */
  savePostAs: { args: z.tuple([RelPath, z.string().trim().min(1).max(200), SaveOptions.pick({ text: true, encoding: true, eol: true })]) },
  createPost: { args: z.tuple([z.string().trim().min(1).max(200)]) },
  renamePost: { args: z.tuple([RelPath, z.string().trim().min(1).max(200)]) },
  deletePost: { args: z.tuple([RelPath]) },
  importImages: {
    args: z.tuple([
      RelPath,
      z.array(ImportSource).min(1).max(1000),
      z.object({
        heading: z.string().max(200).nullable(),
        /** Long edge in px above which photos are scaled down (default 2400; 0 = never). */
        maxEdge: z.number().int().min(0).max(65535).optional(),
        /** JPEG/WebP/AVIF quality (default 82). */
        quality: z.number().int().min(1).max(100).optional(),
        /** Keep EXIF/XMP, GPS included (default false: only the colour profile is kept). */
        keepMetadata: z.boolean().optional(),
        /** Copy web-ready files byte for byte (default false). */
        keepOriginal: z.boolean().optional()
      })
    ])
  },
  /** Stops running imports: no new file starts; their importImages calls resolve with `cancelled`. */
  cancelImport: { args: z.tuple([]) },
  /**
   * The post's image folder for the gallery: sizes, dimensions, which lines use each file, broken
   * references. Pass the editor's text to count unsaved references; else the saved post is read.
   */
  listImages: { args: z.tuple([RelPath, z.string().max(200 * 1024 * 1024).optional()]) },
  /** A small WebP thumbnail of one file of the post's image folder, as a data: URL (cached). */
  imageThumbnail: { args: z.tuple([RelPath, ImageName]) },
  /** Renames a file of the image folder (kebab-case, never over another file) and rewrites the saved post's references. */
  renameImage: { args: z.tuple([RelPath, ImageName, z.string().trim().min(1).max(200)]) },
  /** Moves an unused file of the image folder to the trash; refuses files the saved post (or the given editor text) references. */
  deleteImage: { args: z.tuple([RelPath, ImageName, z.string().max(200 * 1024 * 1024).optional()]) },
  /**
   * Display sizes of the post's image-folder files and of the images the text (editor text, else
   * the saved post) references, keyed by canonicalImagePath (common/image-refs), for the preview's boxes.
   */
  imageSizes: { args: z.tuple([RelPath, z.string().max(200 * 1024 * 1024).optional()]) },
  pickImages: { args: z.tuple([]) },
  exportHtml: { args: z.tuple([RelPath, z.object({ singleFile: z.boolean(), maxImageWidth: z.number().int().min(16).max(20000).optional() })]) },
  /** Opens an export made in this session in the browser, or shows it in its folder. */
  openExport: { args: z.tuple([z.string().min(1).max(4096), z.enum(['browser', 'folder'])]) },
  openExternal: { args: z.tuple([z.string().url().max(2048)]) },
  /** Runs the post checker (common/check) on the editor's text, with the post's image files from disk. */
  checkPost: { args: z.tuple([RelPath, z.string().max(200 * 1024 * 1024)]) },
  /** Keeps unsaved text of a post in the app's data folder, so a crash or kill loses nothing. */
  storeRecovery: { args: z.tuple([RelPath, z.string().max(200 * 1024 * 1024)]) },
  /** Unsaved text left by an earlier run for posts of the opened folder. */
  listRecoveries: { args: z.tuple([]) },
  /** The user declines a post's unsaved text: the copy moves to the recovery trash, kept two weeks. */
  discardRecovery: { args: z.tuple([RelPath]) },
  /** Copies of the opened folder's posts discarded in the last two weeks (older ones are pruned). */
  listDiscardedRecoveries: { args: z.tuple([]) },
  /** Puts a discarded copy back among the unsaved copies and returns it, to restore into its post. */
  restoreDiscardedRecovery: { args: z.tuple([DiscardedRecoveryId]) },
  /** The renderer reports whether it holds unsaved changes (and in which post); closing then asks first. */
  setDirty: { args: z.tuple([z.boolean(), RelPath.optional()]) },
  /** The user's settings (common/settings.ts), from the app's data folder; defaults where none are kept. */
  getSettings: { args: z.tuple([]) },
  /** Changes some settings and keeps them; resolves to all of them. A settingsChanged event follows. */
  setSettings: { args: z.tuple([SettingsPatch]) }
} as const

export interface CallResults {
  getWorkspace: Workspace | null
  openFolder: Workspace | null
  listPosts: PostSummary[]
  readPost: PostFile
  savePost: SaveResult
  savePostAs: PostSummary
  createPost: PostSummary
  renamePost: PostSummary
  deletePost: void
  importImages: ImportSummary
  cancelImport: void
  listImages: ImageGallery
  imageThumbnail: string
  renameImage: RenamedImage
  deleteImage: void
  imageSizes: Record<string, { width: number; height: number }>
  pickImages: string[]
  exportHtml: ExportResult | null
  openExport: void
  openExternal: void
  checkPost: Diagnostic[]
  storeRecovery: void
  listRecoveries: Recovery[]
  discardRecovery: void
  listDiscardedRecoveries: DiscardedRecovery[]
  restoreDiscardedRecovery: Recovery
  setDirty: void
  getSettings: Settings
  setSettings: Settings
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

/** Main -> renderer events. The key is the channel name; the schema describes the payload. */
export const events = {
  postsChanged: z.object({ posts: z.array(z.any()) }),
  postChangedOnDisk: z.object({ relPath: z.string(), deleted: z.boolean(), mtimeMs: z.number().nullable() }),
  importProgress: z.object({ done: z.number(), total: z.number(), current: z.string() }),
  exportProgress: z.object({ relPath: z.string(), done: z.number(), total: z.number(), current: z.string() }),
  menuCommand: z.object({ command: z.string() }),
  /** The settings changed (from the menu or the renderer): everything showing one follows. */
  settingsChanged: z.object({ settings: z.any() })
} as const

export interface EventPayloads {
  postsChanged: { posts: PostSummary[] }
  postChangedOnDisk: z.infer<(typeof events)['postChangedOnDisk']>
  importProgress: z.infer<(typeof events)['importProgress']>
  exportProgress: z.infer<(typeof events)['exportProgress']>
  /** A menu item was chosen: one command of the command table (common/commands.ts). */
  menuCommand: { command: CommandId }
  settingsChanged: { settings: Settings }
}

export type CallName = keyof typeof calls
export type EventName = keyof typeof events
export type CallArgs<K extends CallName> = z.infer<(typeof calls)[K]['args']>

/** The handler table the main side implements: one async function per call. */
export type Handlers = {
  [K in CallName]: (...args: CallArgs<K>) => Promise<CallResults[K]>
}

/** What the preload exposes as `window.folio`. */
export interface FolioApi extends Handlers {
  /** Subscribe to a main-side event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void
  /** The absolute path of a dropped file (Electron's webUtils), or '' where there is none. */
  pathForFile(file: File): string
  /** URL prefix under which the opened folder's files are served to the preview. */
  imageBase: string
}

export const callNames = Object.keys(calls) as CallName[]
export const eventNames = Object.keys(events) as EventName[]

/** The IPC channel of a call or event: the only place the naming scheme lives. */
export const channel = (name: CallName | EventName): string => `folio:${name}`

/** The URL scheme the Electron main process registers for images of the opened folder. */
export const imageScheme = 'folio-img'

/**
 * Validates a call's argument list against the contract; throws an Error naming the call
 * and the problem, so a bad call never reaches a handler.
 */
export function parseArgs<K extends CallName>(name: K, args: unknown[]): CallArgs<K> {
  const schema = calls[name]?.args
  if (!schema) throw new UserError(`unknown call ${String(name)}.`, 'invalid')
  const result = schema.safeParse(args)
  if (!result.success) {
    const issue = result.error.issues[0]
    throw new UserError(`invalid arguments for ${name}: ${issue ? `${issue.path.join('.')} ${issue.message}` : 'rejected'}.`, 'invalid')
  }
  return result.data as CallArgs<K>
}

/**
 * What kind of failure a call met, so the renderer can tell them apart without reading the
 * message: `conflict` (changed on disk since it was opened), `read-only` (the file may not be
 * written in place; save it as a new post), `permission`, `disk-full`, `not-found`, `exists`,
 * `busy`, `too-large`, `invalid` (bad name, arguments or content), `special-file` (a folder,
 * pipe, socket or device where a file should be), `failed` (anything else).
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
 * Validates and runs one call against a handler table, turning any failure into an error
 * reply: a UserError keeps its code and message; anything else (a raw Node error) becomes
 * a plain sentence without absolute paths. Electron's IPC and the test harness both go through here.
 */
export async function dispatchCall(handlers: Handlers, name: string, args: unknown[]): Promise<CallReply> {
  try {
    if (!Object.hasOwn(calls, name)) throw new UserError(`unknown call ${name}.`, 'invalid')
    const call = name as CallName
    const parsed = parseArgs(call, args)
    const handler = handlers[call] as (...a: unknown[]) => Promise<unknown>
    return { ok: true, value: await handler(...parsed) }
  } catch (error) {
    const { code, message } = toUserError(error)
    return { ok: false, error: { code, message } }
  }
}

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
