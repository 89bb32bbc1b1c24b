import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import sharp from 'sharp'

/**
 * HEIC/HEIF (HEVC) decoding. sharp's prebuilt libvips reads HEIF headers but ships no HEVC
 * decoder, so when it cannot decode one itself the pixels come from heic-convert's decoder
 * (libheif compiled to WebAssembly). That decoder is synchronous and takes seconds for a
 * 12-megapixel photo, so it runs in a worker thread to keep the main process responsive;
 * the RGBA pixels go straight to sharp, skipping heic-convert's pure-JS JPEG encoder (slow,
 * and a second lossy generation).
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
