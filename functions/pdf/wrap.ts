// Line breaking for the PDF. Text is measured as the sum of its characters' advance widths
// (the PDF is drawn without kerning, so that sum is exactly what ends up on the page), which
// lets a line grow word by word without measuring it again from the start.

/** Width of a string in points; must be additive: width(a + b) = width(a) + width(b). */
export type Measure = (text: string) => number;

/**
 * Widths that differ by less than this are equal: a column sized to its widest value, less its
 * padding, can come out a rounding error narrower than that value (0.1 + 0.2 > 0.3).
 */
const EPSILON = 1e-6;

/**
 * Breaks text into lines no wider than `maxWidth`: at spaces when it can, inside a word when a
 * word alone is too wide (long URLs, account numbers, text without spaces), so nothing ever
 * runs past its column. Line breaks in the text are kept; blank lines stay blank.
 */
export function wrapText(text: string, maxWidth: number, measure: Measure): string[] {
  const lines: string[] = [];
  const space = measure(" ");
  for (const paragraph of text.split("\n")) {
    let line = "";
    let width = 0;
    for (const word of paragraph.split(/ +/)) {
      if (!word) continue;
      const wordWidth = measure(word);
      if (line && width + space + wordWidth <= maxWidth + EPSILON) {
        line += ` ${word}`;
        width += space + wordWidth;
        continue;
      }
      if (line) lines.push(line);
      if (wordWidth <= maxWidth + EPSILON) {
        line = word;
        width = wordWidth;
        continue;
      }
      const pieces = breakWord(word, maxWidth, measure);
      const last = pieces.pop() ?? "";
      lines.push(...pieces);
      line = last;
      width = measure(last);
    }
    lines.push(line);
  }
  return lines;
}

/** Splits a word that is wider than the line into pieces that fit (at least one character each). */
export function breakWord(word: string, maxWidth: number, measure: Measure): string[] {
  const pieces: string[] = [];
  let piece = "";
  let width = 0;
  for (const char of word) {
    const charWidth = measure(char);
    if (piece && width + charWidth > maxWidth + EPSILON) {
      pieces.push(piece);
      piece = "";
      width = 0;
    }
    piece += char;
    width += charWidth;
  }
  pieces.push(piece);
  return pieces;
}

/** Cuts one line to `maxWidth`, ending it with an ellipsis when anything was cut. */
export function truncate(text: string, maxWidth: number, measure: Measure): string {
  if (measure(text) <= maxWidth + EPSILON) return text;
  const budget = maxWidth - measure("…");
  let out = "";
  let width = 0;
  for (const char of text) {
    const charWidth = measure(char);
    if (width + charWidth > budget) break;
    out += char;
    width += charWidth;
  }
  return `${out.trimEnd()}…`;
}
