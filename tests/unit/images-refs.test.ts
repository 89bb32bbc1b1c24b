import { describe, expect, test } from 'vitest'
import { canonicalImagePath, imageReferences, referenceLines, rewriteImageReferences } from '../../common/image-refs'

const post = [
  '---',
  'title: Trip',
  '---',
  '# Trip',
  '![Cake](trip-images/cake.jpg)',
  '![River](./trip-images/my%20river.jpg "at dusk") and ![again](<trip-images/my river.jpg>)',
  '<img src="trip-images/cake.jpg" alt="cake">',
  '[ref]: trip-images/ref.png',
  '<!-- later: ![](trip-images/kept-for-later.jpg) -->',
  '[a pdf](trip-images/notes.pdf) ![web](https://example.com/x.jpg) ![abs](/x.jpg) ![up](../../x.jpg)',
  ''
].join('\n')

describe('imageReferences', () => {
  test('finds markdown, angle-bracket, HTML, definition and commented-out references with their lines', () => {
    const refs = imageReferences(post)
    // Web, site-absolute and climbing images are references too, to no file of the post's.
    expect(refs.filter((r) => !r.path).map((r) => r.src)).toEqual(['https://example.com/x.jpg', '/x.jpg', '../../x.jpg'])
    expect(refs.filter((r) => r.path).map((r) => [r.path, r.line])).toEqual([
      ['trip-images/cake.jpg', 5],
      ['trip-images/my river.jpg', 6],
      ['trip-images/my river.jpg', 6],
      ['trip-images/cake.jpg', 7],
      ['trip-images/ref.png', 8],
      ['trip-images/kept-for-later.jpg', 9]
    ])
    expect(referenceLines(refs).get('trip-images/cake.jpg')).toEqual([5, 7])
  })

  test('offsets point at the destination as written', () => {
    const [first] = imageReferences(post)
    expect(post.slice(first!.start, first!.end)).toBe('trip-images/cake.jpg')
  })
})

describe('canonicalImagePath', () => {
  test.each([
    ['./a/../trip-images/x%20y.jpg?v=2#top', 'trip-images/x y.jpg'],
    ['trip-images/a\\_b.jpg', 'trip-images/a_b.jpg'],
    ['trip-images/100%.jpg', 'trip-images/100%.jpg'],
    ['https://example.com/a.jpg', null],
    ['data:image/png;base64,xx', null],
    ['/site/a.jpg', null],
    ['../a.jpg', null]
  ])('%s -> %s', (input, expected) => {
    expect(canonicalImagePath(input)).toBe(expected)
  })
})

describe('rewriteImageReferences', () => {
  test('rewrites every form of the reference, and nothing else', () => {
    const out = rewriteImageReferences(post, 'trip-images/my river.jpg', 'trip-images/river at dusk.jpg')
    expect(out).toContain('![River](./trip-images/river%20at%20dusk.jpg "at dusk") and ![again](<trip-images/river%20at%20dusk.jpg>)')
    expect(out.replace(/river%20at%20dusk/g, '')).not.toContain('river')
    const cake = rewriteImageReferences(post, 'trip-images/cake.jpg', 'trip-images/chocolate-cake.jpg')
    expect(cake).toContain('![Cake](trip-images/chocolate-cake.jpg)')
    expect(cake).toContain('<img src="trip-images/chocolate-cake.jpg" alt="cake">')
    expect(cake.split('\n').length).toBe(post.split('\n').length)
  })

  test('returns the text unchanged when nothing refers to the file', () => {
    expect(rewriteImageReferences(post, 'trip-images/none.jpg', 'trip-images/x.jpg')).toBe(post)
  })
})
