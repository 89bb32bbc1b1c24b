import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { applyFix, checkPost, findMojibake } from '../../common/check'
import { codepageUpperHalves } from '../../common/check/codepages'

/** What a text looks like after its UTF-8 bytes were decoded as a single-byte encoding. */
const garble = (text: string, encoding: string): string =>
  [...Buffer.from(text, 'utf8')]
    .map((byte) => {
      const char = iconv.decode(Buffer.from([byte]), encoding)
      if (char !== '\uFFFD') return char
      // Bytes iconv-lite leaves undefined read as real systems show them: Mac Roman's 0xF0 is
      // the Apple logo U+F8FF, Windows-1252's holes pass through as C1 controls (as in browsers).
      return encoding === 'macintosh' ? '\uF8FF' : String.fromCharCode(byte)
    })
    .join('')
const repair = (text: string): string => {
  let result = text
  for (const m of findMojibake(text).reverse()) result = result.slice(0, m.from) + m.fixed + result.slice(m.to)
  return result
}

const samples = ['🔝', 'é', 'ü', '’', '—', 'Grüße aus München', 'déjà vu — l’été', 'ação e coração', '日本語のテキスト', 'Ünïcödé “quotes” …', '🎉 party']

describe('findMojibake', () => {
  it('detects and repairs 🔝 read as Mac Roman, with and without its invisible first character', () => {
    expect(findMojibake('\uF8FFüîù <sub>top</sub>')).toEqual([{ from: 0, to: 4, text: '\uF8FFüîù', fixed: '🔝', encoding: 'Mac Roman' }])
    expect(repair('üîù <sub>top</sub>')).toBe('🔝 <sub>top</sub>')
  })

  for (const encoding of ['windows1252', 'macintosh', 'latin1']) {
    it(`round-trips text garbled as ${encoding}`, () => {
      for (const sample of samples) {
        const garbled = garble(sample, encoding)
        expect(garbled).not.toBe(sample)
        expect(repair(`Before ${garbled} after.`), garbled).toBe(`Before ${sample} after.`)
      }
    })
  }

  it('repairs the classic Windows-1252 cases exactly', () => {
    for (const sample of ['é', 'ü', '’', '—', 'café crème', 'l’été', '🔝', '中文']) {
      expect(repair(`x ${garble(sample, 'windows1252')} y`)).toBe(`x ${sample} y`)
    }
    expect(findMojibake('cafÃ©tÃ©ria')).toMatchObject([{ text: 'Ã©tÃ©', fixed: 'été', encoding: 'Windows-1252' }])
  })

  it('repairs the classic Mac Roman cases exactly', () => {
    for (const sample of ['é', 'ü', '’', '—', 'Grüße', '🔝', '中文']) {
      expect(repair(`x ${garble(sample, 'macintosh')} y`)).toBe(`x ${sample} y`)
    }
  })

  it('never flags correct text in other languages, punctuation, CJK or emoji', () => {
    const correct = [
      'Café, naïve, déjà vu — l’été à Paris « très » bien…',
      'Grüße aus München: Über, Straße, schön, Fußgänger.',
      'Ação, coração, São Paulo, informações, pão.',
      '“Quoted” and ‘single’ – dashes — and … ellipses; 20 °C, ±5, ½, ©, ™',
      '日本語のテキスト、中文文本，한국어 텍스트',
      '🔝 🎉 👩‍💻 🇵🇹 ✨',
      'CAFÉ—BAR, É—, ‘é’, —é, “Ü”, ÄÖÜ äöü ß, Ørsted, Å, ñandú, ¿qué?, ¡olé!',
      'Ελληνικά, Русский текст, עברית, العربية'
    ]
    for (const text of correct) expect(findMojibake(text), text).toEqual([])
  })
})

describe('code page tables', () => {
  it('are iconv-lite\'s, but for the bytes it leaves undefined and real decoders do not', () => {
    const bytes = Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i)
    const [windows1252, macRoman, latin1] = codepageUpperHalves.map((page) => [...page.upper])
    const expected = (codec: string, holes: Record<number, string>) => [...iconv.decode(Buffer.from(bytes), codec)].map((c, i) => holes[0x80 + i] ?? c)
    expect(windows1252).toEqual(expected('windows1252', { 0x81: '\x81', 0x8d: '\x8d', 0x8f: '\x8f', 0x90: '\x90', 0x9d: '\x9d' }))
    expect(macRoman).toEqual(expected('macintosh', { 0xf0: '\uF8FF' }))
    expect(latin1).toEqual(expected('latin1', {}))
    expect(codepageUpperHalves.map((page) => page.label)).toEqual(['Windows-1252', 'Mac Roman', 'Latin-1'])
  })
})

describe('mojibake rule', () => {
  const text = '# Día uno\n\nCoffee at the cafÃ© was great.\n\n\uF8FFüîù <sub>[**back to top**](#dia-uno)</sub>\n\n`cafÃ©` in code is left alone.\n'

  it('reports each garbled run once with its line, and the fix restores it', () => {
    const found = checkPost({ text, relPath: 'p.md', files: { imageFiles: [], existing: [], escaping: [] } }).filter((d) => d.rule === 'mojibake')
    expect(found.map((d) => [d.line, d.column, d.severity, d.fix?.label])).toEqual([
      [3, 18, 'warning', 'Replace with “é”'],
      [5, 1, 'warning', 'Replace with “🔝”']
    ])
    expect(found[1]?.message).toContain('U+F8FFüîù')
    const fixed = found.reduceRight((t, d) => applyFix(t, d), text)
    expect(fixed).toBe('# Día uno\n\nCoffee at the café was great.\n\n🔝 <sub>[**back to top**](#dia-uno)</sub>\n\n`cafÃ©` in code is left alone.\n')
  })
})
