import { open, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import iconv from 'iconv-lite'
import type { Encoding } from '../../common/api'

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

/** Error with a message meant for the user; services throw it for expected failures. */
export class UserError extends Error {
  override name = 'UserError'
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
    throw new UserError('This file is UTF-16 big-endian text, which Folio cannot save back safely. Convert it to UTF-8 to open it.')
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    if (bytes.length % 2 !== 0) throw new UserError('This UTF-16 file ends in half a character (it may be damaged), so Folio will not open it.')
    encoding = 'utf16le'
    text = iconv.decode(bytes.subarray(2), 'utf16le')
  } else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf8-bom'
    text = strictUtf8(bytes.subarray(3))
  } else {
    if (looksBinary(bytes)) throw new UserError('This file is not text (it contains binary data), so Folio will not open it as a post.')
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
    throw new UserError('This file starts with a UTF-8 marker but contains bytes that are not UTF-8 (it may be damaged), so Folio will not open it.')
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
          `This post is stored as ${encoding}, which cannot hold ${lost.map((c) => `“${c}”`).join(' ')}. Nothing was written; remove those characters or convert the post to UTF-8 to save it.`
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
 * Reads and decodes a text file. The bytes and the mtime come from one open file handle, so
 * the mtime always belongs to the bytes read, even while another program replaces the file.
 */
export async function readText(path: string): Promise<DecodedText & { mtimeMs: number; size: number }> {
  const handle = await open(path, 'r')
  try {
    const info = await handle.stat()
    if (!info.isFile()) throw new UserError('This is a folder or a device, not a post.')
    const bytes = await handle.readFile()
    return { ...decodeText(bytes), mtimeMs: info.mtimeMs, size: bytes.length }
  } finally {
    await handle.close()
  }
}

/**
 * Writes atomically: a temp file in the same folder, fsync, rename over the target, so the
 * file is always either the old or the new content, even if Folio is killed mid-save. The
 * existing file's mode (and, where permitted, owner) is kept. A failure is a UserError that
 * says why; the target is then untouched and the temp file removed.
 */
export async function writeAtomic(path: string, bytes: Buffer): Promise<number> {
  try {
    await writeFileAtomic(path, bytes, { fsync: true })
  } catch (error) {
    throw new UserError(`Could not save ${path}: ${describeFsError(error)}. Nothing was changed on disk; the text is still in the editor.`)
  }
  await syncFolder(dirname(path))
  return (await stat(path)).mtimeMs
}

/** Flushes a folder entry (the rename) to disk; best effort, since Windows cannot open folders. */
async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => null)
  await handle?.sync().catch(() => undefined)
  await handle?.close()
}

/** Turns a Node fs error into words a writer understands. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  switch (code) {
    case 'ENOSPC':
      return 'the disk is full'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'EROFS':
      return 'the disk is read-only'
    case 'ENOENT':
      return 'the file or folder does not exist'
    case 'EISDIR':
      return 'a folder has that name'
    case 'EBUSY':
      return 'another program is using the file'
    default:
      return error instanceof Error ? error.message : String(error)
  }
}
