/** Where a link or image source written in a post points. */
export type LinkTarget = { kind: 'url' } | { kind: 'outside' } | { kind: 'local'; path: string }

/**
 * The one reading of a link destination as written in a post (`trip-images/a%20b.jpg`,
 * `./x.png?v=2`, `<a b.jpg>` already unwrapped): web, mail and data URLs are `url`; absolute
 * paths, `file:` URLs, drive letters and `..` climbing above `base` are `outside`; anything
 * else is `local`, a `/`-joined path below `base` (segments of the folder the link is read
 * from, [] for the post's own folder), percent-decoded, with `.`, `..`, backslashes, query
 * and fragment resolved away ('' for an empty link or a bare `#fragment`). A stray `%` that
 * is no escape is kept as written, as a browser would request it.
 */
export function linkTarget(link: string, base: readonly string[] = []): LinkTarget {
  const value = link.trim()
  if (/^file:/i.test(value) || /^[a-z]:[\\/]/i.test(value) || /^(\\|\/(?!\/))/.test(value)) return { kind: 'outside' }
  if (/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(value)) return { kind: 'url' }
  let path = value.split(/[?#]/)[0] ?? ''
  try {
    path = decodeURIComponent(path)
  } catch {
    // Not percent-encoded after all: keep it as written.
  }
  const parts = [...base]
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue
    if (part !== '..') parts.push(part)
    else if (parts.pop() === undefined) return { kind: 'outside' }
  }
  return { kind: 'local', path: parts.join('/') }
}

/**
 * Resolves a link written in a post (`harbour-images/a%20b.jpg`, `./x.png`) to a path
 * relative to the opened folder, or null when it is not a local file or would leave the
 * folder (`../../secret.png`, `/etc/passwd`, `C:\x`). Query and fragment are dropped.
 */
export function resolvePostLink(postRelPath: string, link: string): string | null {
  if (link.trim().startsWith('#')) return null
  const target = linkTarget(link, postRelPath.split('/').slice(0, -1))
  return target.kind === 'local' && target.path ? target.path : null
}

/** True for links that point at the web or mail: the only links that open outside Folio (main process and preview agree). */
export const isExternalLink = (href: string): boolean => /^(https?:\/\/|mailto:)/i.test(href)

/** Percent-encodes a folder-relative path for use in a URL, keeping the slashes. */
export const encodePath = (relPath: string): string => relPath.split('/').map(encodeURIComponent).join('/')
