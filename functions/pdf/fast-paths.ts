import { deflateSync } from "node:zlib";
import type { Font, Glyph, Subset } from "@pdf-lib/fontkit";
import {
  PDFContentStream,
  type PDFDocument,
  type PDFFont,
  PDFHexString,
  PDFName,
  PDFOperator,
  type PDFPage,
  PDFRawStream,
} from "pdf-lib";

// Two places where pdf-lib spends most of a PDF's CPU, replaced for the Workers budget (a
// one-page invoice went from ~13 ms to a few ms). Both lean on pdf-lib 1.17 internals, which
// is why the version is pinned; the PDF tests read every field back out of the result, so a
// change underneath shows up there.
//
// 1. Text encoding. For every string drawn, pdf-lib runs fontkit's full OpenType shaping
//    (script detection, feature lookups). Our text is drawn without kerning or ligatures and
//    each character maps to one glyph, so a cmap lookup gives the same glyphs for a fraction
//    of the cost.
// 2. Content-stream operators. pdf-lib builds every operator from objects (PDFOperator,
//    PDFNumber, whose number formatting splits strings to rule out exponents) and then measures
//    and copies each one; text and rules are the bulk of a page, so they are written as ready
//    strings instead (`pushRaw`, numbers by `num`).
// 3. Compression. pdf-lib deflates content streams and font files with a JavaScript zlib; the
//    runtime's native zlib (node:zlib under nodejs_compat) does the same work several times
//    faster, and synchronously.

interface SubsetEmbedder {
  font: Font;
  subset: Subset;
  glyphs: Glyph[];
  glyphIdMap: Map<number, number>;
  glyphCache: { invalidate(): void };
  encodeText(text: string): PDFHexString;
}

/** Encodes text with one glyph per character (as `Typesetter` measures it), no shaping. */
export function useDirectGlyphEncoding(font: PDFFont): void {
  const embedder = (font as unknown as { embedder: SubsetEmbedder }).embedder;
  if (!embedder?.subset || typeof embedder.font?.glyphForCodePoint !== "function") return;
  embedder.encodeText = (text: string) => {
    let hex = "";
    for (const char of text) {
      const glyph = embedder.font.glyphForCodePoint(char.codePointAt(0) ?? 0xfffd);
      const subsetId = embedder.subset.includeGlyph(glyph);
      // Kept for the font's widths array and its ToUnicode map (copy and search).
      embedder.glyphs[subsetId - 1] = glyph;
      embedder.glyphIdMap.set(glyph.id, subsetId);
      hex += subsetId.toString(16).padStart(4, "0");
    }
    embedder.glyphCache.invalidate();
    return PDFHexString.of(hex);
  };
}

/**
 * One glyph, as shaping chose it (a joining form, a ligature, a conjunct), as the hex string
 * of its id in the embedded subset. The glyph carries the characters it stands for, which
 * pdf-lib writes into the font's ToUnicode map.
 */
export function encodeGlyph(font: PDFFont, glyph: Glyph): string {
  const embedder = (font as unknown as { embedder: SubsetEmbedder }).embedder;
  const subsetId = embedder.subset.includeGlyph(glyph);
  embedder.glyphs[subsetId - 1] = glyph;
  embedder.glyphIdMap.set(glyph.id, subsetId);
  embedder.glyphCache.invalidate();
  return subsetId.toString(16).padStart(4, "0");
}

/** A PDF text string for any Unicode text: UTF-16BE with its byte order mark, in hex. */
export function textString(text: string): string {
  let hex = "<FEFF";
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, "0");
  return `${hex}>`;
}

/**
 * A number for a content stream: at most 3 decimals (a thousandth of a point in positions, finer
 * than one 8-bit level in colours), never in exponent notation (a value rounding below
 * 0.001 is 0; page coordinates are nowhere near 1e21).
 */
export function num(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

/** Operators written out as text (ASCII), which pdf-lib copies into the content stream as is. */
class RawOperator {
  constructor(private readonly text: string) {}
  toString(): string {
    return this.text;
  }
  sizeInBytes(): number {
    return this.text.length;
  }
  copyBytesInto(buffer: Uint8Array, offset: number): number {
    const { text } = this;
    for (let i = 0; i < text.length; i++) buffer[offset + i] = text.charCodeAt(i);
    return text.length;
  }
  clone(): RawOperator {
    return this;
  }
}
// pdf-lib takes only PDFOperator instances (and its constructor is private).
Object.setPrototypeOf(RawOperator.prototype, PDFOperator.prototype);

/** Appends operators, given as content-stream text, to the page. */
export function pushRaw(page: PDFPage, text: string): void {
  page.pushOperators(new RawOperator(text) as unknown as PDFOperator);
}

/** A font embedded but never drawn with: pdf-lib would still write it (as an empty subset). */
export function skipEmbedding(font: PDFFont): void {
  (font as unknown as { modified: boolean }).modified = false;
}

/** Below this, compression saves a few hundred bytes and costs a zlib set-up; left raw. */
const MIN_COMPRESS = 1024;

function deflate(bytes: Uint8Array): Uint8Array {
  // A window no larger than the data: same output size, less memory to set up per stream.
  const windowBits = Math.min(15, Math.max(9, Math.ceil(Math.log2(bytes.length + 262))));
  return deflateSync(bytes, { windowBits, memLevel: 8 });
}

/** Deflated bytes for a stream worth compressing; undefined for one better left raw. */
export function compressStream(bytes: Uint8Array): Uint8Array | undefined {
  return bytes.length < MIN_COMPRESS ? undefined : deflate(bytes);
}

const FILTER = PDFName.of("Filter");
const FLATE = PDFName.of("FlateDecode");

/** Saves the document with every stream compressed natively (FlateDecode, as pdf-lib would). */
export async function saveCompressed(doc: PDFDocument): Promise<Uint8Array> {
  const { context } = doc;
  // pdf-lib compresses fonts, their ToUnicode maps and PNG pixels as it embeds them (in flush);
  // have them stored raw, to be compressed below with everything else.
  const flateStream = context.flateStream;
  context.flateStream = (contents, dict = {}) => context.stream(contents, dict);
  try {
    await doc.flush();
  } finally {
    context.flateStream = flateStream;
  }
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    let contents: Uint8Array | undefined;
    if (object instanceof PDFContentStream) {
      contents = object.getUnencodedContents();
    } else if (object instanceof PDFRawStream && !object.dict.has(FILTER)) {
      contents = object.contents;
    }
    if (!contents || contents.length < MIN_COMPRESS) continue;
    const dict = object instanceof PDFRawStream ? object.dict : (object as PDFContentStream).dict;
    dict.set(FILTER, FLATE);
    context.assign(ref, PDFRawStream.of(dict, deflate(contents)));
  }
  // Object streams would be compressed with the JavaScript zlib again; plain objects are small.
  // No pauses for the event loop while writing: the whole file takes a few milliseconds.
  return doc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
}
