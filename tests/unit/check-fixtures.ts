import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import type { PostFileFacts } from '../../common/check'

/** 🔝 as it reads after its UTF-8 bytes went through Mac Roman (F0 is the Apple logo). */
export const garbledTop = '\uF8FFüîù'

/**
 * A conference recap built like a real draft: ABlog front matter without a date, a setext
 * TOC that has drifted from the headings, images without alt text, one emoji saved with the
 * wrong encoding, a section holding only a drafting note, and notes between the photos.
 */
export const recapPost = `---
blogpost: true
location: Lisbon Portugal
category: Conferences
tags: python, lisbon, community, talks
---

# EuroPython Lisbon Recap

Table of Contents
-----------------

- [Arrival](#arrival)
- [Day One](#day-one)
    - [Opening Keynote](#opening-keynote)
- [Goodbye](#goodbye)

## Arrival

We landed early and walked along the river before the crowds.

<!--
Ask Ana for the name of the café near the hotel
-->

![](lisbon-recap-images/tram-28-on-the-hill.jpg)

${garbledTop} <sub>[**back to top**](#table-of-contents)</sub>

## Day One

### Opening Keynote

![](lisbon-recap-images/keynote-stage-wide.jpg)
![Pastéis de nata at the break](lisbon-recap-images/pasteis-de-nata.jpg)

### Lightning Talks

<!--
https://example.org/lightning-talks
-->

${garbledTop} <sub>[**back to top**](#table-of-contents)</sub>

## Day Two

Sprints all day — café, code, and one more café.

![](lisbon-recap-images/sprint-room.jpg)

${garbledTop} <sub>[**back to top**](#table-of-contents)</sub>
`

/** The images the recap refers to, which a test writes to its image folder. */
export const recapImages = ['tram-28-on-the-hill.jpg', 'keynote-stage-wide.jpg', 'pasteis-de-nata.jpg', 'sprint-room.jpg']

/** File facts for a post whose referenced images all exist and nothing else is in the folder. */
export function factsFor(paths: string[], extra: string[] = []): PostFileFacts {
  return { imageFiles: [...paths, ...extra], existing: paths, escaping: [] }
}

/** A small real JPEG (so the folder holds what a camera would put there). */
export const jpeg = (color = '#c8553d'): Promise<Buffer> =>
  sharp({ create: { width: 8, height: 6, channels: 3, background: color } }).jpeg().toBuffer()

/** Writes a post and its images into a fresh temp folder; returns the folder and the post's path. */
export async function writePost(name: string, text: string, images: string[]): Promise<{ dir: string; post: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'folio-check-'))
  await mkdir(join(dir, `${name}-images`), { recursive: true })
  for (const image of images) await writeFile(join(dir, `${name}-images`, image), await jpeg())
  const post = join(dir, `${name}.md`)
  await writeFile(post, text)
  return { dir, post }
}
