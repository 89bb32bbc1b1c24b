/**
 * The runtime schema of every call's arguments, main-side only: the contract itself
 * (common/api.ts) carries no validator, so zod stays out of the preload and the renderer.
 * dispatchCall (dispatch.ts) validates every call against these before a handler runs.
 * The compiler holds each schema to the plain argument type of its call, both ways.
 */
import { z } from 'zod'
import { errorCodes, type CallArgs, type CallName, type ErrorCode } from '../../common/api'
import type { Settings } from '../../common/settings'
import { UserError } from '../../common/errors'
import { settingsSchema } from './settings'

/** A path relative to the opened folder, always with forward slashes, never escaping it. */
export const RelPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !/^[\\/]/.test(p) && !/^[a-zA-Z]:/.test(p) && !p.includes('\0') && !p.split(/[\\/]/).includes('..'), {
    message: 'path must be relative to the opened folder'
  })

/** The most editor text (UTF-16 units) a call takes; more is refused as `too-large`. */
export const maxTextLength = 200 * 1024 * 1024

/**
 * The editor's text. Too long a text is not a malformed call but a post too big to take, so
 * its issue names its own code and sentence (see {@link parseArgs}).
 */
const Text = z.string().refine((t) => t.length <= maxTextLength, {
  message: 'The text is over 200 MB, more than Folio can save or check.',
  params: { code: 'too-large' satisfies ErrorCode }
})

/** A post's name or title as the user typed it. */
const Name = z.string().trim().min(1).max(200)

const SaveOptions = z.object({
  text: Text,
  expectedMtimeMs: z.number().nullable(),
  force: z.boolean().optional(),
  encoding: z.enum(['utf8', 'utf8-bom', 'utf16le', 'latin1', 'windows-1252']).optional(),
  eol: z.enum(['lf', 'crlf']).optional()
})

const ImportSource = z.union([
  z.object({ kind: z.literal('path'), path: z.string().min(1).max(4096) }),
  // Any Uint8Array, whatever buffer backs it (z.instanceof would type it as ArrayBuffer-backed only).
  z.object({ kind: z.literal('bytes'), name: z.string().min(1).max(255), bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'must be bytes' }) })
])

const ImportImagesOptions = z.object({
  heading: z.string().max(200).nullable(),
  maxEdge: z.number().int().min(0).max(65535).optional(),
  quality: z.number().int().min(1).max(100).optional(),
  keepMetadata: z.boolean().optional(),
  keepOriginal: z.boolean().optional()
})

/** Names one discarded recovery copy (see recovery-trash.ts). */
const DiscardedRecoveryId = z.string().regex(/^[0-9a-f]{32}-\d{1,16}-[0-9a-f]{8}$/, { message: 'is not a discarded copy' })

/** A file name inside a post's image folder: no folder part. */
const ImageName = z.string().min(1).max(255).refine((n) => !/[\\/\0]/.test(n) && n !== '.' && n !== '..', { message: 'must be a file name' })

/** Each call's argument list. */
export const callSchemas = {
  getWorkspace: z.tuple([]),
  openFolder: z.tuple([]),
  listPosts: z.tuple([]),
  readPost: z.tuple([RelPath]),
  savePost: z.tuple([RelPath, SaveOptions]),
  savePostAs: z.tuple([RelPath, Name, SaveOptions.pick({ text: true, encoding: true, eol: true })]),
  createPost: z.tuple([Name]),
  renamePost: z.tuple([RelPath, Name]),
  deletePost: z.tuple([RelPath]),
  importImages: z.tuple([RelPath, z.array(ImportSource).min(1).max(1000), ImportImagesOptions]),
  cancelImport: z.tuple([]),
  listImages: z.tuple([RelPath, Text.optional()]),
  imageThumbnail: z.tuple([RelPath, ImageName]),
  renameImage: z.tuple([RelPath, ImageName, Name]),
  deleteImage: z.tuple([RelPath, ImageName, Text.optional()]),
  imageSizes: z.tuple([RelPath, Text.optional()]),
  pickImages: z.tuple([]),
  exportHtml: z.tuple([RelPath, z.object({ singleFile: z.boolean(), maxImageWidth: z.number().int().min(16).max(20000).optional() })]),
  openExport: z.tuple([z.string().min(1).max(4096), z.enum(['browser', 'folder'])]),
  openExternal: z.tuple([z.string().url().max(2048)]),
  checkPost: z.tuple([RelPath, Text]),
  storeRecovery: z.tuple([RelPath, Text]),
  listRecoveries: z.tuple([]),
  discardRecovery: z.tuple([RelPath]),
  listDiscardedRecoveries: z.tuple([]),
  restoreDiscardedRecovery: z.tuple([DiscardedRecoveryId]),
  setDirty: z.tuple([z.boolean(), RelPath.optional()]),
  getSettings: z.tuple([]),
  setSettings: z.tuple([settingsSchema.partial().strict()])
} satisfies Record<CallName, z.ZodType>

/** True when A and B are the same type (not merely assignable one way). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false

/** The calls whose schema's type and plain argument type (common/api.ts) differ. */
type Drifted = { [K in CallName]: Same<z.infer<(typeof callSchemas)[K]>, CallArgs<K>> extends true ? never : K }[CallName]

// A compile error here names the call whose schema and plain type disagree (several: hover Drifted): fix one or the other.
const schemasMatchTheContract: [Drifted] extends [never] ? true : Drifted = true
const settingsMatchTheContract: Same<z.infer<typeof settingsSchema>, Settings> = true
void schemasMatchTheContract
void settingsMatchTheContract

/** The code a failed check names for itself (see {@link Text}); undefined for a plain `invalid`. */
function codeOfIssue(issue: z.core.$ZodIssue | undefined): ErrorCode | undefined {
  const code: unknown = issue?.code === 'custom' ? issue.params?.code : undefined
  return errorCodes.find((known) => known === code)
}

/**
 * Validates a call's argument list against its schema; throws a UserError, so a bad call
 * never reaches a handler: `invalid` naming the call and the problem, or the code and
 * sentence a check names for itself (`too-large` for an over-long text).
 */
export function parseArgs<K extends CallName>(name: K, args: unknown[]): CallArgs<K> {
  if (!Object.hasOwn(callSchemas, name)) throw new UserError(`unknown call ${String(name)}.`, 'invalid')
  const result = callSchemas[name].safeParse(args)
  if (!result.success) {
    const issue = result.error.issues[0]
    const code = codeOfIssue(issue)
    if (code && issue) throw new UserError(issue.message, code)
    throw new UserError(`invalid arguments for ${name}: ${issue ? `${issue.path.join('.')} ${issue.message}` : 'rejected'}.`, 'invalid')
  }
  return result.data as CallArgs<K>
}
