// Digits and number punctuation of scripts the PDF's fonts do not cover. Intl writes amounts
// and dates for locales such as ar-KW or fa-IR in Arabic-Indic digits (١٢٫٣٤٥); drawn as "�"
// they would hide every figure on the invoice, so an uncovered digit is drawn as the ASCII digit
// of the same value instead.

const DIGIT = /^\p{Nd}$/u;

/** Arabic decimal and thousands separators and percent sign (also used for Persian). */
const PUNCTUATION: Record<string, string> = { "\u066b": ".", "\u066c": ",", "\u066a": "%" };

/**
 * The ASCII stand-in for a decimal digit or number separator of another script, or null.
 * Unicode encodes every script's decimal digits as a contiguous run from 0 to 9, so a digit's
 * value is its distance from the start of its run (modulo 10: some runs hold several sets).
 */
export function asciiDigit(char: string): string | null {
  const punctuation = PUNCTUATION[char];
  if (punctuation) return punctuation;
  if (!DIGIT.test(char)) return null;
  let codePoint = char.codePointAt(0) ?? 0;
  let offset = 0;
  while (DIGIT.test(String.fromCodePoint(codePoint - 1))) {
    codePoint--;
    offset++;
  }
  return String(offset % 10);
}
