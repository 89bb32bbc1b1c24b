import { startTransition, useEffect, useRef, useState } from 'react'
import type { PreviewBlock, RenderReply, RenderRequest } from './render-engine'

/** Where the preview is rendered: a worker, or the page itself when no worker can start. */
export type RenderThread = 'worker' | 'page'

interface Engine {
  render(request: RenderRequest): void
  close(): void
}

type Reply = Omit<RenderReply, 'blocks' | 'stats'> & { blocks: PreviewBlock[]; stats: RenderReply['stats'] | null; thread: RenderThread }

/**
 * Renders in a Web Worker. Newest text wins: while a render is running only the latest
 * request waits, and older ones are dropped. If the worker cannot start (or dies), the
 * pipeline is loaded into the page and the last request is rendered there.
 */
function startEngine(onReply: (reply: Reply) => void): Engine {
  // The HTML of the blocks last shown: a reply sends HTML only for blocks that are new.
  let shown: { relPath: string; html: Map<number, string> } = { relPath: '', html: new Map() }
  const receive = (reply: RenderReply, thread: RenderThread) => {
    const known = reply.relPath === shown.relPath ? shown.html : new Map<number, string>()
    const blocks = reply.blocks.map(({ id, line, html }) => ({ id, line, html: html ?? known.get(id) ?? '' }))
    shown = { relPath: reply.relPath, html: new Map(blocks.map((b) => [b.id, b.html])) }
    // A partial reply's word count is the beginning's: none is shown until the whole is in.
    onReply({ ...reply, blocks, thread, ...(reply.partial ? { stats: null } : {}) })
  }
  let worker: Worker | null = null
  let busy = false
  let waiting: RenderRequest | null = null
  let last: RenderRequest | null = null
  let inPage: Promise<(request: RenderRequest) => RenderReply> | null = null

  const renderInPage = (request: RenderRequest) => {
    inPage ??= import('./render-engine').then((m) => m.renderEngine())
    void inPage.then((render) => request === last && receive(render(request), 'page'))
  }
  const sendWaiting = () => {
    if (!worker || busy || !waiting) return
    busy = true
    worker.postMessage(waiting)
    waiting = null
  }
  const fallBack = () => {
    worker?.terminate()
    worker = null
    if (last) renderInPage(last)
  }
  try {
    worker = new Worker(new URL('./render-worker.ts', import.meta.url), { type: 'module', name: 'preview' })
    worker.onmessage = (event: MessageEvent<RenderReply>) => {
      if (!event.data.partial) busy = false
      receive(event.data, 'worker')
      sendWaiting()
    }
    worker.onerror = (event) => {
      event.preventDefault()
      fallBack()
    }
  } catch {
    worker = null
  }
  return {
    render(request) {
      last = request
      if (!worker) return renderInPage(request)
      waiting = request
      sendWaiting()
    },
    close: () => worker?.terminate()
  }
}

const nothing: PreviewRender = { blocks: [], headings: [], cut: false, stats: null, pending: true, thread: 'worker' }

export interface PreviewRender extends Omit<RenderReply, 'relPath' | 'stats' | 'blocks'> {
  blocks: PreviewBlock[]
  /** Null until the post's first render is in. */
  stats: RenderReply['stats'] | null
  /** No render of this post has arrived yet. */
  pending: boolean
  thread: RenderThread
}

/**
 * The post rendered for the preview and the outline, off the typing path. Until the first
 * reply for a post arrives there is nothing to show (never the previous post's blocks).
 */
export function usePreviewRender(relPath: string | null, text: string, imageBase: string): PreviewRender {
  const [reply, setReply] = useState<Reply | null>(null)
  const engine = useRef<Engine | null>(null)
  useEffect(() => {
    const started = startEngine((next) => startTransition(() => setReply(next)))
    engine.current = started
    return () => {
      started.close()
      engine.current = null
    }
  }, [])
  useEffect(() => {
    if (relPath) engine.current?.render({ relPath, text, imageBase })
  }, [relPath, text, imageBase])
  return reply && reply.relPath === relPath ? { ...reply, pending: false } : nothing
}
