import { decodeCallError, type ErrorCode } from '../../common/api'

const textOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/** The message of an error from a call, for showing to the user (without the code it carries across the bridge). */
export const messageOf = (error: unknown): string => decodeCallError(textOf(error)).message

/** What kind of failure a call met (`conflict`, `read-only`, ...): the renderer decides by this, never by the wording. */
export const codeOf = (error: unknown): ErrorCode => decodeCallError(textOf(error)).code
