/**
 * Resolves a link written in a post (`harbour-images/a%20b.jpg`, `./x.png`) to a path
 * relative to the opened folder, or null when it is not a local file or would leave the
 * folder (`../../secret.png`, `/etc/passwd`, `C:\x`). Query and fragment are dropped.
 */
export function resolvePostLink(postRelPath: string, link: string): string | null {
  if (!link || /^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith('//') || link.startsWith('#')) return null
  if (link.startsWith('/') || link.startsWith('\\')) return null
  let decoded: string
  try {
    decoded = decodeURIComponent(link.split(/[?#]/)[0] ?? '')
  } catch {
    return null
  }
  const parts = postRelPath.split('/').slice(0, -1)
  for (const segment of decoded.split(/[\\/]/)) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') {
      if (parts.length === 0) return null
      parts.pop()
    } else parts.push(segment)
  }
  return parts.length ? parts.join('/') : null
}

/** True for links that point at the web or mail: the only links that open outside Folio (main process and preview agree). */
export const isExternalLink = (href: string): boolean => /^(https?:\/\/|mailto:)/i.test(href)

/** Percent-encodes a folder-relative path for use in a URL, keeping the slashes. */
export const encodePath = (relPath: string): string => relPath.split('/').map(encodeURIComponent).join('/')
