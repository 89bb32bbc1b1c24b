import type { Page } from 'playwright'
import { percentile, seeded, sleep, type Row } from './stats'

/**
 * Typing and moving around a post, for the browser suite: keys typed at a writer's pace,
 * keys that move the cursor line by line, and wheel scrolling. All run on a page with the
 * bench probe installed (browser.ts).
 */

/** Types `text` a key at a time, 60–120 ms apart (pauses from `seed`, the same every run); the probe records each key. */
export async function typeKeys(page: Page, text: string, seed: number): Promise<void> {
  const pause = seeded(seed)
  for (const char of text) {
    await page.keyboard.type(char)
    await sleep(60 + pause() * 60)
  }
}

/** Types `text` into a CodeMirror editor (see {@link typeKeys}); each keydown → painted frame, from the probe. */
export async function typingLatencies(page: Page, text: string, seed: number): Promise<number[]> {
  await page.evaluate('__benchProbe.keys.length = 0; __benchProbe.recording = true')
  await typeKeys(page, text, seed)
  await sleep(300)
  const latencies: number[] = await page.evaluate('__benchProbe.recording = false, __benchProbe.keys.map((k) => k.painted - k.start)')
  if (latencies.length !== text.length) throw new Error(`the probe saw ${latencies.length} of ${text.length} keys`)
  // The text must have arrived where it was typed (the cursor's line is in view).
  if (!(await page.evaluate((typed) => document.querySelector('.cm-content')?.textContent?.includes(typed), text))) throw new Error('the typed text is not in the editor')
  return latencies
}

/** Presses ArrowDown `count` times, 80 ms apart; each press's keydown → painted frame, from the probe. */
export async function arrowKeyLatencies(page: Page, count = 30): Promise<number[]> {
  await page.evaluate('__benchProbe.keys.length = 0; __benchProbe.recording = true')
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('ArrowDown')
    await sleep(80)
  }
  await sleep(300)
  return page.evaluate('__benchProbe.recording = false, __benchProbe.keys.map((k) => k.painted - k.start)')
}

/**
 * Scrolls the element `selector` with the mouse wheel, 40 steps of 400 px at 30 ms, and
 * returns the intervals between animation frames meanwhile (16.7 ms when none is dropped).
 */
export async function wheelFrameIntervals(page: Page, selector: string): Promise<number[]> {
  const box = await page.locator(selector).first().boundingBox()
  if (!box) throw new Error(`${selector} is not on screen`)
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.evaluate(`(() => {
    const log = (globalThis.__benchWheel = { run: true, gaps: [] })
    let last = performance.now()
    const tick = (time) => { log.gaps.push(time - last); last = time; if (log.run) requestAnimationFrame(tick) }
    requestAnimationFrame(tick)
  })()`)
  for (let i = 0; i < 40; i++) {
    await page.mouse.wheel(0, 400)
    await sleep(30)
  }
  await sleep(200)
  return page.evaluate('__benchWheel.run = false, __benchWheel.gaps.slice(1)')
}

/** Rows for typing in and moving around the long post: pooled over runs, ratios on p95. */
export function movingRows(
  subjectCase: string,
  typed: string,
  bare: { typing: number[]; arrows: number[]; editorWheel: number[] }[],
  folio: { typing: number[]; arrows: number[]; editorWheel: number[]; previewWheel: number[] }[]
): Row[] {
  const row = (what: string, subject: string, values: number[], base?: Row): Row => {
    const figures: Row = { item: 5, case: `${subjectCase}: ${what}`, subject, unit: 'ms', p50: percentile(values, 50), p95: percentile(values, 95), samples: values.length }
    return base ? { ...figures, ratio: figures.p95! / base.p95!, note: 'no target set' } : { ...figures, baseline: true }
  }
  const typingCase = `keystroke → painted frame, typing ${typed.length} chars at 60–120 ms, whole preview in`
  const arrowCase = 'ArrowDown → painted frame, 30 presses'
  const wheelCase = 'frame interval while wheel-scrolling 16,000 px'
  const typingBase = row(typingCase, 'bare CodeMirror', bare.flatMap((r) => r.typing))
  const arrowBase = row(arrowCase, 'bare CodeMirror', bare.flatMap((r) => r.arrows))
  const wheelBase = row(wheelCase, 'bare CodeMirror, its editor', bare.flatMap((r) => r.editorWheel))
  return [
    typingBase,
    row(typingCase, 'Folio (preview and outline open)', folio.flatMap((r) => r.typing), typingBase),
    arrowBase,
    row(arrowCase, 'Folio (outline and preview follow)', folio.flatMap((r) => r.arrows), arrowBase),
    wheelBase,
    row(wheelCase, 'Folio, the editor (preview follows)', folio.flatMap((r) => r.editorWheel), wheelBase),
    row(wheelCase, 'Folio, the preview (editor follows)', folio.flatMap((r) => r.previewWheel), wheelBase)
  ]
}
