import { extname } from 'node:path'
import { webImageTypes } from '../../common/images'
import { readRegularFile } from './regular-file'
import { resolveInside } from './workspace'

/** Image types the preview may load from the opened folder, with their MIME types (common/images.ts's table). */
export const imageTypes = webImageTypes

/** A file served to the preview. */
export interface ServedFile {
  body: Buffer
  type: string
  /** Response headers: no MIME sniffing, and a CSP under which an SVG can never run script. */
  headers: Record<string, string>
}

/**
 * The headers every served file gets. An SVG opened as a document would otherwise run its
 * scripts with the scheme's privileges; under this policy it cannot run or load anything.
 */
export const servedHeaders = (type: string): Record<string, string> => ({
  'content-type': type,
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox"
})

/**
 * Serves an image of the opened folder for the preview's custom protocol. `urlPath` is
 * the URL path after the scheme's host, still percent-encoded. Anything that is not an
 * image inside the folder (after decoding, `..`, absolute paths and symlinks) is refused
 * with null. SVG is served with its own strict CSP by the caller, so scripts in it never run.
 */
export async function serveWorkspaceFile(root: string | null, urlPath: string): Promise<ServedFile | null> {
  if (!root) return null
  let relPath: string
  try {
    relPath = decodeURIComponent(urlPath.replace(/^\/+/, ''))
  } catch {
    return null
  }
  const type = imageTypes[extname(relPath).toLowerCase()]
  if (!type || relPath.includes('\0')) return null
  try {
    const file = await resolveInside(root, relPath)
    return { body: (await readRegularFile(file)).bytes, type, headers: servedHeaders(type) }
  } catch {
    return null
  }
}
