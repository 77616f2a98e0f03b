import { degrees, type PDFDocument, type PDFFont, type PDFPage, type RGB } from "pdf-lib";
import { num, pushRaw, skipEmbedding, useDirectGlyphEncoding } from "./fast-paths";
import type { FontFace, FontSet, Weight } from "./font-set";
import { TextRuns } from "./text-runs";
import type { Measure } from "./wrap";

// Measures and draws text in the embedded fonts, with fallback across their subsets
// (text-runs.ts). Faces are embedded in the PDF as subsets, only those a document draws with.
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

export class Typesetter {
  private readonly embedded = new Map<FontFace, Promise<PDFFont>>();
  private readonly pdfFonts = new Map<FontFace, PDFFont>();
  /** Per page, each font's resource name as the content stream writes it ("/NotoSans-…"). */
  private readonly fontKeys = new WeakMap<PDFPage, Map<PDFFont, string>>();
  private readonly used = new Set<PDFFont>();
  private readonly text: TextRuns;

  constructor(
    private readonly doc: PDFDocument,
    fonts: FontSet,
  ) {
    this.text = new TextRuns(fonts);
  }

  /** Width of one line of text in points. */
  width(text: string, size: number, weight: Weight = "regular"): number {
    let total = 0;
    for (const run of this.text.runs(text, weight)) total += run.width;
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
    const color = `${num(red)} ${num(green)} ${num(blue)} rg`;
    const size = num(style.size);
    const baseline = num(y);
    for (const run of this.text.runs(text, style.weight ?? "regular")) {
      const font = this.fontFor(run.face);
      // Straight to content-stream operators, as text: pdf-lib's drawText validates every
      // option and adds a new font resource to the page on every call, which dominated the CPU
      // time of a long invoice. One font resource per page and face is enough.
      const glyphs = font.encodeText(run.text).toString();
      pushRaw(
        page,
        `q\nBT\n${color}\n${this.fontKey(page, font)} ${size} Tf\n` +
          `1 0 0 1 ${num(x + advanced)} ${baseline} Tm\n${glyphs} Tj\nET\nQ`,
      );
      advanced += (run.width * style.size) / 1000;
    }
    return advanced;
  }

  /** Rotated or translucent text (the stamp): rare, so pdf-lib's own drawText is fine. */
  private drawStyled(page: PDFPage, text: string, x: number, y: number, style: TextStyle): number {
    const angle = ((style.rotate ?? 0) * Math.PI) / 180;
    let advanced = 0;
    for (const run of this.text.runs(text, style.weight ?? "regular")) {
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

  private fontKey(page: PDFPage, font: PDFFont): string {
    let keys = this.fontKeys.get(page);
    if (!keys) {
      keys = new Map();
      this.fontKeys.set(page, keys);
    }
    let key = keys.get(font);
    if (!key) {
      key = page.node.newFontDictionary(font.name, font.ref).toString();
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
        for (const run of this.text.runs(text, weight)) this.embed(run.face);
      }
    }
    this.embed(this.text.primary("regular"));
    this.embed(this.text.primary("bold"));
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
