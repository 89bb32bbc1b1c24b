import type { Element } from 'hast'
import type { Point } from 'unist'
import { visit } from 'unist-util-visit'
import type { Diagnostic } from '../api'
import { authoredTags, closedInBlock, elementsFrom, opensElement, rawTextTags, renderedTree, writeAsCode } from './html-tags'
import type { CheckContext } from './types'

/**
 * An element opened in raw HTML and never closed (`<b>` in a sentence, a `<div>` left open) that Folio's render carries on past its own
 * paragraph or HTML block, into the headings and paragraphs that follow. Elements the
 * render closes where their block ends (`<span>`, `<sup>`) or drops are left alone.
 */
export function checkUnclosedTags(context: CheckContext): Diagnostic[] {
  const open = authoredTags(context).filter((tag) => opensElement(tag) && !rawTextTags.has(tag.name) && !closedInBlock(tag))
  if (!open.length) return []
  const tree = renderedTree(context)
  const found: Diagnostic[] = []
  for (const tag of open) {
    const last = lastPoint(elementsFrom(tree, tag.from, tag.name))
    if (!last || last.offset! <= tag.blockEnd) continue
    // Closed by its end tag in a later block (a `<div>` around several paragraphs): meant so.
    if (new RegExp(`</${tag.name}\\s*>$`, 'i').test(context.text.slice(0, last.offset!))) continue
    const line = last.offset! >= context.text.trimEnd().length ? 'to the end of the post' : `through line ${last.line}`
    found.push({
      rule: 'unclosed-tag',
      severity: 'warning',
      ...context.at(tag.from, tag.to),
      message: `${tag.source} is never closed: Folio's render carries it on into what follows, ${line}. Write it as code, or close it with </${tag.name}>.`,
      fix: writeAsCode(tag)
    })
  }
  return found
}

/**
 * Where the rendered elements' content ends in the source: the furthest end of them or
 * anything inside them. (An element HTML closed implicitly can carry no usable end of its own.)
 */
function lastPoint(elements: Element[]): Point | undefined {
  let last: Point | undefined
  for (const element of elements) {
    visit(element, (node) => {
      const { start, end } = node.position ?? {}
      if (start?.offset === undefined || end?.offset === undefined || end.offset < start.offset) return
      if (!last || end.offset > last.offset!) last = end
    })
  }
  return last
}
