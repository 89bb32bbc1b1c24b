import { describe, expect, it } from 'vitest'
import { checkPost, fixPost, type PostFileFacts } from '../../common/check'
import { altFromFileName, planImageName } from '../../common/images'

/** Alt text proposed from a file name: one function for the importer, the gallery and the checker's fix. */
describe('altFromFileName', () => {
  it.each([
    'IMG_1234.jpg',
    'IMG_E1234.HEIC',
    'DSC01234.JPG',
    'PXL_20250101_123456789.jpg',
    '20250914_101112.jpg',
    'Screenshot 2025-09-14 at 10.11.12.png',
    'WhatsApp Image 2025-09-14 at 10.11.12.jpeg',
    'IMG-20250712-WA0001.jpg',
    'image.png',
    'trip-images/IMG_1234.jpg',
    'trip-images/IMG_1234.jpg?v=2'
  ])('gives no alt for the camera or placeholder name %s', (name) => {
    expect(altFromFileName(name)).toBe('')
  })

  it.each([
    ['harbour-at-dusk.jpg', 'Harbour at Dusk'],
    ['trip-images/harbour-at-dusk.jpg', 'Harbour at Dusk'],
    ['the-lions-of-tsavo.jpeg', 'The Lions of Tsavo'],
    ['café-terrace.webp', 'Café Terrace'],
    ['my iPhone photo.HEIC', 'My iPhone Photo'],
    ['tram*on_[the]_hill.jpg', 'Tram on the Hill']
  ])('titles a meaningful name: %s -> %s', (name, alt) => {
    expect(altFromFileName(name)).toBe(alt)
  })

  it('is what the importer proposes for a name it keeps', () => {
    expect(planImageName('harbour-at-dusk.jpg', null).alt).toBe(altFromFileName('harbour-at-dusk.jpg'))
  })
})

describe('the checker’s alt-text fix', () => {
  const files: PostFileFacts = { imageFiles: ['trip-images/IMG_1234.jpg', 'trip-images/harbour-at-dusk.jpg'], existing: ['trip-images/IMG_1234.jpg', 'trip-images/harbour-at-dusk.jpg'], escaping: [] }
  const text = '# Trip\n\n![](trip-images/IMG_1234.jpg)\n\n![](trip-images/harbour-at-dusk.jpg)\n'

  it('flags a camera-named image without offering to write its file name', () => {
    const alt = checkPost({ text, relPath: 'trip.md', files }).filter((d) => d.rule === 'image-alt')
    expect(alt.map((d) => [d.line, d.fix?.label ?? null])).toEqual([
      [3, null],
      [5, 'Add alt text “Harbour at Dusk”']
    ])
  })

  it('reads the name out of a link: percent-encoded, or a web URL with a query', () => {
    const linked = '# Trip\n\n![](trip-images/caf%C3%A9-terrace.webp)\n\n![](https://example.org/img/sunset_over_the_bay.png?w=2)\n'
    const facts: PostFileFacts = { imageFiles: ['trip-images/café-terrace.webp'], existing: ['trip-images/café-terrace.webp'], escaping: [] }
    const alt = checkPost({ text: linked, relPath: 'trip.md', files: facts }).filter((d) => d.rule === 'image-alt')
    expect(alt.map((d) => d.fix?.label)).toEqual(['Add alt text “Café Terrace”', 'Add alt text “Sunset Over the Bay”'])
  })

  it('Fix all leaves a camera-named image without alt, for the author to describe', () => {
    const fixed = fixPost({ text, relPath: 'trip.md', files })
    expect(fixed).toContain('![](trip-images/IMG_1234.jpg)')
    expect(fixed).toContain('![Harbour at Dusk](trip-images/harbour-at-dusk.jpg)')
  })
})
