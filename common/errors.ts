/**
 * Errors as the user reads them: a code the renderer tells kinds apart by, and one short
 * sentence in plain words that names files relative to the opened folder. Both sides use
 * this: services throw {@link UserError}, dispatchCall turns anything else into one.
 */
import type { ErrorCode } from './api'

/** Error with a message meant for the user; services throw it for expected failures. */
export class UserError extends Error {
  override name = 'UserError'
  /** What kind of failure it is (`read-only`, `disk-full`, ...); `failed` when nothing more is known. */
  readonly code: ErrorCode

  constructor(message: string, code: ErrorCode = 'failed') {
    super(message)
    this.code = code
  }
}

/** Operating-system error codes (Node's `error.code`) in words, with the kind each is. */
const errnoProblems: Record<string, { code: ErrorCode; words: string }> = {
  ENOSPC: { code: 'disk-full', words: 'the disk is full' },
  EDQUOT: { code: 'disk-full', words: 'the disk is full (your quota is used up)' },
  EACCES: { code: 'permission', words: 'permission denied' },
  EPERM: { code: 'permission', words: 'permission denied' },
  EROFS: { code: 'permission', words: 'the disk is read-only' },
  ENOENT: { code: 'not-found', words: 'the file or folder does not exist' },
  ENOTDIR: { code: 'not-found', words: 'part of the path is a file, not a folder' },
  EISDIR: { code: 'special-file', words: 'a folder has that name' },
  ENXIO: { code: 'special-file', words: 'it is not a regular file' },
  EBUSY: { code: 'busy', words: 'another program is using the file' },
  ETXTBSY: { code: 'busy', words: 'another program is using the file' },
  EMFILE: { code: 'busy', words: 'too many files are open; close some programs and try again' },
  ENFILE: { code: 'busy', words: 'too many files are open; close some programs and try again' },
  EEXIST: { code: 'exists', words: 'a file with that name already exists' },
  ENOTEMPTY: { code: 'exists', words: 'the folder is not empty' },
  ENAMETOOLONG: { code: 'invalid', words: 'the name is too long' },
  ELOOP: { code: 'invalid', words: 'it is a symbolic link that leads in a circle' },
  EINVAL: { code: 'invalid', words: 'the name is not allowed on this disk' },
  EFBIG: { code: 'too-large', words: 'the file is too large for this disk' },
  // Node's own code: a file over 2 GiB cannot be read into memory at once.
  ERR_FS_FILE_TOO_LARGE: { code: 'too-large', words: 'the file is over 2 GB, more than Folio can open' },
  EIO: { code: 'failed', words: 'the disk reported an error reading or writing' },
  ETIMEDOUT: { code: 'failed', words: 'the disk or network share did not answer in time' },
  EXDEV: { code: 'failed', words: 'it cannot be moved between disks' }
}

/** The kind and the words of an operating-system error, or null when it has no known code. */
export function fsProblem(error: unknown): { code: ErrorCode; words: string } | null {
  const code = (error as { code?: unknown } | null | undefined)?.code
  return typeof code === 'string' ? (errnoProblems[code] ?? null) : null
}

/**
 * Turns a Node fs error into words a writer understands (`the disk is full`). An error with
 * no known code keeps its own message, without the absolute paths Node puts in it.
 */
export function describeFsError(error: unknown): string {
  const known = fsProblem(error)
  if (known) return known.words
  const message = error instanceof Error ? error.message : String(error)
  return withoutAbsolutePaths(message.replace(/^E[A-Z]{2,}: /, ''))
}

/**
 * A long path shortened in the middle, `first part…file-name.md`, at most `max` characters:
 * the end keeps the file name, the start says where it is.
 */
export function shortenPath(path: string, max = 60): string {
  const chars = Array.from(path) // never cut a surrogate pair in two
  if (chars.length <= max) return path
  const tail = Math.ceil((max - 1) * 0.6)
  const head = max - 1 - tail
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - tail).join('')}`
}

/** Absolute paths (POSIX, `C:\`, `\\server\`) in a message, replaced by their last part, shortened. */
export function withoutAbsolutePaths(message: string): string {
  return message.replace(/(^|[\s'"`(“])((?:[A-Za-z]:[\\/]|\\\\|\/)[^\s'"`)”]*)/g, (_all, before: string, path: string) => {
    const last = path.split(/[\\/]/).filter(Boolean).pop() ?? ''
    return `${before}${shortenPath(last || path.slice(0, 1))}`
  })
}

/** What failed, for {@link toUserError}: the action (`save`) and the file, relative to the opened folder. */
export interface ErrorContext {
  action?: string
  path?: string
}

/**
 * Any error as a {@link UserError}: itself when it already is one; an operating-system
 * error as `Could not <action> <path>: <words>.`; anything else as its message without
 * absolute paths, one line and cut to a readable length.
 */
export function toUserError(error: unknown, context: ErrorContext = {}): UserError {
  if (error instanceof UserError) return error
  const known = fsProblem(error)
  const subject = [context.action ?? 'finish that', context.path === undefined ? '' : shortenPath(context.path)].filter(Boolean).join(' ')
  if (known) return new UserError(`Could not ${subject}: ${known.words}.`, known.code)
  const message = withoutAbsolutePaths(error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim()
  const short = message.length > 200 ? `${message.slice(0, 199)}…` : message
  return new UserError(`Could not ${subject}: ${short || 'something went wrong'}${/[.!?]$/.test(short) ? '' : '.'}`, 'failed')
}
