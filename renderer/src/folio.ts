import type { FolioApi } from '../../common/api'

/** The contract exposed by the preload (in the app) or the test harness (in Chromium). */
export const folio: FolioApi = (window as unknown as { folio: FolioApi }).folio

/** The message of an error from a call, for showing to the user. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))
