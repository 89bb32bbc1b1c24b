/**
 * The post's text as the editor handle hands it out: read-only and by line. It is
 * CodeMirror's Text (immutable: a new one after every change), seen through the few members
 * the app needs, so code outside renderer/src/editor/ never names a CodeMirror type.
 */
export interface EditorText {
  readonly length: number
  readonly lines: number
  /** Line `n`, 1-based. */
  line(n: number): EditorLine
  lineAt(pos: number): EditorLine
  sliceString(from: number, to?: number): string
  toString(): string
}

export interface EditorLine {
  readonly number: number
  readonly from: number
  readonly to: number
  readonly length: number
  readonly text: string
}
