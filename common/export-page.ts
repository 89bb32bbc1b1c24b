import type { Root, Element, ElementContent, RootContent } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { tagsOf, textOf } from './frontmatter'
import { textOfTree } from './export-body'

/** What the exported page says about the post, taken from its front matter. */
export interface PageMeta {
  title: string
  description: string
  keywords: string[]
  author: string
  /** As written in the front matter ('' for a draft without a date). */
  date: string
  lang: string
  location: string
  category: string
}

const descriptionLength = 160

/**
 * The page's title and meta tags: front matter first, then the post itself (first heading,
 * first paragraph), then the file name, so every export has a title and a description.
 */
export function pageMetaOf(data: Record<string, unknown>, body: Root, fallbackTitle: string): PageMeta {
  const h1 = body.children.find((n): n is Element => n.type === 'element' && n.tagName === 'h1')
  const firstParagraph = findElement(body, 'p')
  const written = textOf(data.description ?? data.summary ?? data.excerpt)
  const author = Array.isArray(data.author) ? data.author.map(textOf).join(', ') : textOf(data.author ?? data.authors)
  return {
    title: textOf(data.title) || (h1 ? textOfTree(h1) : '') || fallbackTitle,
    description: shorten(written || (firstParagraph ? textOfTree(firstParagraph) : ''), descriptionLength),
    keywords: tagsOf(data),
    author,
    date: textOf(data.date),
    lang: /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(textOf(data.lang ?? data.language)) ? textOf(data.lang ?? data.language) : 'en',
    location: textOf(data.location),
    category: textOf(Array.isArray(data.category) ? data.category.join(', ') : data.category)
  }
}

/** What the page template needs beyond the post: the theme and the export's form. */
export interface PageOptions {
  /** The theme, inlined in a `<style>` element so the page needs no other file. */
  css: string
  /** Where images may come from: the export's own files, or data: only for a single file. */
  singleFile: boolean
}

/**
 * The complete HTML5 document for an exported post. A content security policy forbids all
 * script as a second line of defence behind the sanitizer; a single file may load images
 * and media from data: URLs only, so it can be shown to prove it references nothing outside itself.
 */
export function buildPage(meta: PageMeta, body: Root, options: PageOptions): string {
  const images = options.singleFile ? 'data:' : "'self' data: https: http: file:"
  const head: ElementContent[] = [
    el('meta', { charSet: 'utf-8' }),
    el('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    el('meta', { httpEquiv: ['Content-Security-Policy'], content: `default-src 'none'; img-src ${images}; media-src ${images}; style-src 'unsafe-inline'` }),
    el('meta', { name: 'color-scheme', content: 'light dark' }),
    el('title', {}, [text(meta.title)]),
    ...metaTags(meta),
    el('meta', { name: 'generator', content: 'Folio' }),
    el('style', {}, [text(`\n${options.css.replace(/<\/style/gi, '<\\/style')}\n`)])
  ]
  const article = el('article', { className: ['post'] }, withByline(meta, body.children) as ElementContent[])
  const html = el('html', { lang: meta.lang }, [
    text('\n'),
    el('head', {}, joinLines(head)),
    text('\n'),
    el('body', {}, [text('\n'), el('main', {}, [text('\n'), article, text('\n')]), text('\n')]),
    text('\n')
  ])
  const root: Root = { type: 'root', children: [{ type: 'doctype' }, text('\n'), html, text('\n')] }
  return toHtml(root, { allowDangerousCharacters: false, upperDoctype: true })
}

function metaTags(meta: PageMeta): Element[] {
  const tags: [string, string][] = [
    ['description', meta.description],
    ['keywords', meta.keywords.join(', ')],
    ['author', meta.author],
    ['date', meta.date]
  ]
  return tags.filter(([, content]) => content).map(([name, content]) => el('meta', { name, content }))
}

/**
 * Date, place and category under the post's first heading (a heading is added from the
 * title when the post has none), so the reader sees what the front matter says.
 */
function withByline(meta: PageMeta, children: RootContent[]): RootContent[] {
  const parts = [meta.date, meta.location, meta.category].filter(Boolean)
  const byline = parts.length ? [text('\n'), el('p', { className: ['byline'] }, [text(parts.join(' · '))])] : []
  const first = children.findIndex((n) => n.type === 'element')
  const head = children[first]
  if (head?.type === 'element' && head.tagName === 'h1') return [...children.slice(0, first + 1), ...byline, ...children.slice(first + 1)]
  return [el('h1', {}, [text(meta.title)]), ...byline, text('\n'), ...children]
}

/** Cuts text at a word boundary with an ellipsis. */
function shorten(value: string, max: number): string {
  const clean = value.replace(/\s+/g, ' ').trim()
  if (clean.length <= max) return clean
  const cut = clean.slice(0, max - 1)
  return `${cut.slice(0, cut.lastIndexOf(' ') > max / 2 ? cut.lastIndexOf(' ') : cut.length).replace(/[\s,;:.]+$/, '')}…`
}

function findElement(tree: Root | Element, tagName: string): Element | null {
  for (const child of tree.children) {
    if (child.type !== 'element') continue
    if (child.tagName === tagName) return child
    const found = findElement(child, tagName)
    if (found) return found
  }
  return null
}

const el = (tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element => ({ type: 'element', tagName, properties, children })
const text = (value: string) => ({ type: 'text' as const, value })
const joinLines = (nodes: ElementContent[]): ElementContent[] => [text('\n'), ...nodes.flatMap((n) => [n, text('\n')])]
