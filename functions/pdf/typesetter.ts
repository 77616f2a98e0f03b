import type { PDFDocument, PDFFont, PDFName, PDFPage, RGB } from "pdf-lib";
import {
  encodeGlyph,
  num,
  pushRaw,
  skipEmbedding,
  textString,
  useDirectGlyphEncoding,
} from "./fast-paths";
import type { FontFace, FontSet, Weight } from "./font-set";
import { NEEDS_SHAPING, type ShapedLine, shapeLine } from "./shape-line";
import { TextRuns } from "./text-runs";
import type { Measure } from "./wrap";

// Measures and draws text in the embedded fonts, with fallback across their subsets
// (text-runs.ts). Faces are embedded in the PDF as subsets, only those a document draws with.
// Latin, Greek, Cyrillic and CJK text is drawn one glyph per character with kerning and
// ligatures off: the drawn width is then the sum of advance widths, exactly what `width`
// computes, so right-aligned amounts line up to the point. Right-to-left and shaped scripts
// (shape-line.ts) are measured and drawn from the same shaped glyph positions.
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
  /** Shaped lines of this document, by weight and text: wrapping measures words repeatedly. */
  private readonly shapedLines = new Map<string, ShapedLine>();

  constructor(
    private readonly doc: PDFDocument,
    fonts: FontSet,
  ) {
    this.text = new TextRuns(fonts);
  }

  /** Width of one line of text in points. */
  width(text: string, size: number, weight: Weight = "regular"): number {
    if (NEEDS_SHAPING.test(text)) return (this.shaped(text, weight).width * size) / 1000;
    let total = 0;
    for (const run of this.text.runs(text, weight)) total += run.width;
    return (total * size) / 1000;
  }

  measure(size: number, weight: Weight = "regular"): Measure {
    return (text) => this.width(text, size, weight);
  }

  private shaped(text: string, weight: Weight): ShapedLine {
    const key = `${weight}\n${text}`;
    let line = this.shapedLines.get(key);
    if (!line) {
      line = shapeLine(text, this.text, weight);
      this.shapedLines.set(key, line);
    }
    return line;
  }

  /** Draws one line with its baseline starting at (x, y); returns the width drawn. */
  draw(page: PDFPage, text: string, x: number, y: number, style: TextStyle): number {
    if (!style.rotate && style.opacity === undefined) {
      const { ops, width } = this.textOperators(page, text, x, y, style);
      pushRaw(page, ops);
      return width;
    }
    // Rotated or translucent (the stamp): the same text, drawn at the origin of a rotated
    // coordinate system, with a graphics state for the opacity.
    const angle = ((style.rotate ?? 0) * Math.PI) / 180;
    const [cos, sin] = [num(Math.cos(angle)), num(Math.sin(angle))];
    const { ops, width } = this.textOperators(page, text, 0, 0, style);
    const state =
      style.opacity === undefined ? "" : `${graphicsState(page, style.opacity).toString()} gs\n`;
    pushRaw(
      page,
      `q\n${state}${cos} ${sin} ${num(-Math.sin(angle))} ${cos} ${num(x)} ${num(y)} cm\n${ops}\nQ`,
    );
    return width;
  }

  private textOperators(
    page: PDFPage,
    text: string,
    x: number,
    y: number,
    style: TextStyle,
  ): { ops: string; width: number } {
    const weight = style.weight ?? "regular";
    const { red, green, blue } = style.color;
    const color = `${num(red)} ${num(green)} ${num(blue)} rg`;
    const size = num(style.size);
    if (NEEDS_SHAPING.test(text)) return this.shapedOperators(page, text, x, y, style, color);
    let advanced = 0;
    const baseline = num(y);
    const ops: string[] = [];
    for (const run of this.text.runs(text, weight)) {
      const font = this.fontFor(run.face);
      // Straight to content-stream operators, as text: pdf-lib's drawText validates every
      // option and adds a new font resource to the page on every call, which dominated the CPU
      // time of a long invoice. One font resource per page and face is enough.
      const glyphs = font.encodeText(run.text).toString();
      ops.push(
        `q\nBT\n${color}\n${this.fontKey(page, font)} ${size} Tf\n` +
          `1 0 0 1 ${num(x + advanced)} ${baseline} Tm\n${glyphs} Tj\nET\nQ`,
      );
      advanced += (run.width * style.size) / 1000;
    }
    return { ops: ops.join("\n"), width: advanced };
  }

  /**
   * A shaped line: each glyph placed where shaping put it, in display order, as PDFs hold
   * text. A glyph may stand for several characters or a part of one (Noto Sans Arabic draws
   * ب ت ن on one dotless shape plus dots), so its font's character map cannot say what it
   * reads as: each shaped run is marked with its text (ActualText). Viewers put right-to-left
   * text back in reading order by reversing what they find left to right on the page, so a
   * right-to-left run is marked with its characters in display order.
   */
  private shapedOperators(
    page: PDFPage,
    text: string,
    x: number,
    y: number,
    style: TextStyle,
    color: string,
  ): { ops: string; width: number } {
    const line = this.shaped(text, style.weight ?? "regular");
    const size = style.size;
    let ops = `q\nBT\n${color}\n`;
    for (const run of line.runs) {
      const font = this.fontFor(run.face);
      ops += `${this.fontKey(page, font)} ${num(size)} Tf\n`;
      const marked = run.rtl || NEEDS_SHAPING.test(run.text);
      if (marked) {
        const actual = run.rtl ? [...run.text].reverse().join("") : run.text;
        ops += `/Span <</ActualText ${textString(actual)}>> BDC\n`;
      }
      for (const { glyph, x: gx, y: gy } of run.glyphs) {
        const at = `${num(x + (gx * size) / 1000)} ${num(y + (gy * size) / 1000)}`;
        ops += `1 0 0 1 ${at} Tm\n<${encodeGlyph(font, glyph)}> Tj\n`;
      }
      if (marked) ops += "EMC\n";
    }
    ops += "ET\nQ";
    return { ops, width: (line.width * size) / 1000 };
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
/** The page's graphics state resource for a fill opacity (pdf-lib keeps one per value). */
function graphicsState(page: PDFPage, opacity: number): PDFName {
  const embed = (page as unknown as { maybeEmbedGraphicsState(o: object): PDFName | undefined })
    .maybeEmbedGraphicsState;
  const name = embed.call(page, { opacity });
  if (!name) throw new Error("pdf-lib gave no graphics state for an opacity");
  return name;
}

export function subsetTag(index: number): string {
  let tag = "";
  let n = index;
  for (let i = 0; i < 6; i++) {
    tag = String.fromCharCode(65 + (n % 26)) + tag;
    n = Math.floor(n / 26);
  }
  return tag;
}
