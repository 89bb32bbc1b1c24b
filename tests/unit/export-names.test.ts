import { describe, expect, it } from 'vitest'
import { exportClashes, foldName } from '../../common/export-names'

describe('exportClashes', () => {
  it('refuses every post that maps to one page, and nothing else', () => {
    const clashes = exportClashes(['trip.md', 'Trip.MD', 'trip-2.md', '2024/trip.md', '2024/TRIP.markdown', 'notes.md'])
    expect([...clashes.keys()].sort()).toEqual(['2024/TRIP.markdown', '2024/trip.md', 'Trip.MD', 'trip.md'])
    expect(clashes.get('2024/trip.md')).toBe(
      '2024/TRIP.markdown and 2024/trip.md would both be exported as 2024/trip.html (export names ignore case and accents’ Unicode form, as macOS and Windows disks do); rename all but one, or export it on its own to another --out folder.'
    )
  })

  it('refuses a post inside a folder named like another page or its images folder', () => {
    const clashes = exportClashes(['trip.md', 'Trip.html/a.md', 'TRIP-images/deep/b.md', 'trip-photos/c.md'])
    expect(clashes.get('Trip.html/a.md')).toBe('its page would be written into trip.html/, the page of trip.md (export names ignore case and accents’ Unicode form, as macOS and Windows disks do); move or rename it.')
    expect(clashes.get('TRIP-images/deep/b.md')).toMatch(/^its page would be written into trip-images\/, the images folder of trip\.md/)
    expect(clashes.has('trip-photos/c.md')).toBe(false)
    expect(clashes.has('trip.md')).toBe(false)
  })

  it('folds names as macOS and Windows compare them', () => {
    expect(foldName('Cafe\u0301.MD')).toBe(foldName('caf\u00e9.md'))
    expect(foldName('straße')).not.toBe(foldName('strasse'))
  })
})
