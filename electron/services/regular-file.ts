import { constants, type Stats } from 'node:fs'
import { open, stat, type FileHandle } from 'node:fs/promises'
import { basename } from 'node:path'
import { UserError } from '../../common/errors'

/**
 * Opening a FIFO for reading waits for a writer, forever if none comes, and holds one of
 * libuv's four threads while it waits: four such opens stop every file operation, saves
 * included. So every read of a file in the folder goes through {@link openRegularFile}.
 */

/** What a file that is not a regular file is, in words. */
function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a folder'
  if (info.isFIFO()) return 'a named pipe (FIFO)'
  if (info.isSocket()) return 'a socket'
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device'
  return 'a special file'
}

const notRegular = (label: string, kind: string) => new UserError(`${label} is ${kind}, not a regular file, so Folio will not read it.`, 'special-file')

/** Read-only and non-blocking where the platform has it (Windows has no FIFOs in folders, and no O_NONBLOCK). */
const readFlags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)

/**
 * Opens a regular file for reading, refusing folders, FIFOs, sockets and devices with a
 * plain message (code `special-file`) that names the file as `label`. Never waits: the type
 * is looked at first, so a device is never even opened; the open is non-blocking, and the
 * type is checked again on the opened handle, so a file swapped for a FIFO in between is
 * refused too. The caller closes the handle.
 */
export async function openRegularFile(path: string, label = basename(path)): Promise<{ handle: FileHandle; info: Stats }> {
  const before = await stat(path)
  if (!before.isFile()) throw notRegular(label, kindOf(before))
  let handle: FileHandle
  try {
    handle = await open(path, readFlags)
  } catch (error) {
    // A socket cannot be opened at all; it turned into one since the stat.
    if ((error as NodeJS.ErrnoException).code === 'ENXIO') throw notRegular(label, 'a socket')
    throw error
  }
  try {
    const info = await handle.stat()
    if (!info.isFile()) throw notRegular(label, kindOf(info))
    return { handle, info }
  } catch (error) {
    await handle.close()
    throw error
  }
}

/**
 * The bytes of a regular file (see {@link openRegularFile}), or only its first `maxBytes`,
 * with the file's stat taken on the same handle.
 */
export async function readRegularFile(path: string, options: { label?: string; maxBytes?: number } = {}): Promise<{ bytes: Buffer; info: Stats }> {
  const { handle, info } = await openRegularFile(path, options.label)
  try {
    if (options.maxBytes === undefined) return { bytes: await handle.readFile(), info }
    const buffer = Buffer.alloc(Math.min(options.maxBytes, info.size))
    let filled = 0
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled)
      if (bytesRead === 0) break
      filled += bytesRead
    }
    return { bytes: buffer.subarray(0, filled), info }
  } finally {
    await handle.close()
  }
}
