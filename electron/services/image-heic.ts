import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import sharp from 'sharp'

/**
 * HEIC/HEIF (HEVC) decoding. sharp's prebuilt libvips reads HEIF headers but ships no HEVC
 * decoder, so when it cannot decode one itself the pixels come from heic-convert's decoder
 * (libheif compiled to WebAssembly). That decoder is synchronous and takes seconds for a
 * 12-megapixel photo, so it runs in a worker thread to keep the main process responsive;
 * the RGBA pixels go straight to sharp, with the file's colour profile, skipping
 * heic-convert's pure-JS JPEG encoder (slow, and a second lossy generation).
 */

/** True when this build of sharp decodes HEVC-compressed HEIF itself (a custom libvips with libde265). */
export const sharpDecodesHeic = (): boolean => (sharp.format.heif?.input.fileSuffix ?? []).includes('.heic')

/** Decoded HEIC pixels: the primary image, with its HEIF rotation and mirroring applied. */
export interface HeicPixels {
  width: number
  height: number
  /** RGBA, 8 bits per channel. */
  data: Uint8Array
}

/** An ISO-BMFF box: its four-letter type and where its payload lies. */
interface Box {
  type: string
  body: number
  end: number
}

/** The boxes between `from` and `to`; stops at a box that does not fit (a damaged file). */
function boxesIn(bytes: Buffer, from: number, to: number): Box[] {
  const found: Box[] = []
  for (let at = from; at + 8 <= to; ) {
    let size = bytes.readUInt32BE(at)
    let body = at + 8
    if (size === 1 && at + 16 <= to) {
      size = Number(bytes.readBigUInt64BE(at + 8))
      body += 8
    } else if (size === 0) size = to - at
    if (size < body - at || at + size > to) break
    found.push({ type: bytes.toString('latin1', at + 4, at + 8), body, end: at + size })
    at += size
  }
  return found
}

/** A `colr` property: an ICC profile, or an nclx description's colour primaries and transfer curve. */
type Colour = { icc: Buffer } | { primaries: number; transfer: number }

/**
 * The colour of a HEIC's primary image: its `colr` property of type `prof` or `rICC` (an
 * ICC profile), else of type `nclx`; null when it has none or the boxes are damaged.
 */
function heicColour(file: Uint8Array): Colour | null {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength)
  const inside = (parent: Box, skip = 0) => boxesIn(bytes, parent.body + skip, parent.end)
  const colourOf = (box: Box | undefined): Colour | null => {
    const kind = box?.type === 'colr' ? bytes.toString('latin1', box.body, box.body + 4) : ''
    if (kind === 'prof' || kind === 'rICC') return { icc: Buffer.from(bytes.subarray(box!.body + 4, box!.end)) }
    return kind === 'nclx' ? { primaries: bytes.readUInt16BE(box!.body + 4), transfer: bytes.readUInt16BE(box!.body + 6) } : null
  }
  // A profile says more than an nclx description, when an image has both.
  const best = (colours: (Colour | null)[]) => colours.find((c) => c && 'icc' in c) ?? colours.find((c) => c !== null) ?? null
  try {
    const meta = boxesIn(bytes, 0, bytes.length).find((box) => box.type === 'meta')
    if (!meta) return null
    const metaBoxes = inside(meta, 4) // meta is a full box: version and flags come first
    const iprp = metaBoxes.find((box) => box.type === 'iprp')
    const ipco = iprp && inside(iprp).find((box) => box.type === 'ipco')
    if (!iprp || !ipco) return null
    const properties = inside(ipco)
    // The properties associated with the primary item (pitm, ipma), else the first colour.
    const pitm = metaBoxes.find((box) => box.type === 'pitm')
    const ipma = inside(iprp).find((box) => box.type === 'ipma')
    if (pitm && ipma) {
      const primary = bytes[pitm.body] === 0 ? bytes.readUInt16BE(pitm.body + 4) : bytes.readUInt32BE(pitm.body + 4)
      const narrowIds = bytes[ipma.body] === 0
      const wideIndexes = (bytes[ipma.body + 3]! & 1) === 1
      const mine: (Colour | null)[] = []
      let at = ipma.body + 8
      for (let entries = bytes.readUInt32BE(ipma.body + 4); entries > 0 && at < ipma.end; entries--) {
        const item = narrowIds ? bytes.readUInt16BE(at) : bytes.readUInt32BE(at)
        at += narrowIds ? 2 : 4
        for (let count = bytes[at++]!; count > 0; count--) {
          const index = wideIndexes ? bytes.readUInt16BE(at) & 0x7fff : bytes[at]! & 0x7f
          at += wideIndexes ? 2 : 1
          if (item === primary) mine.push(colourOf(properties[index - 1]))
        }
      }
      const colour = best(mine)
      if (colour) return colour
    }
    return best(properties.map(colourOf))
  } catch {
    return null // a read past the end: damaged boxes; the decoder says whether the image is usable
  }
}

let displayP3: Promise<Buffer | null> | null = null

/**
 * The profile a HEIC's decoded pixels are in. libheif-js decodes the pixels but does not
 * hand the profile out; without it a Display P3 photo (every recent iPhone's) would be
 * read as sRGB and lose its colours. Its own ICC profile, or Display P3 (libvips's
 * built-in profile) when an nclx description gives P3 primaries (code point 12) with the
 * sRGB curve (13) or none (2), as some Android phones write it; null for sRGB and the rest.
 */
export async function heicProfile(file: Uint8Array): Promise<Buffer | null> {
  const colour = heicColour(file)
  if (!colour) return null
  if ('icc' in colour) return colour.icc
  if (colour.primaries !== 12 || (colour.transfer !== 13 && colour.transfer !== 2)) return null
  displayP3 ??= sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } })
    .withIccProfile('p3')
    .jpeg()
    .toBuffer()
    .then(async (jpeg) => (await sharp(jpeg).metadata()).icc ?? null)
    .catch(() => null) // no profile to hand: the pixels go in as sRGB, as before
  return displayP3
}

/**
 * Decoded pixels with their ICC profile, as an uncompressed TIFF: sharp takes no profile
 * with raw pixels, and converting them from the profile they are in would need one.
 */
export function tiffWithProfile(pixels: HeicPixels, icc: Buffer): Buffer {
  const { width, height, data } = pixels
  const entries = 12
  const bitsAt = 8 + 2 + entries * 12 + 4
  const iccAt = bitsAt + 8
  const pixelsAt = iccAt + icc.length + (icc.length % 2)
  const head = Buffer.alloc(pixelsAt)
  head.write('II', 0, 'latin1')
  head.writeUInt16LE(42, 2)
  head.writeUInt32LE(8, 4)
  head.writeUInt16LE(entries, 8)
  const SHORT = 3
  const LONG = 4
  const UNDEFINED = 7
  const fields: [tag: number, type: number, count: number, value: number][] = [
    [256, LONG, 1, width],
    [257, LONG, 1, height],
    [258, SHORT, 4, bitsAt], // BitsPerSample 8, 8, 8, 8
    [259, SHORT, 1, 1], // no compression
    [262, SHORT, 1, 2], // RGB
    [273, LONG, 1, pixelsAt],
    [277, SHORT, 1, 4], // samples per pixel
    [278, LONG, 1, height], // one strip
    [279, LONG, 1, width * height * 4],
    [284, SHORT, 1, 1], // interleaved
    [338, SHORT, 1, 2], // the fourth sample is unassociated alpha
    [34675, UNDEFINED, icc.length, iccAt] // the ICC profile
  ]
  fields.forEach(([tag, type, count, value], i) => {
    const at = 10 + i * 12
    head.writeUInt16LE(tag, at)
    head.writeUInt16LE(type, at + 2)
    head.writeUInt32LE(count, at + 4)
    if (type === SHORT && count === 1) head.writeUInt16LE(value, at + 8)
    else head.writeUInt32LE(value, at + 8)
  })
  for (let i = 0; i < 4; i++) head.writeUInt16LE(8, bitsAt + i * 2)
  icc.copy(head, iccAt)
  return Buffer.concat([head, Buffer.from(data.buffer, data.byteOffset, data.byteLength)])
}

// CommonJS run by the worker: decode one buffer and send the pixels back without copying.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads')
const decode = require(workerData.decoder)
decode({ buffer: workerData.bytes }).then(
  (image) => parentPort.postMessage({ width: image.width, height: image.height, data: image.data }, [image.data.buffer]),
  (error) => parentPort.postMessage({ error: String((error && error.message) || error) })
)
`

let decoderPath: string | null = null
const decoder = (): string => {
  if (!decoderPath) {
    const local = createRequire(import.meta.url)
    decoderPath = createRequire(local.resolve('heic-convert')).resolve('heic-decode')
  }
  return decoderPath
}

/** Decodes a HEIC/HEIF file's primary image in a worker thread; rejects for damaged files. */
export function decodeHeic(bytes: Uint8Array): Promise<HeicPixels> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource, { eval: true, workerData: { decoder: decoder(), bytes } })
    let settled = false
    const finish = (error: Error | null, pixels?: HeicPixels) => {
      if (settled) return
      settled = true
      void worker.terminate()
      if (error) reject(error)
      else resolve(pixels!)
    }
    worker.once('message', (reply: HeicPixels & { error?: string }) =>
      reply.error ? finish(new Error(reply.error)) : finish(null, { width: reply.width, height: reply.height, data: reply.data })
    )
    worker.once('error', (error) => finish(error))
    worker.once('exit', (code) => finish(new Error(`HEIC decoder stopped (exit code ${code})`)))
  })
}
