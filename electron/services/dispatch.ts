import type { CallName, CallReply, Handlers } from '../../common/api'
import { toUserError } from '../../common/errors'
import { parseArgs } from './call-schemas'

/**
 * Validates and runs one call against a handler table, turning any failure into an error
 * reply: a UserError keeps its code and message; anything else (a raw Node error) becomes
 * a plain sentence without absolute paths. Electron's IPC and the test harness both go
 * through here, so every call is validated main-side whatever its transport.
 */
export async function dispatchCall(handlers: Handlers, name: string, args: unknown[]): Promise<CallReply> {
  try {
    const call = name as CallName
    const parsed = parseArgs(call, args)
    const handler = handlers[call] as (...a: unknown[]) => Promise<unknown>
    return { ok: true, value: await handler(...parsed) }
  } catch (error) {
    const { code, message } = toUserError(error)
    return { ok: false, error: { code, message } }
  }
}
