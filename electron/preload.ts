import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'
import { callNames, channel, encodeCallError, eventNames, imageScheme, type CallReply, type EventName, type FolioApi } from '../common/api'

// Exactly the contract, as `window.folio`: one function per call, a typed `on` for events,
// and nothing else (no ipcRenderer, no generic file access).
const api: Record<string, unknown> = {}
for (const name of callNames) {
  api[name] = async (...args: unknown[]) => {
    const reply = (await ipcRenderer.invoke(channel(name), ...args)) as CallReply
    // contextBridge keeps only an Error's message, so the code travels inside it.
    if (!reply.ok) throw new Error(encodeCallError(reply.error))
    return reply.value
  }
}
api.on = (event: EventName, listener: (payload: unknown) => void) => {
  if (!eventNames.includes(event)) throw new Error(`unknown event ${String(event)}`)
  const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload)
  ipcRenderer.on(channel(event), forward)
  return () => void ipcRenderer.removeListener(channel(event), forward)
}
api.pathForFile = (file: File) => webUtils.getPathForFile(file)
api.imageBase = `${imageScheme}://workspace/`

contextBridge.exposeInMainWorld('folio', api as unknown as FolioApi)
