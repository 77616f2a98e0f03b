import type { Glyph, GlyphRun } from "@pdf-lib/fontkit";
import bidiFactory from "bidi-js";
// fontkit's shapers for Indic scripts (Devanagari) find syllables with a generator compiled for
// an older JavaScript, which calls a global `regeneratorRuntime`; this import defines it.
import "regenerator-runtime/runtime.js";
import type { FontFace, Weight } from "./font-set";
import type { TextRuns } from "./text-runs";

// One line of text in a script that needs more than one glyph per character, drawn in order:
// right-to-left text (Arabic, Hebrew) put in display order by the Unicode bidirectional
// algorithm (bidi-js), and every run shaped by its font's own OpenType tables through fontkit
// (Arabic joining forms and ligatures, Devanagari conjuncts and vowel signs, Thai and Arabic
// marks positioned by GPOS). Latin, Greek, Cyrillic and CJK lines never come here: one glyph
// per character is exact for them and several times cheaper (typesetter.ts).

/**
 * Scripts that are right-to-left or need shaping (Hebrew, Arabic, Syriac, Thaana, NKo and their
 * supplements, Devanagari and Vedic extensions, Thai, Hebrew and Arabic presentation forms);
 * text without them takes the plain path. Plain code point ranges: the test runs on every
 * string measured, so it must cost next to nothing for Latin text.
 */
export const NEEDS_SHAPING =
  /[\u0590-\u08ff\u0900-\u097f\u0e00-\u0e7f\u1cd0-\u1cff\ua8e0-\ua8ff\ufb1d-\ufdff\ufe70-\ufefc]/;

export interface PlacedGlyph {
  glyph: Glyph;
  /** From the start of the line, in 1/1000 em; y upwards from the baseline. */
  x: number;
  y: number;
}

export interface ShapedRun {
  face: FontFace;
  glyphs: PlacedGlyph[];
  /** Right to left: its glyphs are in display order, the reverse of reading order. */
  rtl: boolean;
  /** The characters it draws, in reading order (brackets as typed, not mirrored). */
  text: string;
}

export interface ShapedLine {
  /** In display order, left to right. */
  runs: ShapedRun[];
  /** Advance of the whole line in 1/1000 em. */
  width: number;
}

type Bidi = ReturnType<typeof bidiFactory>;
let bidi: Bidi | undefined;

/** Built on first use: bidi-js sets up its character tables when the factory runs. */
function bidiAlgorithm(): Bidi {
  bidi ??= bidiFactory();
  return bidi;
}

interface Piece {
  level: number;
  face: FontFace;
  text: string;
  typed: string;
}

/** fontkit's layout takes script, language and direction beyond what its types declare. */
type Layout = (
  text: string,
  features?: string[],
  script?: string,
  language?: string,
  direction?: "ltr" | "rtl",
) => GlyphRun;

export function shapeLine(text: string, runs: TextRuns, weight: Weight): ShapedLine {
  const algorithm = bidiAlgorithm();
  // The paragraph's direction comes from its first strong character, as `dir="auto"` would.
  const { levels } = algorithm.getEmbeddingLevels(text, "auto");
  const pieces: Piece[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i < text.length && levels[i] === levels[start]) continue;
    const level = levels[start] ?? 0;
    const segment = text.slice(start, i);
    for (const run of runs.runs(segment, weight)) {
      // Brackets and similar pairs face the other way inside right-to-left text.
      const drawn = level & 1 ? mirrored(run.text) : thaiSaraAm(run.text);
      pieces.push({ level, face: run.face, text: drawn, typed: run.text });
    }
    start = i;
  }

  const shaped: ShapedRun[] = [];
  let pen = 0;
  for (const index of displayOrder(pieces.map((piece) => piece.level))) {
    const piece = pieces[index];
    if (!piece) continue;
    const { font } = piece.face;
    const layout = font.layout.bind(font) as unknown as Layout;
    // fontkit puts a right-to-left run's glyphs in display order itself.
    const run = layout(
      piece.text,
      undefined,
      undefined,
      undefined,
      piece.level & 1 ? "rtl" : "ltr",
    );
    const scale = 1000 / font.unitsPerEm;
    const glyphs = run.glyphs.map((glyph, g): PlacedGlyph => {
      const position = run.positions[g];
      const placed = {
        glyph,
        x: pen + (position?.xOffset ?? 0) * scale,
        y: (position?.yOffset ?? 0) * scale,
      };
      pen += (position?.xAdvance ?? glyph.advanceWidth) * scale;
      return placed;
    });
    shaped.push({ face: piece.face, glyphs, rtl: (piece.level & 1) === 1, text: piece.typed });
  }
  return { runs: shaped, width: pen };
}

/**
 * Thai SARA AM (ำ) is a ring above plus a vowel after; written after a tone mark (น้ำ), the
 * ring must sit under the tone mark. Shaping engines split it and move the ring before the
 * tone marks; fontkit has no Thai shaper, so it is done here (the text as typed is kept for
 * copy and search).
 */
export function thaiSaraAm(text: string): string {
  return text.replace(/([\u0e48-\u0e4b]*)\u0e33/g, "\u0e4d$1\u0e32");
}

/** The text with every character that has a mirror image (brackets, "<") replaced by it. */
export function mirrored(text: string): string {
  const algorithm = bidiAlgorithm();
  return Array.from(text, (c) => algorithm.getMirroredCharacter(c) ?? c).join("");
}

/**
 * Rule L2 of the bidirectional algorithm on runs of one level each: from the highest level
 * down to the lowest odd one, every stretch of runs at that level or above is reversed.
 * Returns run indices in display order.
 */
export function displayOrder(levels: number[]): number[] {
  const order = levels.map((_, i) => i);
  if (levels.length === 0) return order;
  const highest = Math.max(...levels);
  const lowest = Math.min(...levels);
  const lowestOdd = lowest % 2 === 1 ? lowest : lowest + 1;
  for (let level = highest; level >= lowestOdd; level--) {
    let i = 0;
    while (i < order.length) {
      if ((levels[order[i] ?? 0] ?? 0) < level) {
        i++;
        continue;
      }
      let end = i;
      while (end + 1 < order.length && (levels[order[end + 1] ?? 0] ?? 0) >= level) end++;
      const reversed = order.slice(i, end + 1).reverse();
      order.splice(i, reversed.length, ...reversed);
      i = end + 1;
    }
  }
  return order;
}
