import { asciiDigit } from "./digits";
import type { FontFace, FontSet, Weight } from "./font-set";

// Font fallback: each character goes to the first face that has it (Latin, then Latin
// Extended, Greek, Cyrillic, Vietnamese), and consecutive characters of one face form a run,
// drawn with one font. A character no face has becomes U+FFFD "�", visible and never an
// exception (a row of them shows once); a combining mark no face has is dropped, since the
// letter it decorates is still there.

const REPLACEMENT = 0xfffd;
const MARK = /\p{M}/u;

export interface Run {
  face: FontFace;
  text: string;
  /** Sum of advance widths, in 1/1000 em. */
  width: number;
}

export class TextRuns {
  private readonly faceOf: Record<Weight, Map<number, number>> = {
    regular: new Map(),
    bold: new Map(),
  };

  constructor(private readonly fonts: FontSet) {}

  /** The first face of a weight: the one a document always has. */
  primary(weight: Weight): FontFace | undefined {
    return this.fonts[weight][0];
  }

  runs(text: string, weight: Weight): Run[] {
    const runs: Run[] = [];
    let current: Run | undefined;
    let lastWasReplacement = false;
    for (const char of text) {
      for (const [face, codePoint] of this.glyphsFor(char, weight)) {
        if (codePoint === REPLACEMENT && lastWasReplacement) continue;
        lastWasReplacement = codePoint === REPLACEMENT;
        if (current?.face !== face) {
          current = { face, text: "", width: 0 };
          runs.push(current);
        }
        current.text += String.fromCodePoint(codePoint);
        current.width += advance(face, codePoint);
      }
    }
    return runs;
  }

  private faceIndex(weight: Weight, codePoint: number): number {
    const cache = this.faceOf[weight];
    let index = cache.get(codePoint);
    if (index === undefined) {
      index = this.fonts[weight].findIndex((face) => face.font.hasGlyphForCodePoint(codePoint));
      cache.set(codePoint, index);
    }
    return index;
  }

  /**
   * The face and code point(s) that draw one character: itself; else its compatibility form
   * when every part of that is covered (fullwidth "￥" → "¥", "ﬁ" → "fi"); else, for a digit of
   * another script, the ASCII digit of the same value (Arabic "٣" → "3"); else U+FFFD, or
   * nothing for a combining mark.
   */
  private glyphsFor(char: string, weight: Weight): [FontFace, number][] {
    const faces = this.fonts[weight];
    const codePoint = char.codePointAt(0) ?? REPLACEMENT;
    const face = faces[this.faceIndex(weight, codePoint)];
    if (face) return [[face, codePoint]];
    const compatible = char.normalize("NFKC");
    if (compatible !== char) {
      const parts = [...compatible].map((part): [FontFace | undefined, number] => {
        const point = part.codePointAt(0) ?? REPLACEMENT;
        return [faces[this.faceIndex(weight, point)], point];
      });
      if (parts.every(([f]) => f)) return parts as [FontFace, number][];
    }
    const digit = asciiDigit(char);
    if (digit) {
      const point = digit.charCodeAt(0);
      const digitFace = faces[this.faceIndex(weight, point)];
      if (digitFace) return [[digitFace, point]];
    }
    if (MARK.test(char)) return [];
    const fallback = faces[Math.max(0, this.faceIndex(weight, REPLACEMENT))];
    return fallback ? [[fallback, REPLACEMENT]] : [];
  }
}

/** Advance width of a code point in 1/1000 em, remembered per face (font data, not invoice data). */
function advance(face: FontFace, codePoint: number): number {
  let width = face.widths.get(codePoint);
  if (width === undefined) {
    const glyph = face.font.glyphForCodePoint(codePoint);
    width = (glyph.advanceWidth * 1000) / face.font.unitsPerEm;
    face.widths.set(codePoint, width);
  }
  return width;
}
