import { app, BrowserWindow, dialog, Menu, protocol, session, shell, type MenuItemConstructorOptions, type WebFrameMain } from 'electron'
import { join } from 'node:path'
import { channel, imageScheme, type EventName, type EventPayloads } from '../common/api'
import { importableExtensions } from '../common/images'
import { registerHandlers } from './ipc'
import { createFolioService } from './services/handlers'
import { serveWorkspaceFile } from './services/files'
import { appEntryUrl, appScheme, serveAppFile } from './services/app-protocol'
import { closeButtons, closeChoices, createCloseGuard } from './services/close-guard'
import { isTrustedSender } from './services/sender'
import { ensureSampleBlog } from './services/sample'
import { loadState, saveState, type AppState } from './services/state'
import { isExternalLink } from '../common/links'
import type { Settings } from '../common/settings'
import { menuTemplate } from './menu'

const dev = Boolean(process.env.ELECTRON_RENDERER_URL)
// The built renderer comes from the app:// scheme, never file:// (see services/app-protocol.ts).
const rendererUrl = process.env.ELECTRON_RENDERER_URL ?? appEntryUrl
const rendererDir = join(import.meta.dirname, '../renderer')
const stateFile = () => join(app.getPath('userData'), 'state.json')
const resourcesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : join(import.meta.dirname, '../../resources')

let window: BrowserWindow | null = null
let state: AppState

// Tests run the app against a throw-away data folder.
if (process.env.FOLIO_USER_DATA) app.setPath('userData', process.env.FOLIO_USER_DATA)
if (!app.requestSingleInstanceLock()) app.quit()

// Both schemes must be privileged before ready so they behave like standard, secure origins
// (module scripts, fetch); neither bypasses the page's CSP.
protocol.registerSchemesAsPrivileged([
  { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  { scheme: imageScheme, privileges: { standard: true, secure: true, stream: true } }
])

const send = <E extends EventName>(event: E, payload: EventPayloads[E]) => {
  if (window && !window.isDestroyed()) window.webContents.send(channel(event), payload)
}

const closeGuard = createCloseGuard()

const service = createFolioService({
  async pickFolder() {
    const result = await dialog.showOpenDialog(window!, { properties: ['openDirectory', 'createDirectory'] })
    return result.canceled ? null : (result.filePaths[0] ?? null)
  },
  async pickImages() {
    const result = await dialog.showOpenDialog(window!, {
      properties: ['openFile', 'multiSelections'],
      filters: [{ name: 'Images', extensions: [...importableExtensions] }]
    })
    return result.canceled ? [] : result.filePaths
  },
  async pickExportPath(defaultName, singleFile) {
    // Both forms save `<name>.html`; the folder form adds `<name>-images/` beside it.
    const result = await dialog.showSaveDialog(window!, {
      title: singleFile ? 'Export as a Single HTML File' : 'Export as HTML with an Images Folder',
      defaultPath: defaultName,
      filters: [{ name: 'HTML', extensions: ['html'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation']
    })
    return result.canceled ? null : (result.filePath ?? null)
  },
  showItemInFolder: (path) => shell.showItemInFolder(path),
  openPath: (path) => shell.openPath(path),
  resourcesDir,
  trash: (path) => shell.trashItem(path),
  // electronegativity: OPEN_EXTERNAL_JS_CHECK — handlers.openExternal lets only http(s) and mailto URLs through.
  openExternal: (url) => shell.openExternal(url),
  emit: send,
  dataDir: app.getPath('userData'),
  thumbnailDir: join(app.getPath('userData'), 'thumbnails'),
  setDirty(dirty, relPath) {
    // A save asked for by the close prompt finished: the window may close now.
    if (closeGuard.setDirty(dirty, relPath) === 'close') window?.close()
  },
  // The File menu's radio items show the setting, whoever changed it.
  settingsChanged: (settings) => Menu.setApplicationMenu(buildMenu(settings)),
  async rememberFolder(root) {
    state.lastFolder = root
    await saveState(stateFile(), state)
  }
})

/** Only the app's own top-level page may call the main process. */
const isAppFrame = (frame: WebFrameMain | null): boolean =>
  isTrustedSender(frame && { url: frame.url, topLevel: frame.parent === null, appWindow: frame === window?.webContents.mainFrame }, rendererUrl)

/** "Save changes before closing?" — the answer goes through the close guard. */
async function askToSave(win: BrowserWindow): Promise<void> {
  const { response } = await dialog.showMessageBox(win, {
    type: 'warning',
    buttons: [...closeButtons],
    defaultId: 0,
    cancelId: 2,
    message: 'Save the changes to your post before closing?',
    detail: "If you don't save, your changes since the last save are lost."
  })
  const choice = closeChoices[response] ?? 'cancel'
  const post = closeGuard.dirtyPost()
  const next = closeGuard.answer(choice)
  // "Don't Save" means the text is not wanted: not offered at the next start, but kept two weeks in the recovery trash.
  if (choice === 'discard' && post) await service.handlers.discardRecovery(post).catch(() => undefined)
  if (next === 'close') win.close()
  else if (next === 'save') send('menuCommand', { command: 'save' })
}

/** The menu bar, from the command table (menu.ts); rebuilt when the settings it shows change. */
function buildMenu(settings: Settings): Menu {
  const template = menuTemplate(
    { platform: process.platform, dev, version: app.getVersion(), settings },
    {
      run: (command) => send('menuCommand', { command }),
      setAutoSave: (autoSave) => void service.handlers.setSettings({ autoSave }).catch(() => undefined),
      about: () => void dialog.showMessageBox({ message: `Folio ${app.getVersion()}`, detail: 'A markdown editor for people who blog with photos.' }),
      openGuide: () => void shell.openExternal('https://commonmark.org/help/')
    }
  )
  return Menu.buildFromTemplate(template)
}

function createWindow(): BrowserWindow {
  const bounds = state.window
  // electronegativity: AUXCLICK_JS_CHECK — a middle-click can only ask for a new window, and the window-open handler denies every one.
  const win = new BrowserWindow({
    width: bounds?.width ?? 1280,
    height: bounds?.height ?? 820,
    x: bounds?.x,
    y: bounds?.y,
    minWidth: 900,
    minHeight: 560,
    title: 'Folio',
    show: false,
    webPreferences: {
      // electronegativity: PRELOAD_JS_CHECK — the sandboxed preload exposes only the typed contract (common/api.ts), never ipcRenderer.
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true
    }
  })
  if (bounds?.maximized) win.maximize()
  win.once('ready-to-show', () => win.show())
  win.on('close', (event) => {
    const decision = closeGuard.onClose()
    if (decision !== 'close') {
      event.preventDefault()
      if (decision === 'ask') void askToSave(win)
      return
    }
    state.window = { ...win.getNormalBounds(), maximized: win.isMaximized() }
    void saveState(stateFile(), state).catch(() => undefined)
  })
  // Spelling suggestions and the usual edit commands on right-click.
  win.webContents.on('context-menu', (_event, params) => {
    const suggestions: MenuItemConstructorOptions[] = params.dictionarySuggestions.map((word) => ({
      label: word,
      click: () => win.webContents.replaceMisspelling(word)
    }))
    if (params.misspelledWord) {
      suggestions.push({ label: 'Add to Dictionary', click: () => win.webContents.session.addWordToSpellCheckerDictionary(params.misspelledWord) })
      suggestions.push({ type: 'separator' })
    }
    Menu.buildFromTemplate([...suggestions, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }]).popup()
  })
  void win.loadURL(rendererUrl)
  return win
}

/** Secure defaults for every web contents: no navigation, no new windows, no webviews. */
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (url === contents.getURL()) return
    event.preventDefault()
    // electronegativity: OPEN_EXTERNAL_JS_CHECK — only web and mail links leave the app, to the user's browser or mail program.
    if (isExternalLink(url)) void shell.openExternal(url)
  })
  contents.setWindowOpenHandler(({ url }) => {
    // electronegativity: OPEN_EXTERNAL_JS_CHECK — only web and mail links leave the app, to the user's browser or mail program.
    if (isExternalLink(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
})

app.on('second-instance', () => {
  if (!window) return
  if (window.isMinimized()) window.restore()
  window.focus()
})

app.on('window-all-closed', () => {
  void service.dispose()
  app.quit()
})

/** The folder to open at start: a path argument, else the last folder, else the sample blog. */
async function initialFolder(): Promise<string> {
  const arg = process.argv.slice(app.isPackaged ? 1 : 2).find((a) => !a.startsWith('-') && a !== '.')
  if (arg) return arg
  if (state.lastFolder) return state.lastFolder
  return ensureSampleBlog(resourcesDir, app.getPath('userData'))
}

void app.whenReady().then(async () => {
  state = await loadState(stateFile())
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  protocol.handle(appScheme, async (request) => {
    const file = await serveAppFile(rendererDir, request.url)
    return new Response(new Uint8Array(file.body), { status: file.status, headers: file.headers })
  })
  protocol.handle(imageScheme, async (request) => {
    const file = await serveWorkspaceFile(service.root(), new URL(request.url).pathname)
    if (!file) return new Response('Not found', { status: 404 })
    return new Response(new Uint8Array(file.body), { headers: file.headers })
  })
  registerHandlers(service.handlers, isAppFrame)
  Menu.setApplicationMenu(buildMenu(await service.handlers.getSettings()))
  try {
    await service.open(await initialFolder())
  } catch {
    await service.open(await ensureSampleBlog(resourcesDir, app.getPath('userData')))
  }
  window = createWindow()
})
