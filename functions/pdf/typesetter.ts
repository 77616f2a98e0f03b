import {
  beginText,
  degrees,
  endText,
  type PDFDocument,
  type PDFFont,
  type PDFName,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  type RGB,
  setFillingRgbColor,
  setFontAndSize,
  setTextMatrix,
  showText,
} from "pdf-lib";
import { skipEmbedding, useDirectGlyphEncoding } from "./fast-paths";
import type { FontFace, FontSet, Weight } from "./font-set";
import type { Measure } from "./wrap";

// Measures and draws text with font fallback: each character goes to the first face that has
// it (Latin, then Latin Extended, Greek, Cyrillic, Vietnamese). A character no face has
// becomes U+FFFD "�", visible and never an exception; a combining mark no face has is
// dropped, since the letter it decorates is still there.

const REPLACEMENT = 0xfffd;
const MARK = /\p{M}/u;
// Kerning and ligatures off: the drawn width is then the sum of advance widths, exactly what
// `width` computes, so right-aligned amounts line up to the point.
const FEATURES = { kern: false, liga: false, clig: false, calt: false };

export interface TextStyle {
  size: number;
  weight?: Weight;
  color: RGB;
  opacity?: number;
  /** Counter-clockwise, in degrees, about the start of the baseline. */
  rotate?: number;
}

interface Run {
  face: FontFace;
  text: string;
  width: number;
}

export class Typesetter {
  private readonly embedded = new Map<FontFace, Promise<PDFFont>>();
  private readonly pdfFonts = new Map<FontFace, PDFFont>();
  private readonly fontKeys = new WeakMap<PDFPage, Map<PDFFont, PDFName>>();
  private readonly used = new Set<PDFFont>();
  private readonly faceOf: Record<Weight, Map<number, number>> = {
    regular: new Map(),
    bold: new Map(),
  };

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: FontSet,
  ) {}

  /** Width of one line of text in points. */
  width(text: string, size: number, weight: Weight = "regular"): number {
    let total = 0;
    for (const run of this.runs(text, weight)) total += run.width;
    return (total * size) / 1000;
  }

  measure(size: number, weight: Weight = "regular"): Measure {
    return (text) => this.width(text, size, weight);
  }

  /** Draws one line with its baseline starting at (x, y); returns the width drawn. */
  draw(page: PDFPage, text: string, x: number, y: number, style: TextStyle): number {
    if (style.rotate || style.opacity !== undefined)
      return this.drawStyled(page, text, x, y, style);
    let advanced = 0;
    const { red, green, blue } = style.color;
    for (const run of this.runs(text, style.weight ?? "regular")) {
      const font = this.fontFor(run.face);
      // Straight to content-stream operators: pdf-lib's drawText validates every option and
      // adds a new font resource to the page on every call, which dominated the CPU time of a
      // long invoice. One font resource per page and face is enough.
      page.pushOperators(
        pushGraphicsState(),
        beginText(),
        setFillingRgbColor(red, green, blue),
        setFontAndSize(this.fontKey(page, font), style.size),
        setTextMatrix(1, 0, 0, 1, x + advanced, y),
        showText(font.encodeText(run.text)),
        endText(),
        popGraphicsState(),
      );
      advanced += (run.width * style.size) / 1000;
    }
    return advanced;
  }

  /** Rotated or translucent text (the stamp): rare, so pdf-lib's own drawText is fine. */
  private drawStyled(page: PDFPage, text: string, x: number, y: number, style: TextStyle): number {
    const angle = ((style.rotate ?? 0) * Math.PI) / 180;
    let advanced = 0;
    for (const run of this.runs(text, style.weight ?? "regular")) {
      page.drawText(run.text, {
        x: x + advanced * Math.cos(angle),
        y: y + advanced * Math.sin(angle),
        size: style.size,
        font: this.fontFor(run.face),
        color: style.color,
        opacity: style.opacity,
        rotate: degrees(style.rotate ?? 0),
      });
      advanced += (run.width * style.size) / 1000;
    }
    return advanced;
  }

  private fontFor(face: FontFace): PDFFont {
    const font = this.pdfFonts.get(face);
    if (!font) throw new Error(`font ${face.key} was not prepared`);
    this.used.add(font);
    return font;
  }

  /** After drawing: faces that were prepared but never drawn are left out of the file. */
  finish(): void {
    for (const font of this.pdfFonts.values()) if (!this.used.has(font)) skipEmbedding(font);
  }

  private fontKey(page: PDFPage, font: PDFFont): PDFName {
    let keys = this.fontKeys.get(page);
    if (!keys) {
      keys = new Map();
      this.fontKeys.set(page, keys);
    }
    let key = keys.get(font);
    if (!key) {
      key = page.node.newFontDictionary(font.name, font.ref);
      keys.set(font, key);
    }
    return key;
  }

  drawRight(page: PDFPage, text: string, right: number, y: number, style: TextStyle): void {
    this.draw(page, text, right - this.width(text, style.size, style.weight), y, style);
  }

  /**
   * Embeds (as subsets) the faces the given text needs. Drawing is synchronous, embedding is
   * not, so the document's text is prepared once before any page is drawn.
   */
  async prepare(texts: Iterable<string>): Promise<void> {
    for (const text of texts) {
      for (const weight of ["regular", "bold"] as const) {
        for (const run of this.runs(text, weight)) this.embed(run.face);
      }
    }
    this.embed(this.faceList("regular")[0]);
    this.embed(this.faceList("bold")[0]);
    await Promise.all(this.embedded.values());
  }

  private embed(face: FontFace | undefined): void {
    if (!face || this.embedded.has(face)) return;
    const font = this.doc.embedFont(face.bytes, {
      subset: true,
      features: FEATURES,
      customName: `${subsetTag(this.embedded.size)}+${face.font.postscriptName}`,
    });
    this.embedded.set(
      face,
      font.then((embedded) => {
        useDirectGlyphEncoding(embedded);
        this.pdfFonts.set(face, embedded);
        return embedded;
      }),
    );
  }

  private faceList(weight: Weight): FontFace[] {
    return this.fonts[weight];
  }

  private faceIndex(weight: Weight, codePoint: number): number {
    const cache = this.faceOf[weight];
    let index = cache.get(codePoint);
    if (index === undefined) {
      index = this.faceList(weight).findIndex((face) => face.font.hasGlyphForCodePoint(codePoint));
      cache.set(codePoint, index);
    }
    return index;
  }

  private runs(text: string, weight: Weight): Run[] {
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

  /**
   * The face and code point(s) that draw one character: itself; else its compatibility form
   * when every part of that is covered (fullwidth "￥" → "¥", "ﬁ" → "fi"); else U+FFFD, or
   * nothing for a combining mark.
   */
  private glyphsFor(char: string, weight: Weight): [FontFace, number][] {
    const faces = this.faceList(weight);
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
    if (MARK.test(char)) return [];
    const fallback = faces[Math.max(0, this.faceIndex(weight, REPLACEMENT))];
    return fallback ? [[fallback, REPLACEMENT]] : [];
  }
}

/**
 * The six capital letters a PDF puts before the name of a subset font ("AAAAAB+NotoSans-Bold"),
 * so viewers and checkers know it holds only some glyphs; distinct per font in a document.
 */
export function subsetTag(index: number): string {
  let tag = "";
  let n = index;
  for (let i = 0; i < 6; i++) {
    tag = String.fromCharCode(65 + (n % 26)) + tag;
    n = Math.floor(n / 26);
  }
  return tag;
}

function advance(face: FontFace, codePoint: number): number {
  let width = face.widths.get(codePoint);
  if (width === undefined) {
    const glyph = face.font.glyphForCodePoint(codePoint);
    width = (glyph.advanceWidth * 1000) / face.font.unitsPerEm;
    face.widths.set(codePoint, width);
  }
  return width;
}
