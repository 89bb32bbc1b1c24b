/**
 * Items 2 and 5, in Chromium through the Playwright harness (the built renderer, the real
 * handler table): keystroke-to-painted-frame latency while typing into a 2.5k-line post
 * with the preview open, cold start to an editable post, and the renderer's JS heap with
 * the 2.5k-line post open. Each against a bare CodeMirror page (tests/bench/bare-editor,
 * built into out/bench/bare-editor) showing the same text with no preview.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { extname, join, resolve } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright'
import { launchFolio, type Harness } from '../e2e/harness'
import { IncrementalRenderer } from '../../common/markdown/incremental'
import { linkPhotos, previewPhotos } from './fixtures'
import { arrowKeyLatencies, movingRows, typeKeys, typingLatencies, wheelFrameIntervals } from './moving'
import { probeBeforeLoad, probeOf, type Probe } from './probe'
import { recapPost } from './post'
import { against, benchOut, median, percentile, progress, report, root, sleep, type Row } from './stats'

const typingRuns = 3
const coldRuns = 5
const largeRuns = 2
const sentence = 'The hallway track was the best part: we sketched a plan for the docs sprint, traded stickers and found the good coffee on the third floor.'
const bareOrigin = 'http://bench.test'
const bareDir = join(benchOut, 'bare-editor')
const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }


/** The bare CodeMirror page in a fresh context, showing `text`, sized like Folio's editor. */
async function openBare(browser: Browser, text: string, marker: string, size: { width: number; height: number }, beforeLoad?: () => void): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
  const page = await context.newPage()
  await page.route(`${bareOrigin}/**`, async (route) => {
    const url = new URL(route.request().url())
    if (url.pathname === '/post.md') return route.fulfill({ body: text, contentType: 'text/markdown; charset=utf-8' })
    const path = resolve(bareDir, `.${decodeURIComponent(url.pathname)}`)
    if (!path.startsWith(bareDir)) return route.fulfill({ status: 403 })
    return readFile(path).then(
      (body) => route.fulfill({ body, contentType: types[extname(path)] ?? 'application/octet-stream' }),
      () => route.fulfill({ status: 404, body: 'Not found' })
    )
  })
  await probeBeforeLoad(marker)(page)
  if (beforeLoad) await page.addInitScript({ content: `(${beforeLoad.toString()})()` })
  await page.goto(`${bareOrigin}/index.html?width=${Math.round(size.width)}&height=${Math.round(size.height)}`)
  return { context, page }
}

/** The page's JS heap in MiB after two forced garbage collections (CDP). */
async function heapMiB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  try {
    await cdp.send('HeapProfiler.collectGarbage')
    await cdp.send('HeapProfiler.collectGarbage')
    const { usedSize } = await cdp.send('Runtime.getHeapUsage')
    return usedSize / 1024 / 1024
  } finally {
    await cdp.detach()
  }
}

/**
 * The JS heap of the page's dedicated workers (Folio's preview renderer), in MiB after two
 * forced collections each. Playwright has no CDP session for a worker, so this attaches
 * to each worker target from the browser session and talks to it through
 * Target.sendMessageToTarget.
 */
async function workersHeapMiB(browser: Browser, pageUrl: string): Promise<number> {
  const cdp = await browser.newBrowserCDPSession()
  try {
    const origin = new URL(pageUrl).origin
    const { targetInfos } = await cdp.send('Target.getTargets')
    let total = 0
    for (const target of targetInfos.filter((t) => t.type === 'worker' && t.url.startsWith(origin))) {
      const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })
      let id = 0
      const call = (method: string) =>
        new Promise<{ usedSize?: number }>((done) => {
          const mine = ++id
          const listener = (event: { sessionId?: string; message: string }) => {
            const reply = JSON.parse(event.message) as { id: number; result: { usedSize?: number } }
            if (event.sessionId !== sessionId || reply.id !== mine) return
            cdp.off('Target.receivedMessageFromTarget', listener)
            done(reply.result)
          }
          cdp.on('Target.receivedMessageFromTarget', listener)
          void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: mine, method }) })
        })
      await call('HeapProfiler.collectGarbage')
      await call('HeapProfiler.collectGarbage')
      total += (await call('Runtime.getHeapUsage')).usedSize ?? 0
      await cdp.send('Target.detachFromTarget', { sessionId })
    }
    return total / 1024 / 1024
  } finally {
    await cdp.detach()
  }
}

/** Types the sentence a key at a time, 60–120 ms apart (the same seeded pauses every run), and returns what the probe saw. */
async function typeSentence(page: Page, check: () => Promise<boolean>): Promise<Probe> {
  await page.evaluate(() => ((window as unknown as { __benchProbe: Probe }).__benchProbe.recording = true))
  await typeKeys(page, sentence, 6)
  await sleep(1000)
  const probe = await probeOf(page)
  await page.evaluate(() => ((window as unknown as { __benchProbe: Probe }).__benchProbe.recording = false))
  if (probe.keys.length !== sentence.length) throw new Error(`the probe saw ${probe.keys.length} of ${sentence.length} keys`)
  if (!(await check())) throw new Error('the typed text did not arrive')
  return probe
}

const scratch = await mkdtemp(join(tmpdir(), 'folio-bench-browser-'))
const harnesses: Harness[] = []
let browser: Browser | null = null
try {
  // The 2.5k-line post with its photos (small JPEGs under every name it uses).
  const { text, images } = recapPost(2_500)
  const postName = 'harbour-conference-recap.md'
  const blog = join(scratch, 'blog')
  await linkPhotos(blog, images, await previewPhotos())
  await writeFile(join(blog, postName), text)
  const blocks = new IncrementalRenderer({ mode: 'preview', resolveImage: (src) => src }).render(text).blocks.filter((b) => b.html).length
  const middleDay = Math.ceil(images.length / 6 / 2)
  const marker = 'Harbour Conference Recap'

  const launch = async (folder: string, marker: string) => {
    const app = await launchFolio({ folder, beforeLoad: probeBeforeLoad(marker) })
    harnesses.push(app)
    browser = app.browser
    return app
  }
  const close = async (app: Harness) => {
    harnesses.splice(harnesses.indexOf(app), 1)
    await app.close()
  }

  const folioKeys: Probe[] = []
  const bareKeys: Probe[] = []
  const listenerKeys: Probe[] = []
  const folioHeap: number[] = []
  const workerHeap: number[] = []
  const bareHeap: number[] = []
  let chromiumVersion = ''
  for (let run = 0; run < typingRuns; run++) {
    progress(`browser: typing run ${run + 1} of ${typingRuns} (Folio, bare CodeMirror, bare with an input listener)`)
    const app = await launch(blog, marker)
    const { page } = app
    chromiumVersion = app.browser.version()
    await page.waitForFunction((n) => document.querySelectorAll('.preview .block').length === n, blocks, { timeout: 60_000 })
    await page.waitForFunction(() => (window as unknown as { __benchProbe: Probe }).__benchProbe.ready !== null)
    await sleep(1000)
    folioHeap.push(await heapMiB(page))
    workerHeap.push(await workersHeapMiB(app.browser, page.url()))
    if (workerHeap.at(-1)! === 0) throw new Error('the preview worker was not found')
    // Into a paragraph in the middle of the post, the way a writer gets there: the outline.
    await page.locator('.outline-link', { hasText: `Day ${middleDay}:` }).click()
    await page.locator('.cm-line', { hasText: `We started day ${middleDay} early` }).click()
    const [, line, column] = /Ln (\d+), Col (\d+)/.exec((await page.getByTestId('cursor').textContent()) ?? '')!.map(Number)
    const box = (await page.locator('.cm-editor').boundingBox())!
    await sleep(500)
    await page.evaluate(() => {
      const probe = (window as unknown as { __benchProbe: Probe }).__benchProbe
      new MutationObserver(() => probe.recording && probe.previewUpdates++).observe(document.querySelector('.preview')!, { childList: true, subtree: true, characterData: true })
    })
    folioKeys.push(await typeSentence(page, async () => {
      await page.waitForFunction((s) => document.querySelector('.preview')?.textContent?.includes(s), sentence, { timeout: 10_000 })
      return page.evaluate((s) => (document.querySelector('.cm-content') as HTMLElement).innerText.includes(s), sentence)
    }))
    await close(app)

    /** Types the sentence into the bare page at Folio's cursor place; its heap goes to `heap` when given. */
    const typeInBare = async (beforeLoad?: () => void, heap?: number[]): Promise<Probe> => {
      const bare = await openBare(app.browser, text, marker, box, beforeLoad)
      await bare.page.waitForFunction(() => (window as unknown as { __benchProbe: Probe }).__benchProbe.ready !== null)
      await sleep(1000)
      heap?.push(await heapMiB(bare.page))
      await bare.page.evaluate(([l, c]) => (window as unknown as { benchEditor: { placeCursor(l: number, c: number): void } }).benchEditor.placeCursor(l!, c!), [line, column])
      // The pointer rests on the line typed in, as it does in Folio after the click there (a
      // pointer over the page costs each frame a hover hit test).
      const target = (await bare.page.locator('.cm-line', { hasText: `We started day ${middleDay} early` }).boundingBox())!
      await bare.page.mouse.move(target.x + target.width / 2, target.y + target.height / 2)
      await sleep(500)
      const probe = await typeSentence(bare.page, () => bare.page.evaluate((s) => (window as unknown as { benchEditor: { text(): string } }).benchEditor.text().includes(s), sentence))
      await bare.context.close()
      return probe
    }
    bareKeys.push(await typeInBare(undefined, bareHeap))
    // A reference for Folio's gap: the same bare page with one no-op `input` listener on the
    // document, as React's root listener puts on every event path inside the app.
    listenerKeys.push(await typeInBare(() => document.addEventListener('input', () => {})))
  }

  // Cold start: a fresh context (no caches) per sample, the sample post alone in a folder.
  const sampleFolder = join(scratch, 'sample')
  await cp(join(root, 'resources/sample-blog/harbour-sprint-recap.md'), join(sampleFolder, 'harbour-sprint-recap.md'))
  await cp(join(root, 'resources/sample-blog/harbour-sprint-recap-images'), join(sampleFolder, 'harbour-sprint-recap-images'), { recursive: true })
  const sampleText = await readFile(join(sampleFolder, 'harbour-sprint-recap.md'), 'utf8')
  const sampleMarker = 'Harbour Sprint 2026 Recap'
  const accepts = (page: Page) =>
    page.keyboard.type('Q').then(() => page.waitForFunction(() => document.querySelector('.cm-line')?.textContent?.startsWith('Q'), null, { timeout: 10_000 }))
  const folioCold: number[] = []
  const bareCold: number[] = []
  for (let run = 0; run <= coldRuns; run++) {
    progress(`browser: cold start ${run + 1} of ${coldRuns + 1}${run === 0 ? ' (warm-up)' : ''}`)
    const app = await launch(sampleFolder, sampleMarker)
    await app.page.waitForFunction(() => (window as unknown as { __benchProbe: Probe }).__benchProbe.ready !== null, null, { timeout: 30_000 })
    const folioReady = (await probeOf(app.page)).ready!
    await accepts(app.page)
    await close(app)
    const bare = await openBare(app.browser, sampleText, sampleMarker, { width: 560, height: 800 })
    await bare.page.waitForFunction(() => (window as unknown as { __benchProbe: Probe }).__benchProbe.ready !== null, null, { timeout: 30_000 })
    const bareReady = (await probeOf(bare.page)).ready!
    await accepts(bare.page)
    await bare.context.close()
    if (run === 0) continue
    folioCold.push(folioReady)
    bareCold.push(bareReady)
  }

  // A ~25k-line post: from the click in the post list to the editor taking keys and to the
  // whole preview in the page, the longest main-thread frame on the way, and keystrokes
  // typed while its preview renders. Bare CodeMirror: page load to editable, same text.
  const large = recapPost(25_000, 'long-recap')
  const largeBlog = join(scratch, 'large')
  await linkPhotos(largeBlog, large.images, await previewPhotos())
  await writeFile(join(largeBlog, 'a-short-note.md'), '---\ntitle: A short note\ndate: 2030-01-01\n---\n\nOpened first.\n')
  await writeFile(join(largeBlog, 'long-recap.md'), large.text)
  const largeBlocks = new IncrementalRenderer({ mode: 'preview', resolveImage: (src) => src }).render(large.text).blocks.filter((b) => b.html).length
  const largeFolio: { editable: number; complete: number; longest: number; keys: number[]; typing: number[]; arrows: number[]; editorWheel: number[]; previewWheel: number[] }[] = []
  const largeBare: { editable: number; longest: number; typing: number[]; arrows: number[]; editorWheel: number[] }[] = []
  const largeDay = Math.ceil(large.images.length / 6 / 2)
  const largeSentence = 'Then the hallway track, and the good coffee on the third floor.'
  const frameLog = () => {
    const log = { frames: [] as number[] }
    Object.defineProperty(window, '__benchFrames', { value: log })
    new PerformanceObserver((list) => list.getEntries().forEach((e) => log.frames.push(e.duration))).observe({ type: 'long-animation-frame' })
  }
  for (let run = 0; run < largeRuns; run++) {
    progress(`browser: opening the ~25k-line post, run ${run + 1} of ${largeRuns}`)
    const app = await launch(largeBlog, 'Opened first.')
    const { page } = app
    await page.waitForFunction(() => (window as unknown as { __benchProbe: Probe }).__benchProbe.ready !== null, null, { timeout: 30_000 })
    await page.evaluate(`globalThis.__name ??= (fn) => fn; (${frameLog.toString()})()`)
    const start = await page.evaluate(() => performance.now())
    await page.locator('.post-item[title="long-recap.md"]').click()
    await page.waitForFunction(() => {
      const content = document.querySelector('.cm-content')
      return Boolean(content?.textContent?.includes('Harbour Conference Recap') && content.contains(document.activeElement))
    })
    const editable = (await page.evaluate(() => performance.now())) - start
    await page.evaluate(() => ((window as unknown as { __benchProbe: Probe }).__benchProbe.recording = true))
    await typeKeys(page, 'While it renders. ', 9)
    await page.waitForFunction((n) => document.querySelectorAll('.preview .block').length >= n, largeBlocks, { timeout: 120_000, polling: 100 })
    const complete = (await page.evaluate(() => performance.now())) - start
    const probe = await probeOf(page)
    const frames = await page.evaluate(() => (window as unknown as { __benchFrames: { frames: number[] } }).__benchFrames.frames)
    // Then moving around it: arrow keys, and wheel scrolling of each pane (the other follows).
    await sleep(1000)
    const moves = { arrows: await arrowKeyLatencies(page), editorWheel: await wheelFrameIntervals(page, '.cm-scroller'), previewWheel: await wheelFrameIntervals(page, '.preview') }
    // And typing into a paragraph in its middle, reached through the outline.
    await page.locator('.outline-link', { hasText: `Day ${largeDay}:` }).click()
    await page.locator('.cm-line', { hasText: `We started day ${largeDay} early` }).click()
    const [, line, column] = /Ln (\d+), Col (\d+)/.exec((await page.getByTestId('cursor').textContent()) ?? '')!.map(Number)
    await sleep(500)
    const typing = await typingLatencies(page, largeSentence, 7)
    largeFolio.push({ editable, complete, longest: Math.max(0, ...frames), keys: probe.keys.map((k) => k.painted - k.start), typing, ...moves })
    await close(app)

    const bare = await openBare(app.browser, large.text, 'Harbour Conference Recap', { width: 560, height: 800 }, frameLog)
    await bare.page.waitForFunction(() => (window as unknown as { __benchProbe: Probe }).__benchProbe.ready !== null, null, { timeout: 60_000 })
    await sleep(1000)
    const bareFrames = await bare.page.evaluate(() => (window as unknown as { __benchFrames: { frames: number[] } }).__benchFrames.frames)
    const bareReady = (await probeOf(bare.page)).ready!
    const bareMoves = { arrows: await arrowKeyLatencies(bare.page), editorWheel: await wheelFrameIntervals(bare.page, '.cm-scroller') }
    await bare.page.evaluate(([l, c]) => (window as unknown as { benchEditor: { placeCursor(l: number, c: number): void } }).benchEditor.placeCursor(l!, c!), [line, column])
    const target = (await bare.page.locator('.cm-line', { hasText: `We started day ${largeDay} early` }).boundingBox())!
    await bare.page.mouse.move(target.x + target.width / 2, target.y + target.height / 2)
    await sleep(500)
    largeBare.push({ editable: bareReady, longest: Math.max(0, ...bareFrames), typing: await typingLatencies(bare.page, largeSentence, 7), ...bareMoves })
    await bare.context.close()
  }
  const largeCase = `Open the ~25k-line post (${large.text.split('\n').length} lines, ${Math.round(large.text.length / 1024)} KiB)`
  const largeKeys = largeFolio.flatMap((r) => r.keys)
  const openBase: Row = { item: 5, case: `${largeCase}: to an editable editor`, subject: 'bare CodeMirror (page load)', unit: 'ms', p50: median(largeBare.map((r) => r.editable)), samples: largeBare.length, baseline: true }
  const frameBase: Row = { item: 5, case: `${largeCase}: longest main-thread frame`, subject: 'bare CodeMirror (page load)', unit: 'ms', p50: median(largeBare.map((r) => r.longest)), samples: largeBare.length, baseline: true }
  const largeRows: Row[] = [
    openBase,
    against(openBase, { item: 5, case: `${largeCase}: to an editable editor`, subject: 'Folio (click in the post list)', unit: 'ms', p50: median(largeFolio.map((r) => r.editable)), samples: largeFolio.length, note: 'no target set' }),
    { item: 5, case: `${largeCase}: to the whole preview in the page`, subject: 'Folio (click in the post list)', unit: 'ms', p50: median(largeFolio.map((r) => r.complete)), samples: largeFolio.length, note: 'no target set' },
    frameBase,
    against(frameBase, { item: 5, case: `${largeCase}: longest main-thread frame`, subject: 'Folio, click to whole preview, typing meanwhile', unit: 'ms', p50: median(largeFolio.map((r) => r.longest)), samples: largeFolio.length, note: 'no target set' }),
    { item: 5, case: `${largeCase}: keystroke → painted frame while the preview renders`, subject: 'Folio', unit: 'ms', p50: percentile(largeKeys, 50), p95: percentile(largeKeys, 95), samples: largeKeys.length, note: 'no target set' },
    ...movingRows(largeCase, largeSentence, largeBare, largeFolio)
  ]

  // Per run: p50 and p95 over its keystrokes; the table shows the median run.
  const latency = (probe: Probe) => probe.keys.map((k) => k.painted - k.start)
  const runFigures = (probes: Probe[]) => ({ p50: median(probes.map((p) => percentile(latency(p), 50))), p95: median(probes.map((p) => percentile(latency(p), 95))) })
  const bareFigures = runFigures(bareKeys)
  const keyCase = `Keystroke → painted frame, typing ${sentence.length} chars at 60–120 ms into the ~2.5k-line post`
  const bareRow: Row = { item: 2, case: keyCase, subject: 'bare CodeMirror (no preview)', unit: 'ms', ...bareFigures, samples: bareKeys.length * sentence.length, baseline: true }
  /** A row against bare CodeMirror, the ratio taken on p95. */
  const keyRow = (subject: string, probes: Probe[], judged: Pick<Row, 'target' | 'met' | 'note'>): Row => {
    const figures = runFigures(probes)
    return { item: 2, case: keyCase, subject, unit: 'ms', ...figures, samples: probes.length * sentence.length, ratio: figures.p95 / bareFigures.p95, ...judged }
  }
  const folioP95 = runFigures(folioKeys).p95
  const folioRow = keyRow('Folio, preview open', folioKeys, { target: 'p95 ≤ 16.7 ms and ≤ 1.2× bare (ratio of p95s)', met: folioP95 <= 16.7 && folioP95 / bareFigures.p95 <= 1.2 })
  const listenerRow = keyRow('bare CodeMirror + one no-op `input` listener on document (reference)', listenerKeys, { note: 'what an event listener on the path costs; see Where the targets stand' })

  const coldCase = 'Cold start to an editable post (navigation start → post text shown, editor focused)'
  const coldBase: Row = { item: 5, case: coldCase, subject: 'bare CodeMirror, same text', unit: 'ms', p50: median(bareCold), p95: percentile(bareCold, 95), samples: bareCold.length, baseline: true }
  const coldRow = against(coldBase, { item: 5, case: coldCase, subject: 'Folio (sample post harbour-sprint-recap.md)', unit: 'ms', p50: median(folioCold), p95: percentile(folioCold, 95), samples: folioCold.length, note: 'no target set' })
  const heapCase = 'Renderer JS heap with the ~2.5k-line post open (after GC)'
  const heapBase: Row = { item: 5, case: heapCase, subject: 'bare CodeMirror, same text', unit: 'MB', p50: median(bareHeap), samples: bareHeap.length, baseline: true }
  const pageHeapRow = against(heapBase, { item: 5, case: heapCase, subject: 'Folio, preview open: page (main thread) only', unit: 'MB', p50: median(folioHeap), samples: folioHeap.length, note: 'the preview worker not counted' })
  const totals = folioHeap.map((h, i) => h + workerHeap[i]!)
  const heapRow = against(heapBase, { item: 5, case: heapCase, subject: 'Folio, preview open: page + preview worker', unit: 'MB', p50: median(totals), samples: totals.length, target: '≤ 1.5× bare' })
  heapRow.met = heapRow.ratio! <= 1.5

  const all = (probes: Probe[]) => probes.flatMap(latency)
  const work = (probes: Probe[], p: number) => percentile(probes.flatMap((probe) => probe.keys.map((k) => k.painted - k.frame)), p).toFixed(1)
  const slow = (probes: Probe[]) => probes.flatMap((p) => p.slowEvents)
  const frames = folioKeys.flatMap((p) => p.longFrames)
  const worstFrames = [...frames].sort((a, b) => b.duration - a.duration).slice(0, 3)
  report({
    rows: [bareRow, folioRow, listenerRow, coldBase, coldRow, heapBase, pageHeapRow, heapRow, ...largeRows],
    meta: { chromium: chromiumVersion },
    notes: [
      `Keystrokes, all runs pooled: Folio p50 ${percentile(all(folioKeys), 50).toFixed(1)} / p95 ${percentile(all(folioKeys), 95).toFixed(1)} / max ${Math.max(...all(folioKeys)).toFixed(1)} ms; bare p50 ${percentile(all(bareKeys), 50).toFixed(1)} / p95 ${percentile(all(bareKeys), 95).toFixed(1)} / max ${Math.max(...all(bareKeys)).toFixed(1)} ms.`,
      `Of that, the work of the frame that showed the key (its animation frame callbacks, style, layout, paint and commit: painted − frame start), pooled p50 / p95: Folio ${work(folioKeys, 50)} / ${work(folioKeys, 95)} ms, bare ${work(bareKeys, 50)} / ${work(bareKeys, 95)} ms; the rest is the key's handlers and the wait for the next 60 Hz frame.`,
      `Event Timing API (keydowns of ≥ 16 ms, the API's floor, 8 ms granularity): Folio ${slow(folioKeys).length} of ${folioKeys.length * sentence.length} (max ${Math.max(0, ...slow(folioKeys))} ms), bare ${slow(bareKeys).length} of ${bareKeys.length * sentence.length} (max ${Math.max(0, ...slow(bareKeys))} ms).`,
      `Preview DOM updates while typing (MutationObserver callbacks on .preview, per run): ${folioKeys.map((p) => p.previewUpdates).join(', ')}.`,
      `Long animation frames (> 50 ms) while typing in Folio: ${frames.length} over ${folioKeys.length} runs${worstFrames.length ? `; longest ${worstFrames.map((f) => `${Math.round(f.duration)} ms [${f.scripts.join('; ')}]`).join(', ')}` : ''}; bare: ${bareKeys.flatMap((p) => p.longFrames).length}.`
    ]
  })
} finally {
  for (const app of harnesses) await app.close().catch(() => {})
  await (browser as Browser | null)?.close().catch(() => {})
  await rm(scratch, { recursive: true, force: true })
}
