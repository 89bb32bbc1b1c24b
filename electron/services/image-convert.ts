import { readFile } from 'node:fs/promises'
import sharp, { type Metadata, type Sharp } from 'sharp'
import { decodeHeic, heicProfile, sharpDecodesHeic, tiffWithProfile } from './image-heic'

/** How imported images are processed. */
export interface ConvertOptions {
  /** Longest edge in pixels: larger images are scaled down, never up. 0 keeps every size. */
  maxEdge: number
  /** Encoder quality, 1-100, for JPEG, WebP and AVIF. */
  quality: number
  /** Keep EXIF, XMP and IPTC (GPS included). Off by default: only the colour profile is kept. */
  keepMetadata: boolean
  /**
   * Copy files browsers show (JPEG, PNG, WebP, GIF, AVIF) byte for byte, metadata and size
   * included. HEIC and TIFF, which browsers do not show, are still converted, at full size.
   */
  keepOriginal: boolean
}

/** The app's defaults: 2400 px long edge, quality 82, metadata removed, files converted. */
export const defaultConvertOptions: ConvertOptions = { maxEdge: 2400, quality: 82, keepMetadata: false, keepOriginal: false }

/** A file the import skips, with the reason shown to the user. */
export class SkipError extends Error {
  override name = 'SkipError'
}

/** A file path or the image's bytes. */
export type ImageInput = string | Uint8Array

/** Formats imported images are written in. */
export type OutputFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif'

/** The file extension (no dot) of each output format. */
export const extensionFor: Record<OutputFormat, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', gif: 'gif', avif: 'avif' }

/** What the header says about an input image. */
export interface SniffedImage {
  /** Input format: jpeg, png, webp, gif, tiff, avif or heic. */
  input: string
  /** Output format: the input's own, except TIFF and HEIC which become JPEG. */
  output: OutputFormat
  /** HEVC-compressed HEIF that sharp cannot decode itself. */
  heic: boolean
  /** A GIF or WebP with more than one frame. */
  animated: boolean
  /** The largest edge of one frame, in pixels. */
  longEdge: number
}

/** Turns a sharp or fs failure into a reason a writer understands. */
export function describeImageError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'ENOENT' || /Input file is missing|no such file/i.test(message)) return 'file not found'
  if (code === 'EACCES' || code === 'EPERM' || /permission denied/i.test(message)) return 'could not read the file: permission denied'
  if (/unsupported image format/i.test(message)) return 'not a supported image type'
  if (/pixel limit/i.test(message)) return 'the image is too large (over 268 megapixels)'
  return 'the image is damaged or incomplete'
}

/** Reads an image's header (not its pixels) and decides what it becomes; throws SkipError when it cannot be imported. */
export async function sniffImage(input: ImageInput): Promise<SniffedImage> {
  let meta: Metadata
  try {
    meta = await sharp(input).metadata()
  } catch (error) {
    throw new SkipError(describeImageError(error))
  }
  const frames = meta.pages ?? 1
  const longEdge = Math.max(meta.width, frames > 1 && meta.pageHeight ? meta.pageHeight : meta.height)
  const sniffed = (input: string, output: OutputFormat, heic = false): SniffedImage => ({
    input,
    output,
    heic,
    animated: frames > 1 && (output === 'gif' || output === 'webp'),
    longEdge
  })
  switch (meta.format) {
    case 'jpeg':
    case 'png':
    case 'webp':
    case 'gif':
      return sniffed(meta.format, meta.format)
    case 'tiff':
      return sniffed('tiff', 'jpeg')
    case 'heif':
      if (meta.compression === 'av1') return sniffed('avif', 'avif')
      return sniffed('heic', 'jpeg', !sharpDecodesHeic())
    default:
      throw new SkipError(`not a supported image type (${meta.format})`)
  }
}

/** True when the file is written exactly as it came: kept originals, and GIFs (animation and palette intact) that fit. */
export function copiesAsIs(sniffed: SniffedImage, options: ConvertOptions): boolean {
  if (options.keepOriginal && sniffed.input === sniffed.output) return true
  return sniffed.output === 'gif' && (options.maxEdge === 0 || sniffed.longEdge <= options.maxEdge)
}

/**
 * Converts one image: EXIF orientation applied to the pixels, scaled down to the long edge,
 * metadata removed but the colour profile kept (unless keepMetadata), encoded in the
 * sniffed output format. sharp does the work off the JavaScript thread. Throws SkipError.
 */
export async function convertImage(input: ImageInput, sniffed: SniffedImage, options: ConvertOptions): Promise<Buffer> {
  let image: Sharp
  if (sniffed.heic) {
    // The HEIF decoder applies the container's rotation; its EXIF orientation is never used.
    const bytes = typeof input === 'string' ? await readFile(input) : input
    const pixels = await decodeHeic(bytes).catch(() => {
      throw new SkipError('the HEIC image is damaged or uses a variant Folio cannot read')
    })
    const icc = await heicProfile(bytes)
    image = icc ? sharp(tiffWithProfile(pixels, icc)) : sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: 4 } })
  } else {
    image = sharp(input, { animated: sniffed.animated, failOn: 'error' }).autoOrient()
  }
  const maxEdge = options.keepOriginal ? 0 : options.maxEdge
  if (maxEdge > 0) image = image.resize({ width: maxEdge, height: maxEdge, fit: 'inside', withoutEnlargement: true })
  image = options.keepMetadata ? image.keepMetadata() : image.keepIccProfile()
  const quality = options.quality
  switch (sniffed.output) {
    case 'jpeg':
      image = image.flatten({ background: '#ffffff' }).jpeg({ quality })
      break
    case 'png':
      image = image.png()
      break
    case 'webp':
      image = image.webp({ quality })
      break
    case 'avif':
      image = image.avif({ quality })
      break
    case 'gif':
      image = image.gif()
      break
  }
  try {
    return await image.toBuffer()
  } catch (error) {
    throw new SkipError(describeImageError(error))
  }
}
