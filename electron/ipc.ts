import { ipcMain, type WebFrameMain } from 'electron'
import { callNames, channel, type CallReply, type Handlers } from '../common/api'
import { dispatchCall } from './services/dispatch'

/**
 * Registers every call of the contract with ipcMain. A call from any frame other than the
 * app's own top-level page is refused before its arguments are even looked at; the
 * arguments are then validated against their schema (services/call-schemas.ts) by dispatchCall.
 */
export function registerHandlers(handlers: Handlers, isAppFrame: (frame: WebFrameMain | null) => boolean): void {
  for (const name of callNames) {
    ipcMain.handle(channel(name), async (event, ...args: unknown[]) => {
      if (!isAppFrame(event.senderFrame)) return { ok: false, error: { code: 'invalid', message: `${name} refused: the call did not come from Folio's window.` } } satisfies CallReply
      return dispatchCall(handlers, name, args)
    })
  }
}
