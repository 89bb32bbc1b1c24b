import type { Diagnostic } from '../api'
import { authoredTags, closedInBlock, rawTextTags, renderedTexts, renderedTree, writeAsCode, type AuthoredTag } from './html-tags'
import type { CheckContext } from './types'

/**
 * `<style>`, `<textarea>`, `<plaintext>`... written in prose ("put your CSS in a <style>
 * element") open an element whose content HTML reads as text: the tag is never shown, and
 * what follows it may be hidden or shown flat. The message says what Folio's own render did.
 */
export function checkRawTextTags(context: CheckContext): Diagnostic[] {
  const open = authoredTags(context).filter((tag) => !tag.closing && rawTextTags.has(tag.name) && !closedInBlock(tag))
  if (!open.length) return []
  const texts = renderedTexts(renderedTree(context))
  return open.map((tag) => ({
    rule: 'raw-text-tag',
    severity: 'warning' as const,
    ...context.at(tag.from, tag.to),
    message: `${tag.source} is read as an HTML tag: Folio ${effect(context, tag, texts)}. Write it as code to show it.`,
    fix: writeAsCode(tag)
  }))
}

/** What the render did with the tag and the text after it. */
function effect(context: CheckContext, tag: AuthoredTag, texts: ReturnType<typeof renderedTexts>): string {
  const rest = context.text.slice(tag.to)
  const next = rest.search(/\S/)
  if (next < 0) return 'does not show it'
  const after = tag.to + next
  const shown = texts.find((text) => text.position!.start.offset! <= after && after < text.position!.end.offset!)
  if (!shown) {
    const resumes = texts.find((text) => text.position!.start.offset! > after)?.position!.start.offset
    if (resumes === undefined) return 'hides it and the text after it, to the end of the post'
    return `hides it and the text after it, through line ${context.at(tag.to + context.text.slice(tag.to, resumes).trimEnd().length).line}`
  }
  const end = shown.position!.end.offset!
  // Shown, but as one run of text across what were paragraphs or headings.
  if (/\n[ \t]*\n/.test(shown.value) || end > tag.blockEnd) {
    return `does not show it, and shows the text after it as plain text, ${end >= context.text.trimEnd().length ? 'to the end of the post' : `through line ${shown.position!.end.line}`}`
  }
  return 'does not show it'
}
