// Stands in for highlight.js's types when common/ is compiled alone (tsconfig.common.json maps
// 'highlight.js' here). Those start with `/// <reference lib="dom" />`, which would hand
// common/ every DOM global; through rehype-highlight, common/ needs only this one type.

/** A highlight.js language definition, opaque to common/. */
export type LanguageFn = (hljs: unknown) => unknown
