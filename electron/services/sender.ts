/** What the IPC layer knows about the frame a call came from (Electron's WebFrameMain, reduced). */
export interface SenderInfo {
  url: string
  /** The frame has no parent: it is a page, not an iframe inside one. */
  topLevel: boolean
  /** The frame is the main frame of Folio's own window. */
  appWindow: boolean
}

/**
 * True when a call may reach the handlers: it comes from the top-level page of Folio's
 * window, and that page is still the app's own page (`appUrl`: the built index.html, or the
 * dev server). Compared as parsed URLs, not string prefixes, so `index.html.evil.html` or
 * `localhost:5173.evil.com` never pass. Query and fragment are ignored (the app may use them).
 */
export function isTrustedSender(sender: SenderInfo | null, appUrl: string): boolean {
  if (!sender || !sender.topLevel || !sender.appWindow) return false
  let app: URL
  let from: URL
  try {
    app = new URL(appUrl)
    from = new URL(sender.url)
  } catch {
    return false
  }
  if (app.protocol === 'file:') return from.protocol === 'file:' && from.host === app.host && from.pathname === app.pathname
  if (app.protocol !== 'http:' && app.protocol !== 'https:') return false
  // The dev server serves the app at any path of its origin (client-side routing).
  return from.origin === app.origin
}
