import { beforeEach, describe, expect, test, vi } from 'vitest'
import { callNames, channel, type Handlers } from '../../common/api'
import { isTrustedSender } from '../../electron/services/sender'
import { appEntryUrl } from '../../electron/services/app-protocol'

// ipc.ts imports ipcMain from 'electron', whose binary is not installed here: a fake
// ipcMain records the registered listeners so they can be called like Electron would.
const registered = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>()
vi.mock('electron', () => ({
  ipcMain: { handle: (name: string, listener: (event: unknown, ...args: unknown[]) => Promise<unknown>) => registered.set(name, listener) }
}))

const appUrl = appEntryUrl
const devUrl = 'http://localhost:5173/'
const top = (url: string) => ({ url, topLevel: true, appWindow: true })

describe('isTrustedSender', () => {
  test.each([
    ['the app page', appUrl],
    ['the app page with a fragment', `${appUrl}#/post/a.md`],
    ['the app page with a query', `${appUrl}?x=1`],
    ['another page of the app origin (only the built renderer is served there)', 'app://folio/other.html']
  ])('accepts %s', (_label, url) => expect(isTrustedSender(top(url), appUrl)).toBe(true))

  test.each([
    ['a look-alike host', 'app://folio.evil/index.html'],
    ['another host of the scheme', 'app://evil/index.html'],
    ['a port on the app host', 'app://folio:1/index.html'],
    ['user info hiding another host', 'app://folio@evil/index.html'],
    ['the built page as a file', 'file:///opt/Folio/resources/app/out/renderer/index.html'],
    ['a file in the opened folder', 'file:///home/me/blog/post.html'],
    ['a web page', 'https://evil.example/index.html'],
    ['the image protocol', 'folio-img://workspace/evil.svg'],
    ['the image protocol with the app host', 'folio-img://folio/index.html'],
    ['about:blank', 'about:blank'],
    ['a data URL', 'data:text/html,<script>1</script>'],
    ['garbage', 'not a url']
  ])('refuses %s', (_label, url) => expect(isTrustedSender(top(url), appUrl)).toBe(false))

  test('a file:// app URL trusts no page at all (every local file would share its origin)', () => {
    const fileUrl = 'file:///opt/Folio/resources/app/out/renderer/index.html'
    expect(isTrustedSender(top(fileUrl), fileUrl)).toBe(false)
  })

  test('refuses iframes and other windows even at the app URL', () => {
    expect(isTrustedSender({ url: appUrl, topLevel: false, appWindow: true }, appUrl)).toBe(false)
    expect(isTrustedSender({ url: appUrl, topLevel: true, appWindow: false }, appUrl)).toBe(false)
    expect(isTrustedSender(null, appUrl)).toBe(false)
  })

  test('dev server: same origin only, no look-alike hosts or ports', () => {
    expect(isTrustedSender(top('http://localhost:5173/index.html'), devUrl)).toBe(true)
    expect(isTrustedSender(top('http://localhost:5173.evil.com/'), devUrl)).toBe(false)
    expect(isTrustedSender(top('http://localhost:5174/'), devUrl)).toBe(false)
    expect(isTrustedSender(top('https://localhost:5173/'), devUrl)).toBe(false)
  })
})

describe('registerHandlers (electron/ipc.ts)', () => {
  const handlers = Object.fromEntries(callNames.map((name) => [name, vi.fn(async () => 'ran')])) as unknown as Handlers
  const frame = (url: string) => ({ url })
  const trusted = (f: { url: string } | null) => isTrustedSender(f && top(f.url), appUrl)

  beforeEach(async () => {
    registered.clear()
    const { registerHandlers } = await import('../../electron/ipc')
    registerHandlers(handlers, trusted as never)
  })

  test('registers exactly the contract', () => {
    expect([...registered.keys()].sort()).toEqual(callNames.map(channel).sort())
  })

  test('a call from a foreign frame is refused before its handler runs', async () => {
    const listener = registered.get(channel('readPost'))!
    const reply = await listener({ senderFrame: frame('https://evil.example/') }, 'a.md')
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/did not come from Folio's window/) } })
    const noFrame = await listener({ senderFrame: null }, 'a.md')
    expect(noFrame).toMatchObject({ ok: false })
    expect(handlers.readPost).not.toHaveBeenCalled()
  })

  test('a call from the app with bad arguments is refused; a good one runs', async () => {
    const listener = registered.get(channel('readPost'))!
    expect(await listener({ senderFrame: frame(appUrl) }, '../x.md')).toMatchObject({ ok: false })
    expect(handlers.readPost).not.toHaveBeenCalled()
    expect(await listener({ senderFrame: frame(appUrl) }, 'x.md')).toEqual({ ok: true, value: 'ran' })
  })
})
