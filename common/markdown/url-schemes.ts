import type { Element, Root } from 'hast'
import { visit } from 'unist-util-visit'

const scheme = /^[a-z][a-z0-9+.-]*:/i

/** A URL with its scheme in lower case (`Https://x` -> `https://x`); the rest as written. */
export const lowercaseScheme = (url: string): string => url.replace(scheme, (s) => s.toLowerCase())

/**
 * Writes URL schemes in lower case before the sanitizer judges them. Schemes are
 * case-insensitive (RFC 3986), and phone keyboards capitalise `Https://`, but the sanitizer
 * compares them as written and dropped such URLs. A `JavaScript:` URL becomes `javascript:`,
 * which it still drops. `properties` are the URL properties the sanitizer checks.
 */
export default function rehypeUrlSchemes(options: { properties: readonly string[] }) {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      for (const key of options.properties) {
        const value = node.properties[key]
        if (typeof value === 'string' && scheme.test(value)) node.properties[key] = lowercaseScheme(value)
      }
    })
  }
}
