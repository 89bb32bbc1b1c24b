/// <reference lib="webworker" />
import { beginningOf, renderEngine, type RenderRequest } from './render-engine'

/**
 * The preview's markdown pipeline, off the page's main thread: parsing and rendering a
 * long post never holds up typing, and the first render of a 25k-line post (seconds) no
 * longer freezes the window. The page sends the newest text only when the last reply is in
 * (a partial reply, a long post's beginning, is followed by the whole one).
 */
const render = renderEngine()
let rendered = ''
self.onmessage = ({ data }: MessageEvent<RenderRequest>) => {
  // A long post just opened: its beginning first, so the preview does not stay empty for seconds.
  const beginning = data.relPath !== rendered ? beginningOf(data.text) : null
  rendered = data.relPath
  if (beginning !== null) self.postMessage({ ...render({ ...data, text: beginning }), partial: true })
  self.postMessage(render(data))
}
