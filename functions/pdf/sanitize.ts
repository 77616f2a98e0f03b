// Everything a business or an API client typed ends up in the PDF. Before it is measured or
// drawn it is made plain: composed (NFC, so "e" + combining accent uses the font's "é"), line
// breaks unified, and characters that would corrupt or disguise the text removed — control
// characters, bidi overrides and isolates (which can make "1000" display as "0001"),
// zero-width characters, variation selectors, and lone surrogates.

/** Keeps a single field from costing unbounded CPU; far beyond any real invoice text. */
export const MAX_FIELD_CHARS = 20_000;

/** [first, last] code point ranges that are dropped. */
const REMOVED: [number, number][] = [
  [0x00, 0x09], // C0 controls below the line feed (tabs are turned into spaces first)
  [0x0b, 0x1f], // the rest of C0
  [0x7f, 0x9f], // DEL and C1 controls
  [0xad, 0xad], // soft hyphen: invisible unless a line breaks there, and we break elsewhere
  [0x061c, 0x061c], // Arabic letter mark
  [0x200b, 0x200f], // zero-width space and joiners, left-to-right and right-to-left marks
  [0x202a, 0x202e], // bidi embeddings and overrides
  [0x2060, 0x206f], // word joiner, invisible operators, bidi isolates, deprecated formats
  [0xfe00, 0xfe0f], // variation selectors
  [0xfeff, 0xfeff], // byte order mark
  [0xfff9, 0xfffb], // interlinear annotation controls
  [0x1f3fb, 0x1f3ff], // emoji skin tones: they only decorate a symbol the font lacks anyway
  [0xe0000, 0xe007f], // tag characters
  [0xe0100, 0xe01ef], // variation selectors supplement
];

function isRemoved(codePoint: number): boolean {
  for (const [first, last] of REMOVED) {
    if (codePoint >= first && codePoint <= last) return true;
  }
  return false;
}

function isLoneSurrogate(codePoint: number): boolean {
  // Iterating a string by code points yields paired surrogates as one code point above 0xFFFF.
  return codePoint >= 0xd800 && codePoint <= 0xdfff;
}

/** Multi-line text (notes, terms, descriptions): line breaks kept, trailing spaces trimmed. */
export function sanitizeText(value: string | null | undefined): string {
  let text = value ?? "";
  if (text.length > MAX_FIELD_CHARS) text = `${text.slice(0, MAX_FIELD_CHARS)}…`;
  let out = "";
  for (const char of text.replace(/\r\n?|[\u0085\u2028\u2029\v\f]/g, "\n").replace(/\t/g, " ")) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (isLoneSurrogate(codePoint)) out += "\ufffd";
    else if (!isRemoved(codePoint)) out += char;
  }
  return out
    .normalize("NFC")
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/^\n+|\n+$/g, "");
}

/** One-line text (names, labels, amounts): every line break becomes a space. */
export function sanitizeLine(value: string | null | undefined): string {
  return sanitizeText(value)
    .replace(/\s*\n\s*/g, " ")
    .trim();
}
