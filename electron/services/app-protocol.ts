import { readFile, stat } from 'node:fs/promises'
import { extname, resolve } from 'node:path'
import { isInside } from './workspace'

/**
 * The privileged scheme the built renderer is loaded from (`app://folio/index.html`), as
 * Electron's security checklist advises instead of file://: under file:// the page's
 * `'self'` would match every local file, so a post could load scripts or frames from disk.
 * Here `'self'` is the app's own bundle and nothing else.
 */
export const appScheme = 'app'
/** The one host of the scheme; any other host is refused. */
export const appHost = 'folio'
/** The renderer's entry page. */
export const appEntryUrl = `${appScheme}://${appHost}/index.html`

/** MIME types of what electron-vite writes to out/renderer. Anything else is refused. */
export const appFileTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm'
}

/**
 * The file under `rendererDir` that an `app:` URL names, with its MIME type, or null when
 * the URL is not the app's: another scheme or host, an unknown file type, or a path that
 * leaves the folder after decoding (`..`, `%2e%2e`, encoded slashes, NUL). Pure: no disk access.
 */
export function appFileFor(rendererDir: string, url: string): { path: string; type: string } | null {
  let parsed: URL
  let relPath: string
  try {
    parsed = new URL(url)
    relPath = decodeURIComponent(parsed.pathname)
  } catch {
    return null
  }
  if (parsed.protocol !== `${appScheme}:` || parsed.host !== appHost) return null
  if (relPath.includes('\0') || relPath.includes('\\')) return null
  if (relPath === '/' || relPath === '') relPath = '/index.html'
  const root = resolve(rendererDir)
  const path = resolve(root, `.${relPath}`)
  if (path === root || !isInside(root, path)) return null
  const type = appFileTypes[extname(path).toLowerCase()]
  return type ? { path, type } : null
}

/** A response for the app scheme: status, body and headers (main.ts wraps it in a Response). */
export interface AppResponse {
  status: number
  body: Buffer
  headers: Record<string, string>
}

/**
 * Answers one request of the app scheme from the built renderer folder: the file with its
 * MIME type and `nosniff`, or 404 for anything {@link appFileFor} refuses or that is missing.
 */
export async function serveAppFile(rendererDir: string, url: string): Promise<AppResponse> {
  const notFound: AppResponse = { status: 404, body: Buffer.from('Not found'), headers: { 'content-type': 'text/plain' } }
  const file = appFileFor(rendererDir, url)
  if (!file) return notFound
  try {
    if (!(await stat(file.path)).isFile()) return notFound
    return { status: 200, body: await readFile(file.path), headers: { 'content-type': file.type, 'x-content-type-options': 'nosniff' } }
  } catch {
    return notFound
  }
}
