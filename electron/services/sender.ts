import { appScheme } from './app-protocol'

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
 * window, and that page is still the app's own page (`appUrl`: the built renderer on the
 * `app://folio` origin, or the dev server). Compared as parsed URLs, not string prefixes,
 * so `app://folio.evil/` or `localhost:5173.evil.com` never pass. Any other scheme as the
 * app URL (file: included) trusts no one: under file:// every local file would share the
 * app's origin.
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
  // Node's URL gives non-special schemes the origin "null", so the scheme and host are compared.
  if (app.protocol === `${appScheme}:`) return from.protocol === app.protocol && from.host === app.host && app.host !== ''
  if (app.protocol !== 'http:' && app.protocol !== 'https:') return false
  // The dev server serves the app at any path of its origin (client-side routing).
  return from.origin === app.origin
}
