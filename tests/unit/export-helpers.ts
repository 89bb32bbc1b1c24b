/**
 * Shared by the export tests: fixture posts written into real temp folders (images made
 * with sharp), and checks on an exported page parsed back into a DOM.
 */
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import sharp from 'sharp'
import { fromHtml } from 'hast-util-from-html'
import { selectAll } from 'hast-util-select'
import { HtmlValidate } from 'html-validate'
import { visit } from 'unist-util-visit'
import type { Root, Element } from 'hast'

export const tempDir = (prefix = 'folio-export-') => mkdtemp(join(tmpdir(), prefix))

/** A real JPEG (or PNG by extension) of one colour. */
export async function makeImage(file: string, width = 640, height = 400, colour = { r: 40, g: 120, b: 200 }): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  const image = sharp({ create: { width, height, channels: 3, background: colour } })
  await (file.endsWith('.png') ? image.png() : image.jpeg()).toFile(file)
}

/** The bytes planted outside a post's folder; they must never reach an export. */
export const secretText = 'TOP-SECRET-BYTES-3f9a'

/** A photo recap like the ones Folio is for: front matter, TOC, notes, code, table, images. */
export const recapPost = `---
blogpost: true
title: "Lakeside Sprint: A Recap"
date: 2026-05-02
author: Ana Ribeiro
description: Three days of sprinting by the lake.
location: Lakeside, Ontario
category: Conferences
tags: python, sprints, travel
---

# Lakeside Sprint Recap

Table of Contents
-----------------

- [Day 1: Arrival 🚆](#day-1-arrival-)
- [Lunch](#lunch)
- [Lunch, again](#lunch-1)
- [The "Code" & Tables](#the-code--tables)

## Day 1: Arrival 🚆

We arrived by train.[^1]

![Lake at dawn](recap-images/lake-at-dawn.jpg)

<!-- drafting note: check the train times -->

🔝 <sub>[**back to top**](#table-of-contents)</sub>

## Lunch

![Noodles](recap-images/food/noodles.png)
![](recap-images/lake-at-dawn.jpg)

## Lunch

<!--
second note
over two lines
-->

Tacos, this time. See [the other post](other-post.md) and [Python](https://www.python.org/).

## The "Code" & Tables

\`\`\`python
def greet(name: str) -> str:
    return f"hello {name}"
\`\`\`

| Team | PRs | Reviews |
|:-----|----:|:-------:|
| docs | 14  | 20      |

- [x] Sprint
- [ ] Write it up

🔝 <sub>[**back to top**](#table-of-contents)</sub>

[^1]: The 7:40 from Union Station.
`

/** Every trick a hostile post might try: script, handlers, javascript: links, escaping the folder. */
export function evilPost(outsideSecret: string): string {
  return `---
title: Evil
---

# Evil

<script>alert('script')</script>

<img src="evil-images/ok.png" onerror="alert('onerror')">

<a href="javascript:alert('href')">js link</a> and [md js](javascript:alert('md'))

<div onclick="alert('click')" style="color:red">styled</div>

<iframe src="https://example.com"></iframe>

<svg><script>alert('svg')</script></svg>

![up](../../secret.png)

![encoded](..%2F..%2Fsecret.png)

![absolute](${outsideSecret})

![linked](evil-images/link-out.png)

![missing](evil-images/missing.png)

<img src="data:image/png;base64,iVBORw0KGgo=" alt="inline data">

![web](https://example.com/photo.jpg)
`
}

/**
 * Lays out a blog folder: `blog/posts/recap.md` with its images (and one it does not use),
 * `blog/posts/evil.md`, and a secret two levels up that the evil post points at.
 */
export async function makeBlog(): Promise<{ root: string; posts: string; secret: string }> {
  const root = await tempDir()
  const posts = join(root, 'blog', 'posts')
  const secret = join(root, 'secret.png')
  await makeImage(secret, 8, 8, { r: 255, g: 0, b: 0 })
  await writeFile(join(root, 'secret.txt'), secretText)
  await mkdir(posts, { recursive: true })
  await writeFile(join(posts, 'recap.md'), recapPost)
  await makeImage(join(posts, 'recap-images', 'lake-at-dawn.jpg'), 1600, 1000)
  await makeImage(join(posts, 'recap-images', 'food', 'noodles.png'), 300, 200, { r: 250, g: 200, b: 40 })
  await makeImage(join(posts, 'recap-images', 'unused.jpg'), 100, 100)
  await writeFile(join(posts, 'evil.md'), evilPost(secret))
  await makeImage(join(posts, 'evil-images', 'ok.png'), 20, 20)
  await symlink(secret, join(posts, 'evil-images', 'link-out.png'))
  // secret.png sits two levels above posts/: exactly where `../../secret.png` points.
  return { root, posts, secret }
}

export const parsePage = (html: string): Root => fromHtml(html)

/** html-validate's recommended rules; returns the errors as readable lines. */
export async function validationErrors(html: string): Promise<string[]> {
  const report = await new HtmlValidate().validateString(html)
  return report.results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`))
}

export function textOf(node: Root | Element): string {
  let text = ''
  visit(node, 'text', (t) => {
    text += t.value
  })
  return text
}

/** `#fragment` links whose target id does not exist in the page. */
export function unresolvedAnchors(tree: Root): string[] {
  const ids = new Set(selectAll('[id]', tree).map((e) => String(e.properties.id)))
  return selectAll('a[href^="#"]', tree)
    .map((a) => String(a.properties.href))
    .filter((href) => !ids.has(decodeURIComponent(href.slice(1))))
}

/** Scripts, event handler attributes, javascript: URLs and embedded frames found in the page. */
export function activeContent(tree: Root): string[] {
  const found: string[] = selectAll('script, iframe, object, embed, frame, base, form', tree).map((e) => `<${e.tagName}>`)
  visit(tree, 'element', (node: Element) => {
    for (const [key, value] of Object.entries(node.properties)) {
      if (/^on/i.test(key)) found.push(`${node.tagName}[${key}]`)
      if (typeof value === 'string' && /^\s*(javascript|vbscript):/i.test(value)) found.push(`${node.tagName}[${key}=${value}]`)
    }
  })
  return found
}

const urlProperties = ['src', 'href', 'srcSet', 'poster', 'data', 'action', 'formAction', 'cite', 'background', 'longDesc', 'manifest', 'ping', 'xLinkHref']

/**
 * References a single-file page makes to anything outside itself: every URL must be a
 * data: URI, a #fragment, or an http(s) link to another site in an `<a>`.
 */
export function externalReferences(tree: Root, html: string): string[] {
  const found: string[] = []
  visit(tree, 'element', (node: Element) => {
    for (const key of urlProperties) {
      const value = node.properties[key]
      if (value === undefined || value === null) continue
      const url = Array.isArray(value) ? value.join(' ') : String(value)
      if (url.startsWith('data:') || url.startsWith('#')) continue
      if (node.tagName === 'a' && key === 'href' && /^(https?:\/\/|mailto:)/i.test(url)) continue
      found.push(`${node.tagName}[${key}=${url}]`)
    }
  })
  for (const style of selectAll('style', tree)) {
    const css = textOf(style)
    for (const m of css.matchAll(/url\(\s*['"]?([^'")]*)/gi)) if (!m[1]!.startsWith('data:')) found.push(`css url(${m[1]})`)
    if (/@import/i.test(css)) found.push('css @import')
  }
  if (/<link\b/i.test(html)) found.push('<link>')
  return found
}

/** Walks the page for HTML comments (the parser keeps them as nodes). */
export function comments(tree: Root): string[] {
  const found: string[] = []
  visit(tree, 'comment', (node) => {
    found.push(node.value)
  })
  return found
}
