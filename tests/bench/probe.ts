import type { Page } from 'playwright'

/**
 * The in-page probe of the browser suite (browser.ts), installed before a page's own
 * scripts: keystroke → painted frame, slow events, long frames and the cold-start moment.
 */

/** What the in-page probe records. */
export interface Probe {
  recording: boolean
  /** Per keydown: its timestamp, the next animation frame's start, and the end of that frame's task. */
  keys: { start: number; frame: number; painted: number }[]
  /** Event Timing entries for keydowns of 16 ms or more (the API's floor). */
  slowEvents: number[]
  /** Long animation frames (over 50 ms) while recording: duration and the scripts that took longest. */
  longFrames: { duration: number; scripts: string[] }[]
  /** When the editor first showed the post's text with focus (ms after navigation start). */
  ready: number | null
  previewUpdates: number
}

/**
 * The probe, installed before the page's own scripts. Per keydown (capture phase on
 * window, so it runs first): the event's timestamp, then a requestAnimationFrame callback,
 * then a MessageChannel message posted from it, which runs right after that frame's
 * rendering work (style, layout, paint, commit) has left the main thread.
 */
function installProbe(marker: string) {
  const probe: Probe = { recording: false, keys: [], slowEvents: [], longFrames: [], ready: null, previewUpdates: 0 }
  Object.defineProperty(window, '__benchProbe', { value: probe })
  addEventListener(
    'keydown',
    (event) => {
      if (!probe.recording) return
      const start = event.timeStamp
      requestAnimationFrame((frame) => {
        const channel = new MessageChannel()
        channel.port1.onmessage = () => probe.keys.push({ start, frame, painted: performance.now() })
        channel.port2.postMessage(null)
      })
    },
    true
  )
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (probe.recording && entry.name === 'keydown') probe.slowEvents.push(entry.duration)
    }).observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit)
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { scripts?: { duration: number; invoker: string; sourceFunctionName: string; sourceURL: string }[] })[]) {
        if (!probe.recording) continue
        const scripts = [...(entry.scripts ?? [])].sort((a, b) => b.duration - a.duration).slice(0, 3)
        probe.longFrames.push({ duration: entry.duration, scripts: scripts.map((s) => `${Math.round(s.duration)} ms ${s.invoker} ${s.sourceFunctionName}`) })
      }
    }).observe({ type: 'long-animation-frame', buffered: false })
  } catch {
    // Older Chromium: the keydown figures above still stand.
  }
  // Cold start: the first frame in which the editor shows the post's text and has focus.
  const check = () => {
    const content = document.querySelector('.cm-content')
    if (content?.textContent?.includes(marker) && content.contains(document.activeElement)) {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => (probe.ready = performance.now())
      channel.port2.postMessage(null)
    } else requestAnimationFrame(check)
  }
  requestAnimationFrame(check)
}

/**
 * Installs the probe in every document the page loads. The shim: tsx keeps function names
 * with an `__name` helper that serialised functions take into the page.
 */
export const probeBeforeLoad = (marker: string) => async (page: Page) => {
  await page.addInitScript({ content: `globalThis.__name ??= (fn) => fn;\n(${installProbe.toString()})(${JSON.stringify(marker)})` })
}
export const probeOf = (page: Page) => page.evaluate(() => (window as unknown as { __benchProbe: Probe }).__benchProbe)
