import type { FolioApi } from '../../common/api'

/** The contract exposed by the preload (in the app) or the test harness (in Chromium). */
export const folio: FolioApi = (window as unknown as { folio: FolioApi }).folio

// Kept apart (call-errors.ts) so code without a window, and its tests, can read call errors too.
export { codeOf, messageOf } from './call-errors'
