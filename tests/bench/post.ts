/**
 * A generated conference-recap post of about a given number of lines, written for the
 * benchmarks: front matter, a hand-written table of contents, then one "day" section after
 * another (headings, paragraphs with inline markup, photo runs, lists, a table, fenced
 * code, drafting notes in HTML comments, <sub> captions and <br> breaks, back-to-top links).
 * Every section differs (day number, names, image names), as a real post's do.
 */

const places = ['the harbour', 'the old market hall', 'the riverside terrace', 'the conference centre', 'the ferry terminal', 'the botanical garden']
const people = ['Amara Okafor', 'Jonas Lindqvist', 'Priya Raman', 'Mateo Alvarez', 'Hana Sato', 'Tomasz Nowak', 'Leila Haddad', 'Sam Whitfield']
const topics = ['migrations without downtime', 'accessible forms', 'async views in practice', 'testing the untestable', 'search that users like', 'maintaining a popular package']
const foods = ['paella', 'ramen', 'dumplings', 'tacos al pastor', 'lemon tart', 'fish and chips']

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!
const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')

/** The relative image paths a section references (the folder is `<post slug>-images/`). */
export function sectionImages(day: number, folder: string): string[] {
  return ['arrival', 'keynote-stage', 'hallway-track', 'lunch', 'sprint-table', 'evening-walk'].map((name) => `${folder}/day-${day}-${name}.jpg`)
}

function section(day: number, folder: string): string {
  const [arrival, keynote, hallway, lunch, sprint, evening] = sectionImages(day, folder)
  const place = pick(places, day)
  const speaker = pick(people, day)
  const other = pick(people, day + 3)
  const topic = pick(topics, day)
  const food = pick(foods, day)
  return `## Day ${day}: ${pick(['Talks', 'Sprints', 'Workshops', 'Lightning Talks'], day)} at ${place.replace('the ', '')}

<!--
TODO: check the spelling of ${speaker}'s name against the schedule.
Maybe move the photo of ${place} further up?
-->

We started day ${day} early with coffee from the cart outside ${place}. The morning was
grey, but the room filled up fast, and by nine there was a queue for the *good* stickers.
I caught up with **${other}**, who had flown in the night before and still insisted on
running the \`pre-commit\` hooks of every repository we talked about. See the
[schedule for day ${day}](https://example.org/schedule/day-${day}) for the full list.

![](${arrival})
![](${keynote})

### ${speaker} on ${topic.replace(/^./, (c) => c.toUpperCase())}

${speaker} opened with a story about a release that went wrong on a Friday, and then
walked through how the team now ships ${topic} in small steps. The slides were short and the
examples were real code from production, which made it easy to follow.<br>
Three things I wrote down:

- Keep every change reversible until the last step.
- Measure before you optimise; the slow part is rarely where you think it is.
- Write the runbook *before* the incident, not during it.
  - And keep it next to the code, so it changes with it.

![](${hallway})
<sub>The hallway track, right after the talk.</sub>

| Talk | Speaker | Room | Notes |
|------|---------|------|-------|
| ${topic} | ${speaker} | Hall A | slides online |
| Lightning talks | many | Hall B | ${day + 4} talks in an hour |
| Community panel | ${other} | Hall A | recorded |

The trick from the talk that I want to try at work, roughly:

\`\`\`python
def migrate(batch_size: int = ${100 * (day % 7) + 100}) -> int:
    moved = 0
    for rows in batches(query(), batch_size):
        copy_rows(rows)
        moved += len(rows)
    return moved
\`\`\`

### Lunch and the Afternoon

Lunch was ${food} from a stall two streets away, eaten on the steps with people from
four different countries. In the afternoon I sat in on the sprint planning and picked up a
documentation issue, which turned into a longer conversation about onboarding.

![](${lunch})
![](${sprint})

> "The best part of a conference happens between the talks."
> — overheard at ${place}

1. Finish the docs pull request from day ${day}.
2. Send ${other} the link to the benchmark notes.
3. Book the ferry for the way back.

<!-- Add the group photo once Sam sends it. -->

![](${evening})
<sub>Walking back along ${place} after dinner.</sub><br>

<sub>[**back to top**](#table-of-contents)</sub>
`
}

/** The post's text, with about `lines` lines, and every image path it references. */
export function recapPost(lines: number, postSlug = 'harbour-conference-recap'): { text: string; images: string[] } {
  const sectionLines = section(1, '').split('\n').length
  return recapPostOfDays(Math.max(1, Math.round((lines - 30) / sectionLines)), postSlug)
}

/** The post with `days` day sections (six images each). */
export function recapPostOfDays(days: number, postSlug = 'harbour-conference-recap'): { text: string; images: string[] } {
  const folder = `${postSlug}-images`
  const titles = Array.from({ length: days }, (_, i) => section(i + 1, folder).split('\n', 1)[0]!.replace(/^## /, ''))
  const head = `---
blogpost: true
title: Harbour Conference Recap
location: Lisbon, Portugal
category: Conferences
tags: python, community, sprints, travel, talks
---

# Harbour Conference Recap

Table of Contents
-----------------

- [Intro](#intro)
${titles.map((t) => `- [${t}](#${slug(t)})`).join('\n')}

## Intro

A week of talks, sprints and far too much coffee by the sea. These are my notes, written
mostly on the ferry, with the photos I took along the way.

`
  const body = Array.from({ length: days }, (_, i) => section(i + 1, folder)).join('\n')
  return { text: head + body, images: Array.from({ length: days }, (_, i) => sectionImages(i + 1, folder)).flat() }
}

/** The offset of a paragraph line near the middle of the post: where the benchmarks type. */
export function middleEditOffset(text: string): number {
  const anchor = text.indexOf('We started day', Math.floor(text.length / 2))
  const at = anchor === -1 ? text.indexOf('We started day') : anchor
  return text.indexOf(' early with coffee', at)
}
