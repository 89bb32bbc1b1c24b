/// <reference lib="webworker" />
import { renderEngine, type RenderRequest } from './render-engine'

/**
 * The preview's markdown pipeline, off the page's main thread: parsing and rendering a
 * long post never holds up typing, and the first render of a 25k-line post (seconds) no
 * longer freezes the window. The page sends the newest text only when the last reply is in.
 */
const render = renderEngine()
self.onmessage = (event: MessageEvent<RenderRequest>) => self.postMessage(render(event.data))
