import { parentPort } from 'node:worker_threads'
import { checkPost, type CheckInput } from '../../common/check'

/**
 * The main process's checker thread: checking parses a post several times, which on a long
 * post takes seconds that must not hold saves, dialogs and the window. One request at a
 * time, in order; see check-thread.ts.
 */
parentPort?.on('message', ({ id, input }: { id: number; input: CheckInput }) => {
  try {
    parentPort!.postMessage({ id, diagnostics: checkPost(input) })
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) })
  }
})
