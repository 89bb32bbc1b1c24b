import { readFile } from 'node:fs/promises'
import { extname, join, resolve } from 'node:path'
import { mkdtemp, rename } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { chromium, type Browser, type Page } from 'playwright'
import { callNames, encodeCallError, type EventName, type EventPayloads } from '../../common/api'
import { dispatchCall } from '../../electron/services/dispatch'
import { createFolioService, type FolioService, type HandlerDeps } from '../../electron/services/handlers'
import { serveWorkspaceFile } from '../../electron/services/files'
import { isTrustedSender } from '../../electron/services/sender'
import { chromiumArgs, findChromium } from './browser'

/** The fixed origin the built renderer is served from here; in Electron it is app://folio (electron/services/app-protocol.ts). */
export const appOrigin = 'http://folio.test'
const rendererDir = resolve(import.meta.dirname, '../../out/renderer')
const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.json': 'application/json' }

export interface HarnessOptions {
  folder: string
  /** What the "open folder" dialog answers. */
  pickFolder?: () => Promise<string | null>
  pickImages?: () => Promise<string[]>
  pickExportPath?: HandlerDeps['pickExportPath']
  /** The app's data folder (recovery copies); a fresh temp folder when not given. */
  dataDir?: string
  viewport?: { width: number; height: number }
  colorScheme?: 'light' | 'dark'
  /** Runs on the page before it first loads the app (benchmarks add their probes here). */
  beforeLoad?: (page: Page) => Promise<void>
}

export interface Harness {
  browser: Browser
  page: Page
  service: FolioService
  trashDir: string
  /** Every call the renderer made, in order (name only). */
  calls: string[]
  dataDir: string
  /** Paths the app asked the system to open or show (after an export). */
  opened: { path: string; how: 'open' | 'show' }[]
  /** URLs the app asked the system to open in the browser (openExternal). */
  externals: string[]
  close(): Promise<void>
}

let sharedBrowser: Browser | null = null

async function browser(): Promise<Browser> {
  if (sharedBrowser?.isConnected()) return sharedBrowser
  const executablePath = findChromium()
  if (!executablePath) throw new Error('No Chromium found: set FOLIO_CHROMIUM, install Debian chromium, or run `npx playwright install chromium`.')
  sharedBrowser = await chromium.launch({ executablePath, args: chromiumArgs })
  return sharedBrowser
}

/**
 * Starts Folio's built renderer in Chromium with the real handler table behind
 * `window.folio`: the same services Electron's IPC registers, on real files. Only the
 * transport differs: page.exposeBinding instead of ipcMain/contextBridge.
 */
export async function launchFolio(options: HarnessOptions): Promise<Harness> {
  const trashDir = await mkdtemp(join(tmpdir(), 'folio-trash-'))
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'folio-data-')))
  const opened: Harness['opened'] = []
  const externals: string[] = []
  const context = await (await browser()).newContext({ viewport: options.viewport ?? { width: 1400, height: 900 }, colorScheme: options.colorScheme ?? 'light' })
  const page = await context.newPage()
  const calls: string[] = []
  let page_: Page | null = page
  const service = createFolioService({
    pickFolder: options.pickFolder ?? (async () => null),
    pickImages: options.pickImages ?? (async () => []),
    pickExportPath: options.pickExportPath ?? (async () => null),
    trash: async (path) => rename(path, join(trashDir, `${Date.now()}-${path.split('/').pop()}`)),
    openExternal: async (url) => void externals.push(url),
    dataDir,
    thumbnailDir: join(dataDir, 'thumbs'),
    showItemInFolder: (path) => void opened.push({ path, how: 'show' }),
    openPath: async (path) => {
      opened.push({ path, how: 'open' })
      return ''
    },
    emit: <E extends EventName>(event: E, payload: EventPayloads[E]) => {
      void page_?.evaluate(([e, p]) => (window as unknown as { __folioEmit(e: string, p: unknown): void }).__folioEmit(e, p), [event, payload] as const).catch(() => {})
    }
  })
  await service.open(options.folder)

  await page.exposeBinding('__folioCall', async (source, name: string, args: unknown[]) => {
    // The same sender rule as electron/ipc.ts: only the app's own top-level page may call.
    const sender = { url: source.frame.url(), topLevel: source.frame.parentFrame() === null, appWindow: source.frame === page.mainFrame() }
    if (!isTrustedSender(sender, `${appOrigin}/index.html`)) return { ok: false, error: encodeCallError({ code: 'invalid', message: 'refused' }) }
    calls.push(name)
    // As the preload does: the page gets the code inside the error's message.
    const reply = await dispatchCall(service.handlers, name, args)
    return reply.ok ? reply : { ok: false, error: encodeCallError(reply.error) }
  })
  await page.addInitScript(
    ({ names, imageBase }) => {
      const listeners = new Map<string, Set<(payload: unknown) => void>>()
      const call = (window as unknown as { __folioCall(n: string, a: unknown[]): Promise<{ ok: boolean; value?: unknown; error?: string }> }).__folioCall
      const api: Record<string, unknown> = {}
      for (const name of names) {
        api[name] = async (...args: unknown[]) => {
          const reply = await call(name, args)
          if (!reply.ok) throw new Error(reply.error)
          return reply.value
        }
      }
      api.on = (event: string, listener: (payload: unknown) => void) => {
        const set = listeners.get(event) ?? new Set()
        listeners.set(event, set)
        set.add(listener)
        return () => set.delete(listener)
      }
      api.pathForFile = (file: File) => (file as File & { folioPath?: string }).folioPath ?? ''
      api.imageBase = imageBase
      Object.defineProperty(window, 'folio', { value: Object.freeze(api) })
      Object.defineProperty(window, '__folioEmit', { value: (event: string, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload)) })
    },
    { names: callNames, imageBase: `${appOrigin}/@workspace/` }
  )
  await page.route(`${appOrigin}/**`, async (route) => {
    const url = new URL(route.request().url())
    if (url.pathname.startsWith('/@workspace/')) {
      const file = await serveWorkspaceFile(service.root(), url.pathname.slice('/@workspace/'.length))
      // The same headers as Electron's image protocol (nosniff, a CSP that stops SVG scripts).
      return file ? route.fulfill({ body: file.body, headers: file.headers }) : route.fulfill({ status: 404, body: 'Not found' })
    }
    const path = resolve(rendererDir, `.${decodeURIComponent(url.pathname)}`)
    if (!path.startsWith(rendererDir)) return route.fulfill({ status: 403 })
    try {
      return route.fulfill({ body: await readFile(path), contentType: types[extname(path)] ?? 'application/octet-stream' })
    } catch {
      return route.fulfill({ status: 404, body: 'Not found' })
    }
  })
  await options.beforeLoad?.(page)
  await page.goto(`${appOrigin}/index.html`)
  return {
    browser: context.browser()!,
    page,
    service,
    trashDir,
    calls,
    dataDir,
    opened,
    externals,
    async close() {
      page_ = null
      await service.dispose()
      await context.close()
    }
  }
}
