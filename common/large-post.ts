/**
 * Very large posts (a log pasted whole, an export opened by mistake). The editor handles
 * them; the markdown pipeline does not (it renders well under 1 MB a second), so the
 * preview shows only the beginning of such a post and the checker skips it. Without this
 * a 12 MB post froze the window for minutes on opening, and the checker held the main
 * process (and every save queued behind it) just as long.
 */

/** Above this size (bytes on disk, or characters in the editor) a post is "very large". */
export const veryLargePost = 10 * 1024 * 1024

/**
 * The largest post the checker runs on automatically, in characters (about 8,000 lines of
 * prose). It runs on its own thread in the main process at roughly 100 KB a second: beyond
 * this its results would trail the typing by seconds.
 */
export const largestCheckedPost = 256 * 1024

/** What the checker says of a post above {@link largestCheckedPost}. */
export const tooLargeToCheck = {
  rule: 'too-large',
  severity: 'info',
  line: 1,
  message: 'This post is too long to check while you write; check it from the command line with `folio check`.'
} as const

/**
 * A long post, in characters (about 4,000 lines): the preview waits longer after typing
 * before rendering it, and sends its beginning ahead while the rest renders.
 */
export const longPost = 200_000

/** How much of a very large post the preview renders, in characters. */
export const largePreviewChars = 256 * 1024

/** The part of a post the preview renders. `cut` says whether it is only the beginning. */
export interface PreviewPart {
  text: string
  cut: boolean
}

/**
 * The whole post, or for a very large post its first {@link largePreviewChars} characters,
 * ending at a blank line so no paragraph is cut in half (or at a line end, or hard, when
 * there is none). The cut point only moves when the beginning changes, so edits further down
 * leave the preview untouched.
 */
export function previewPart(text: string): PreviewPart {
  if (text.length <= veryLargePost) return { text, cut: false }
  const blank = text.lastIndexOf('\n\n', largePreviewChars)
  const line = text.lastIndexOf('\n', largePreviewChars)
  const end = blank > 0 ? blank + 1 : line > 0 ? line + 1 : largePreviewChars
  return { text: text.slice(0, end), cut: true }
}
