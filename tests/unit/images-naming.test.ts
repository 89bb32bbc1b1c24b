import { describe, expect, test } from 'vitest'
import {
  altFromFileName,
  encodeLink,
  escapeAlt,
  freeImageName,
  imageMarkdown,
  isCameraName,
  isPlaceholderName,
  kebabCase,
  planImageName
} from '../../common/images'

describe('kebabCase', () => {
  test.each([
    ['Field Museum: Patagotitan maroyum', 'field-museum-patagotitan-maroyum'],
    ['Café Zoë & Crème Brûlée', 'cafe-zoe-and-creme-brulee'],
    ['Straße in Łódź, Ærø, Øresund', 'strasse-in-lodz-aero-oresund'],
    ["Shaw's Crab House", 'shaws-crab-house'],
    ['  --Chicago__River--  ', 'chicago-river'],
    ['ﬁnal Ｆｕｌｌｗｉｄｔｈ ①', 'final-fullwidth-1'],
    ['🦖 Dino 🦕 time', 'dino-time'],
    ['photo\u202Egpj.exe', 'photo-gpj-exe'],
    ['🎉🎉', ''],
    ['שלום', ''],
    ['東京タワー', '']
  ])('%s -> %s', (input, expected) => {
    expect(kebabCase(input)).toBe(expected)
  })

  test('long names are cut at a word boundary, never leaving a trailing hyphen', () => {
    const name = kebabCase('the quick brown fox jumps over the lazy dog and keeps running far away', 40)
    expect(name.length).toBeLessThanOrEqual(40)
    expect(name).toBe('the-quick-brown-fox-jumps-over-the-lazy')
    expect(kebabCase('a'.repeat(80), 20)).toBe('a'.repeat(20))
  })
})

describe('camera and placeholder names', () => {
  test.each(['IMG_1234.HEIC', 'IMG_E0042.jpg', 'IMG-20250712-WA0001.jpg', 'PXL_20250712_123456789.jpg', 'DSC01234.JPG', 'DSC_0042.NEF.jpg', '_MG_1234.jpg', 'DSCF1234.jpg', 'P1010001.JPG', 'GOPR0042.JPG', 'DJI_0042.JPG', '20250712_123456.jpg', 'Screenshot 2025-07-12 at 10.15.22.png', 'Screen Shot 2020-01-01 at 1.00.00 PM.png'])(
    '%s is a camera name',
    (name) => expect(isCameraName(name)).toBe(true)
  )
  test.each(['field-museum.jpg', 'imgur-logo.png', 'dscussion.jpg', 'portrait.jpg'])('%s is not a camera name', (name) => expect(isCameraName(name)).toBe(false))
  test.each(['image.png', 'image (2).png', 'Pasted Image.png', 'clipboard.png', 'untitled.jpg', '1234.jpg', 'blob', '8f14e45f-ceea-467f-a8f0-3f5c8e2d1b4a.jpg'])('%s is a placeholder', (name) =>
    expect(isPlaceholderName(name)).toBe(true)
  )
  test.each(['images-of-rome.png', 'cake.jpg'])('%s is not a placeholder', (name) => expect(isPlaceholderName(name)).toBe(false))
})

describe('planImageName', () => {
  test('a camera name under a heading is named after the heading, numbered, with the heading as alt', () => {
    expect(planImageName('IMG_1234.HEIC', 'The Field Museum')).toEqual({ base: 'the-field-museum', numbered: true, alt: 'The Field Museum' })
  })
  test('pasted bytes with a generic name are named after the heading, or `image` without one', () => {
    expect(planImageName('image.png', 'Lunch at Shaw’s')).toEqual({ base: 'lunch-at-shaws', numbered: true, alt: 'Lunch at Shaw’s' })
    expect(planImageName('image.png', null)).toEqual({ base: 'image', numbered: true, alt: '' })
    expect(planImageName('Pasted Image.png', null)).toEqual({ base: 'pasted-image', numbered: true, alt: '' })
    expect(planImageName('photo 2.jpg', null)).toEqual({ base: 'photo-2', numbered: false, alt: '' })
  })
  test('a meaningful name is kept in kebab-case, whatever the heading', () => {
    expect(planImageName('Chicago River Daylight.JPG', 'The View')).toEqual({ base: 'chicago-river-daylight', numbered: false, alt: 'Chicago River Daylight' })
  })
  test('a camera name without a heading keeps its own kebab-case name and gets no alt', () => {
    expect(planImageName('PXL_20250712_123456789.jpg', null)).toEqual({ base: 'pxl-20250712-123456789', numbered: false, alt: '' })
  })
  test('a name with nothing usable (emoji, RTL, CJK) falls back to the heading, then to image', () => {
    expect(planImageName('🦖🦕.png', 'Dinosaurs')).toMatchObject({ base: 'dinosaurs', numbered: true })
    expect(planImageName('שלום.jpg', null)).toMatchObject({ base: 'image', numbered: true })
    expect(planImageName('東京.jpg', '🎉')).toMatchObject({ base: 'image', numbered: true })
  })
})

describe('freeImageName', () => {
  test('an unnumbered name is used as is when free, else gets -2, -3', () => {
    expect(freeImageName({ base: 'cake', numbered: false }, 'jpg', new Set())).toBe('cake.jpg')
    expect(freeImageName({ base: 'cake', numbered: false }, 'jpg', new Set(['cake.jpg', 'cake-2.jpg']))).toBe('cake-3.jpg')
    expect(freeImageName({ base: 'cake', numbered: false }, 'png', new Set(['cake.jpg']))).toBe('cake.png')
  })
  test('a numbered series continues after the highest number present, in any format', () => {
    expect(freeImageName({ base: 'field-museum', numbered: true }, 'jpg', new Set())).toBe('field-museum-1.jpg')
    const taken = new Set(['field-museum-1.jpg', 'field-museum-2.png', 'field-museum-7.webp', 'field-museum-trip-9.jpg', 'other-12.jpg'])
    expect(freeImageName({ base: 'field-museum', numbered: true }, 'jpg', taken)).toBe('field-museum-8.jpg')
  })
})

describe('alt text, links and markdown', () => {
  test('alt text is proposed from the name, title-cased', () => {
    expect(altFromFileName('field-museum-patagotitan-maroyum.jpg')).toBe('Field Museum Patagotitan Maroyum')
    expect(altFromFileName('a_sunday_on_la-grande-jatte.png')).toBe('A Sunday on La Grande Jatte')
    expect(altFromFileName('my iPhone photo.HEIC')).toBe('My iPhone Photo')
    expect(altFromFileName('IMG_1234.JPG')).toBe('')
    expect(altFromFileName('image.png')).toBe('')
  })
  test('links are percent-encoded per segment, keeping slashes', () => {
    expect(encodeLink('trip-images/a b#1?(2).jpg')).toBe('trip-images/a%20b%231%3F%282%29.jpg')
    expect(encodeLink('trip-images/café.jpg')).toBe('trip-images/caf%C3%A9.jpg')
    expect(encodeLink('trip-images/field-museum-3.jpg')).toBe('trip-images/field-museum-3.jpg')
  })
  test('imageMarkdown writes one line per image, alt escaped', () => {
    const summary = {
      imported: [
        { link: 'trip-images/cake.jpg', alt: 'Cake [chocolate]' },
        { link: 'trip-images/image-1.png', alt: '' }
      ]
    }
    expect(imageMarkdown(summary)).toBe('![Cake \\[chocolate\\]](trip-images/cake.jpg)\n![](trip-images/image-1.png)')
    expect(imageMarkdown({ imported: [] })).toBe('')
    expect(escapeAlt('two\nlines \\ here')).toBe('two lines \\\\ here')
  })
})
