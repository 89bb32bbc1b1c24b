import fs, { constants } from 'node:fs'
import { access, open, stat } from 'node:fs/promises'
import { basename, dirname, resolve } from 'node:path'
import { promisify } from 'node:util'
import iconv from 'iconv-lite'
import type { Encoding } from '../../common/api'
import { describeFsError, fsProblem, shortenPath, UserError } from '../../common/errors'
import { openRegularFile } from './regular-file'

export { describeFsError, UserError }

/**
 * Posts above this size open with a warning: the editor works, the preview and checks are
 * limited. Equal to common/large-post.ts's veryLargePost (a unit test holds them together);
 * written out because this file is also run on its own, without common/.
 */
export const largePostBytes = 10 * 1024 * 1024

/** A text file decoded, with what is needed to write it back byte-compatible. */
export interface DecodedText {
  text: string
  encoding: Encoding
  eol: 'lf' | 'crlf'
}

/**
 * Decodes a post. UTF-8 (with or without BOM) and UTF-16LE are recognised by BOM or
 * validity; anything else is a legacy single-byte file: Windows-1252 when it uses that
 * code page's 0x80-0x9F characters, else Latin-1. Binary files, and files whose bytes would
 * not survive a save (broken UTF-8 after a BOM, odd-length UTF-16), are refused.
 */
export function decodeText(bytes: Buffer): DecodedText {
  let encoding: Encoding
  let text: string
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    throw new UserError('This file is UTF-16 big-endian text, which Folio cannot save back safely. Convert it to UTF-8 to open it.', 'invalid')
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    if (bytes.length % 2 !== 0) throw new UserError('This UTF-16 file ends in half a character (it may be damaged), so Folio will not open it.', 'invalid')
    encoding = 'utf16le'
    text = iconv.decode(bytes.subarray(2), 'utf16le')
  } else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf8-bom'
    text = strictUtf8(bytes.subarray(3))
  } else {
    if (looksBinary(bytes)) throw new UserError('This file is not text (it contains binary data), so Folio will not open it as a post.', 'invalid')
    try {
      text = strictUtf8(bytes)
      encoding = 'utf8'
    } catch {
      encoding = legacyEncoding(bytes)
      text = iconv.decode(bytes, encoding)
    }
  }
  const crlf = text.indexOf('\r\n')
  const eol = crlf >= 0 && crlf <= text.indexOf('\n') ? 'crlf' : 'lf'
  return { text: text.replace(/\r\n?/g, '\n'), encoding, eol }
}

/** Decodes UTF-8, throwing on any invalid sequence instead of inserting U+FFFD (which a save would write). */
function strictUtf8(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    throw new UserError('This file starts with a UTF-8 marker but contains bytes that are not UTF-8 (it may be damaged), so Folio will not open it.', 'invalid')
  }
}

/** Bytes Windows-1252 leaves undefined: decoding them would turn them into U+FFFD and lose them. */
const cp1252Holes = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d])

/** Windows-1252 when the file uses that code page's 0x80-0x9F characters (and none of its holes), else Latin-1, which maps every byte. */
function legacyEncoding(bytes: Buffer): 'windows-1252' | 'latin1' {
  let c1 = false
  for (const b of bytes) {
    if (cp1252Holes.has(b)) return 'latin1'
    if (b >= 0x80 && b <= 0x9f) c1 = true
  }
  return c1 ? 'windows-1252' : 'latin1'
}

/** NUL bytes never appear in text encodings other than UTF-16 (which has a BOM here); nor do many other control characters. */
function looksBinary(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 8192)
  if (sample.includes(0)) return true
  let controls = 0
  for (const b of sample) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) controls++
  return controls > sample.length / 100
}

/** Encodes editor text (LF) back to the file's encoding and line endings; refuses lossy saves. */
export function encodeText(text: string, encoding: Encoding, eol: 'lf' | 'crlf'): Buffer {
  const body = eol === 'crlf' ? text.replace(/\r?\n/g, '\r\n') : text
  switch (encoding) {
    case 'utf8':
      return Buffer.from(body, 'utf8')
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')])
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(body, 'utf16le')])
    default: {
      const lost = unencodable(body, encoding)
      if (lost.length > 0) {
        throw new UserError(
          `This post is stored as ${encoding}, which cannot hold ${lost.map((c) => `“${c}”`).join(' ')}. Nothing was written; remove those characters or convert the post to UTF-8 to save it.`,
          'invalid'
        )
      }
      return iconv.encode(body, encoding)
    }
  }
}

/** The distinct characters (up to five) of `text` that a single-byte encoding cannot store. */
function unencodable(text: string, encoding: 'latin1' | 'windows-1252'): string[] {
  // iconv-lite maps U+FFFD to one of Windows-1252's undefined bytes, so it must never count as stored.
  if (!text.includes('\uFFFD') && iconv.decode(iconv.encode(text, encoding), encoding) === text) return []
  const stored = new Set(iconv.decode(Buffer.from(Array.from({ length: 256 }, (_, i) => i)), encoding))
  stored.delete('\uFFFD')
  const lost = new Set<string>()
  for (const char of text) {
    if (!stored.has(char)) lost.add(char)
    if (lost.size >= 5) break
  }
  return [...lost]
}

/**
 * Reads and decodes a text file; only a regular file (see openRegularFile), named `label`
 * in messages. The bytes and the mtime come from one open file handle, so the mtime always
 * belongs to the bytes read, even while another program replaces the file.
 */
export async function readText(path: string, label?: string): Promise<DecodedText & { mtimeMs: number; size: number }> {
  const { handle, info } = await openRegularFile(path, label)
  try {
    const bytes = await handle.readFile()
    return { ...decodeText(bytes), mtimeMs: info.mtimeMs, size: bytes.length }
  } finally {
    await handle.close()
  }
}

/** How {@link writeAtomic} names the file in its messages, and what it adds when the file is read-only. */
export interface WriteOptions {
  /** The file as the user knows it (relative to the opened folder); its name when not given. */
  label?: string
  /** A sentence added to the read-only refusal (what the user can do instead). */
  readOnlyHint?: string
}

/**
 * Refuses a file the user could not write in place. A rename over it only needs the folder
 * to be writable, so without this check a save would replace a read-only file. A file with
 * no write bit at all counts as read-only even for a process that could override it (root),
 * as vim warns; Windows' read-only attribute shows as such a mode.
 */
async function refuseReadOnly(path: string, label: string, hint: string): Promise<void> {
  const info = await stat(path).catch(() => null) // follows a link: its target is what gets written
  if (!info?.isFile()) return // a new file: whether the folder may be written is the write's to find out
  const writable = (info.mode & 0o222) !== 0 && (await access(path, constants.W_OK).then(() => true, () => false))
  if (!writable) throw new UserError(`${shortenPath(label)} is read-only, so Folio did not replace it.${hint ? ` ${hint}` : ''}`, 'read-only')
}

/**
 * Writes atomically: a temp file in the same folder, fsync, rename over the target, so the
 * file is always either the old or the new content, even if Folio is killed mid-save. The
 * existing file's mode (and, where permitted, owner) is kept, a symlink's target is written
 * (the link stays), and a read-only file is refused. A failure is a UserError that says why,
 * with the code of its kind; the target is then untouched and the temp file removed.
 */
export async function writeAtomic(path: string, bytes: Buffer, options: WriteOptions = {}): Promise<number> {
  const label = options.label ?? basename(path)
  await refuseReadOnly(path, label, options.readOnlyHint ?? '')
  try {
    await oneWriteAtATime(resolve(path), () => replaceFile(path, bytes))
  } catch (error) {
    throw new UserError(
      `Could not save ${shortenPath(label)}: ${describeFsError(error)}. Nothing was changed on disk; the text is still in the editor.`,
      fsProblem(error)?.code ?? 'failed'
    )
  }
  await syncFolder(dirname(path))
  return (await stat(path)).mtimeMs
}

let tempCount = 0
/**
 * A queue per key: `run(key, task)` starts the task once every earlier task of that key has
 * finished, so tasks of one key run in the order they were asked for. The key must be known
 * before the first await, or that order is lost.
 */
export function queueByKey(): <T>(key: string, task: () => Promise<T>) => Promise<T> {
  const last = new Map<string, Promise<unknown>>()
  return <T>(key: string, task: () => Promise<T>) => {
    const run = (last.get(key) ?? Promise.resolve()).then(task, task)
    const settled = run.catch(() => undefined)
    last.set(key, settled)
    void settled.then(() => last.get(key) === settled && last.delete(key))
    return run
  }
}

/** Writes of one file run one after the other, so the last one asked for is the one that stays. */
const oneWriteAtATime = queueByKey()

/**
 * The temp-file-and-rename itself. Every byte is written before the rename: a write that
 * stores only part of the bytes (as one does when the disk fills up) is continued until it
 * fails, where a single write call would have renamed a cut-short file over the post. The
 * fs calls are looked up on the module at call time, so tests can make one fail.
 */
async function replaceFile(path: string, bytes: Buffer): Promise<void> {
  const real = await promisify(fs.realpath)(path).catch(() => path)
  const info = await promisify(fs.stat)(real).catch(() => null)
  // `<name>.<digits>`, the form write-file-atomic used: a temp file left by a kill is recognised as one.
  const temp = `${real}.${process.pid}${String(++tempCount).padStart(6, '0')}`
  const mode = info ? info.mode & 0o7777 : 0o666
  const fd = await promisify(fs.open)(temp, 'wx', mode)
  try {
    try {
      for (let done = 0; done < bytes.length; ) {
        const written = await new Promise<number>((resolve, reject) => fs.write(fd, bytes, done, bytes.length - done, done, (error, n) => (error ? reject(error) : resolve(n))))
        if (written <= 0) throw Object.assign(new Error('the disk took no more bytes'), { code: 'ENOSPC' })
        done += written
      }
      await promisify(fs.fsync)(fd)
    } finally {
      await promisify(fs.close)(fd)
    }
    if (info) {
      // The owner where the process may set it (root, or a group of the user's); else the saver's own.
      await promisify(fs.chown)(temp, info.uid, info.gid).catch(() => undefined)
      await promisify(fs.chmod)(temp, mode) // open's mode went through the umask
    }
    await promisify(fs.rename)(temp, real)
  } catch (error) {
    await promisify(fs.unlink)(temp).catch(() => undefined)
    throw error
  }
}

/** Flushes a folder entry (the rename) to disk; best effort, since Windows cannot open folders. */
async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => null)
  await handle?.sync().catch(() => undefined)
  await handle?.close()
}
