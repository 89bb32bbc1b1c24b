import { describe, expect, test } from 'vitest'
import iconv from 'iconv-lite'
import { decodeText, describeFsError, encodeText, UserError } from '../../electron/services/text-file'

/** decode then encode must give back the very same bytes. */
const roundTrip = (bytes: Buffer): Buffer => {
  const decoded = decodeText(bytes)
  return encodeText(decoded.text, decoded.encoding, decoded.eol)
}

describe('decodeText / encodeText keep a post byte-identical', () => {
  const cases: [string, Buffer, string][] = [
    ['UTF-8, LF', Buffer.from('# Café\n\nnaïve 🎉\n'), 'utf8'],
    ['UTF-8, CRLF', Buffer.from('# Café\r\n\r\nnaïve 🎉\r\n'), 'utf8'],
    ['UTF-8 with BOM, CRLF', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# Hi\r\nthere\r\n')]), 'utf8-bom'],
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('# Grüße 🎉\r\nok\r\n', 'utf16le')]), 'utf16le'],
    ['Latin-1', iconv.encode('# Café\n\nrésumé, naïve, ñ, ß\n', 'latin1'), 'latin1'],
    ['Windows-1252, CRLF', iconv.encode('# “Quoted” — 50 €\r\n\r\ndone…\r\n', 'windows-1252'), 'windows-1252'],
    // 0x81 is undefined in Windows-1252: decoding it as such would save it back as 0x9D.
    ['single-byte with a Windows-1252 hole', Buffer.from([0x23, 0x20, 0x93, 0x81, 0x94, 0x0a]), 'latin1'],
    ['no trailing newline', Buffer.from('last line'), 'utf8'],
    ['empty file', Buffer.alloc(0), 'utf8']
  ]
  for (const [name, bytes, encoding] of cases) {
    test(name, () => {
      expect(decodeText(bytes).encoding).toBe(encoding)
      expect(roundTrip(bytes).equals(bytes)).toBe(true)
    })
  }

  test('line endings are normalised to LF for the editor and restored on save', () => {
    const decoded = decodeText(Buffer.from('a\r\nb\r\n'))
    expect(decoded).toMatchObject({ text: 'a\nb\n', eol: 'crlf' })
    expect(encodeText('a\nb\nnew\n', 'utf8', 'crlf').toString()).toBe('a\r\nb\r\nnew\r\n')
  })

  test('the BOM is not part of the editor text', () => {
    expect(decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0x41])).text).toBe('A')
  })
})

describe('decodeText refuses what it cannot save back', () => {
  const refuses = (bytes: Buffer, message: RegExp) => {
    expect(() => decodeText(bytes)).toThrow(UserError)
    expect(() => decodeText(bytes)).toThrow(message)
  }
  test('binary data (NUL bytes)', () => refuses(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), /not text/))
  test('binary data without NUL bytes (many control characters)', () => refuses(Buffer.from(Array.from({ length: 400 }, (_, i) => (i % 7) + 1)), /not text/))
  test('broken UTF-8 after a UTF-8 BOM', () => refuses(Buffer.from([0xef, 0xbb, 0xbf, 0x41, 0xc3, 0x28]), /not UTF-8/))
  test('UTF-16 with half a character at the end', () => refuses(Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x42]), /half a character/))
  test('UTF-16 big-endian', () => refuses(Buffer.from([0xfe, 0xff, 0x00, 0x41]), /big-endian/))
})

describe('encodeText refuses lossy saves', () => {
  test('a character Latin-1 cannot hold is named in the message', () => {
    expect(() => encodeText('Price: 5 €, mood 😀', 'latin1', 'lf')).toThrow(/latin1, which cannot hold “€” “😀”/)
  })
  test('U+FFFD never turns into a Windows-1252 byte', () => {
    expect(() => encodeText('broken \uFFFD', 'windows-1252', 'lf')).toThrow(UserError)
  })
  test('characters the encoding holds are fine', () => {
    expect(encodeText('5 € “ok”', 'windows-1252', 'lf').equals(iconv.encode('5 € “ok”', 'windows-1252'))).toBe(true)
  })
})

describe('describeFsError', () => {
  const err = (code: string) => Object.assign(new Error(code), { code })
  test.each([
    ['ENOSPC', 'the disk is full'],
    ['EACCES', 'permission denied'],
    ['EPERM', 'permission denied'],
    ['EROFS', 'the disk is read-only'],
    ['ENOENT', 'the file or folder does not exist']
  ])('%s', (code, words) => expect(describeFsError(err(code))).toBe(words))
})
