import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { Diagnostic } from '../../common/api'
import { checkPost, type CheckInput } from '../../common/check'

/**
 * Runs the post checker on a worker thread (check-worker.ts), started on first use and kept.
 * Where no worker can run (its code is missing, it failed to start or died), the check runs
 * on this thread instead: slower for everything else, never a lost result.
 */

type Reply = { id: number; diagnostics: Diagnostic[] } | { id: number; error: string }

let worker: Worker | null = null
let unavailable = false
let nextId = 0
const pending = new Map<number, { resolve(diagnostics: Diagnostic[]): void; reject(error: Error): void }>()

/**
 * The worker: built beside the main bundle (or one folder up from a chunk), else the
 * TypeScript source, loaded through tsx's loader (development and tests).
 */
function workerEntry(): { code: string; eval: boolean } | null {
  const here = dirname(fileURLToPath(import.meta.url))
  for (const file of [join(here, 'check-worker.js'), join(here, '..', 'check-worker.js')]) if (existsSync(file)) return { code: file, eval: false }
  const source = join(here, 'check-worker.ts')
  if (!existsSync(source)) return null
  const url = JSON.stringify(pathToFileURL(source).href)
  return { code: `import('tsx/esm/api').then(({ register }) => { register(); return import(${url}) })`, eval: true }
}

function start(): Worker | null {
  if (worker || unavailable) return worker
  const entry = workerEntry()
  try {
    if (!entry) throw new Error('no checker code found')
    worker = new Worker(entry.code, { eval: entry.eval })
  } catch {
    unavailable = true
    return null
  }
  const started = worker
  started.unref() // an idle checker keeps no process alive
  started.on('message', (reply: Reply) => {
    const request = pending.get(reply.id)
    pending.delete(reply.id)
    if (!pending.size) started.unref()
    if ('error' in reply) request?.reject(new Error(reply.error))
    else request?.resolve(reply.diagnostics)
  })
  const stopped = (error: Error) => {
    unavailable = true
    worker = null
    for (const request of pending.values()) request.reject(error)
    pending.clear()
  }
  started.on('error', stopped)
  started.on('exit', (code) => stopped(new Error(`the checker thread stopped (exit code ${code})`)))
  return started
}

/** Whether checks run on the worker thread (false once it could not start or has died). */
export const checkThreadAvailable = (): boolean => start() !== null

/** Checks a post on the checker thread, or on this one when there is none. */
export async function checkOffThread(input: CheckInput): Promise<Diagnostic[]> {
  const thread = start()
  if (!thread) return checkPost(input)
  const id = ++nextId
  try {
    return await new Promise<Diagnostic[]>((resolve, reject) => {
      pending.set(id, { resolve, reject })
      thread.ref() // a pending check keeps the process alive until it answers
      thread.postMessage({ id, input })
    })
  } catch (error) {
    // The thread died under this check: do it here. A check that failed on the thread fails here too.
    if (unavailable) return checkPost(input)
    throw error
  }
}
