import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { appEntryUrl, appFileFor, serveAppFile } from '../../electron/services/app-protocol'

const dir = '/opt/Folio/out/renderer'

describe('appFileFor', () => {
  test('the entry URL is the app scheme, not file://', () => expect(appEntryUrl).toBe('app://folio/index.html'))

  test.each([
    ['app://folio/index.html', `${dir}/index.html`, 'text/html; charset=utf-8'],
    ['app://folio/', `${dir}/index.html`, 'text/html; charset=utf-8'],
    ['app://folio/assets/index-abc.js', `${dir}/assets/index-abc.js`, 'text/javascript; charset=utf-8'],
    ['app://folio/assets/index-abc.css?v=1#x', `${dir}/assets/index-abc.css`, 'text/css; charset=utf-8'],
    ['app://folio/assets/inter%20regular.woff2', `${dir}/assets/inter regular.woff2`, 'font/woff2'],
    ['app://folio/assets/logo.SVG', `${dir}/assets/logo.SVG`, 'image/svg+xml'],
    // The URL parser removes dot segments before the path is looked at.
    ['app://folio/assets/a/../b.js', `${dir}/assets/b.js`, 'text/javascript; charset=utf-8'],
    ['app://folio/../../index.html', `${dir}/index.html`, 'text/html; charset=utf-8']
  ])('%s is %s', (url, path, type) => expect(appFileFor(dir, url)).toEqual({ path, type }))

  test.each([
    ['encoded dots and slashes', 'app://folio/%2e%2e%2f%2e%2e%2fetc%2fx.js'],
    ['encoded slashes', 'app://folio/..%2f..%2fmain%2findex.js'],
    ['an encoded backslash', 'app://folio/..%5c..%5cmain%5cindex.js'],
    ['a NUL byte', 'app://folio/index.html%00.js'],
    ['broken percent-encoding', 'app://folio/%E0%A4%A.js'],
    ['a sibling folder sharing the prefix', 'app://folio/..%2frenderer-evil/index.html'],
    ['another host', 'app://evil/index.html'],
    ['a look-alike host', 'app://folio.evil/index.html'],
    ['a port', 'app://folio:8080/index.html'],
    ['another scheme', 'file:///opt/Folio/out/renderer/index.html'],
    ['an unknown file type', 'app://folio/assets/index.js.map'],
    ['a file without an extension', 'app://folio/LICENSE'],
    ['garbage', 'not a url']
  ])('refuses %s', (_label, url) => expect(appFileFor(dir, url)).toBeNull())
})

describe('serveAppFile', () => {
  let root: string
  let renderer: string
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'folio-app-protocol-'))
    renderer = join(root, 'renderer')
    await mkdir(join(renderer, 'assets'), { recursive: true })
    await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Folio</title>')
    await writeFile(join(renderer, 'assets', 'index.js'), 'export {}')
    await mkdir(join(renderer, 'assets', 'folder.js'))
    await writeFile(join(root, 'secret.js'), 'secret')
  })
  afterAll(() => rm(root, { recursive: true, force: true }))

  test('serves the page and its scripts with their MIME types and nosniff', async () => {
    const page = await serveAppFile(renderer, 'app://folio/index.html')
    expect(page.status).toBe(200)
    expect(page.body.toString()).toContain('<title>Folio</title>')
    expect(page.headers).toEqual({ 'content-type': 'text/html; charset=utf-8', 'x-content-type-options': 'nosniff' })
    const script = await serveAppFile(renderer, 'app://folio/assets/index.js')
    expect([script.status, script.headers['content-type']]).toEqual([200, 'text/javascript; charset=utf-8'])
  })

  test('a missing file, a folder and anything outside the folder are 404', async () => {
    for (const url of ['app://folio/assets/missing.js', 'app://folio/assets/folder.js', 'app://folio/..%2fsecret.js', 'app://folio/%2e%2e%2fsecret.js']) {
      const answer = await serveAppFile(renderer, url)
      expect([url, answer.status, answer.body.toString()]).toEqual([url, 404, 'Not found'])
    }
  })

  test('the folder path itself may contain a symlink (packaged apps, linked checkouts)', async () => {
    const link = join(root, 'linked')
    await symlink(renderer, link)
    expect((await serveAppFile(link, 'app://folio/index.html')).status).toBe(200)
  })
})
