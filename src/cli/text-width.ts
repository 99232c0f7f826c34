// East Asian Wide and Fullwidth blocks (Unicode's EastAsianWidth.txt, W and F, by block):
// Hangul Jamo and Jamo Extended-A, the angle brackets U+2329/U+232A, CJK punctuation to
// Kanbun, kana, CJK ideographs, Yi, Hangul syllables, compatibility ideographs, vertical,
// CJK compatibility, small and fullwidth forms, ideographic symbols, Tangut and Khitan, the
// kana supplements and Nushu, the enclosed ideographic supplement, and planes 2 and 3. Every
// assigned W or F character of Unicode 14 outside the emoji is in them (checked with Python's
// unicodedata); emoji are EMOJI's.
const WIDE =
  /^[\u1100-\u115f\u2329\u232a\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6b\uff00-\uff60\uffe0-\uffe6\u{16fe0}-\u{16fff}\u{17000}-\u{18dff}\u{1aff0}-\u{1b2ff}\u{1f200}-\u{1f2ff}\u{20000}-\u{2fffd}\u{30000}-\u{3fffd}]/u;
// An emoji shown as one: its default presentation, or text made emoji by U+FE0F.
const EMOJI = /^\p{Emoji_Presentation}|^\p{Extended_Pictographic}\ufe0f/u;
// Marks and format characters (a combining accent, a zero-width joiner) take no column.
const ZERO = /^[\p{Mn}\p{Me}\p{Cf}]+$/u;
const segmenter = new Intl.Segmenter();

/**
 * The columns `text` takes in a terminal: 2 for a CJK character or an emoji, 0 for a combining
 * mark, else 1 per character as the user sees one (a grapheme). `String#length` counts UTF-16
 * units, so names in Japanese or with an emoji misaligned a table's columns.
 */
export function textWidth(text: string): number {
  // The common case, printable ASCII, is its length.
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  let width = 0;
  for (const { segment } of segmenter.segment(text)) {
    width += WIDE.test(segment) || EMOJI.test(segment) ? 2 : ZERO.test(segment) ? 0 : 1;
  }
  return width;
}
