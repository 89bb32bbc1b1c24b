// The few globals common/ may use: ones both of its environments (Node and the browser) have
// with the same meaning. Only tsconfig.common.json, which has neither DOM nor Node types, sees
// this file; tsconfig.node.json and tsconfig.web.json exclude it and get the full declarations.

/** Structured clone (Node 17+, every browser). */
declare function structuredClone<T>(value: T): T

interface TextEncoder {
  encode(input?: string): Uint8Array
}
declare const TextEncoder: { new (): TextEncoder }

interface TextDecoder {
  decode(input?: Uint8Array): string
}
declare const TextDecoder: { new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): TextDecoder }

/** A file picked or dropped in the renderer; the contract only passes it back to the preload. */
interface File {
  readonly name: string
}
