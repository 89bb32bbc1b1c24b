import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import ExifReader from 'exifreader'
import sharp, { type Sharp } from 'sharp'

/**
 * Real test images made with sharp: blue, with a red block in the top-left quarter, so a
 * rotation or mirror shows in which corner the red ends up.
 */
export function testPicture(width: number, height: number): Sharp {
  const block = { width: Math.max(1, Math.round(width / 4)), height: Math.max(1, Math.round(height / 4)) }
  return sharp({ create: { width, height, channels: 3, background: { r: 0, g: 0, b: 255 } } }).composite([
    { input: { create: { ...block, channels: 3, background: { r: 255, g: 0, b: 0 } } }, left: 0, top: 0 }
  ])
}

/** GPS position written into test photos (the Field Museum, Chicago). */
export const gpsExif = { IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '41/1 51/1 58/1', GPSLongitudeRef: 'W', GPSLongitude: '87/1 37/1 0/1' } }

/** A camera-style JPEG: EXIF orientation, GPS and a Display P3 colour profile, as phones write them. */
export async function cameraJpeg(width: number, height: number, orientation = 6): Promise<Buffer> {
  const png = await testPicture(width, height).png().toBuffer()
  return sharp(png).jpeg({ quality: 95 }).withMetadata({ orientation }).withExifMerge(gpsExif).withIccProfile('p3').toBuffer()
}

/** Noise, so encoder quality changes the size. */
export const noisy = (width: number, height: number): Sharp =>
  sharp({ create: { width, height, channels: 3, background: { r: 0, g: 0, b: 0 }, noise: { type: 'gaussian', mean: 128, sigma: 40 } } })

/** The GPS latitude an image carries, or undefined. */
export const gpsLatitude = (bytes: Buffer): string | undefined => {
  try {
    return ExifReader.load(bytes).GPSLatitude?.description?.toString()
  } catch {
    return undefined
  }
}

/** The RGB of one pixel. */
export async function pixel(input: string | Buffer, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(input).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  const at = (y * info.width + x) * info.channels
  return [data[at]!, data[at + 1]!, data[at + 2]!]
}

/** True when a pixel is clearly red (lossy encoders shift colours a little). */
export const isRed = ([r, g, b]: [number, number, number]): boolean => r > 200 && g < 60 && b < 60

/** True when a pixel is clearly blue. */
export const isBlue = ([r, g, b]: [number, number, number]): boolean => b > 200 && r < 60 && g < 60

/** Writes a post with a heading and returns its folder-relative path. */
export async function writePost(root: string, name: string, body = ''): Promise<string> {
  await writeFile(join(root, name), `---\ntitle: Test\n---\n\n# Test\n\n${body}`)
  return name
}
