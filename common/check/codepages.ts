// The single-byte encodings UTF-8 text is most often mis-read as, written out so that
// common/ needs no codec package (iconv-lite assumes Node's Buffer). Each string holds the
// characters of bytes 0x80-0xFF in order; tests/unit/check-mojibake.test.ts checks them
// against iconv-lite.

const latin1Upper = String.fromCharCode(...Array.from({ length: 128 }, (_, i) => 0x80 + i))

/**
 * The upper half of each code page, most common mistake first. Windows-1252's five holes
 * (0x81, 0x8D, 0x8F, 0x90, 0x9D) pass through as C1 controls, as browsers decode them; Mac
 * Roman's 0xF0 is the Apple logo U+F8FF (so `üîù`, 🔝 read as Mac Roman, round-trips) and
 * its 0xBD the ohm sign U+2126 (escaped: it looks like Greek Omega).
 */
export const codepageUpperHalves: readonly { label: string; upper: string }[] = [
  { label: 'Windows-1252', upper: '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8DŽ\x8F\x90‘’“”•–—˜™š›œ\x9DžŸ' + latin1Upper.slice(0x20) },
  {
    label: 'Mac Roman',
    upper: 'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªº\u2126æø¿¡¬√ƒ≈∆«»…\xA0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄¤‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uF8FFÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ'
  },
  { label: 'Latin-1', upper: latin1Upper }
]
