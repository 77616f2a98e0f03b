import fontkit, { type Font } from "@pdf-lib/fontkit";
import type { PDFDocument } from "pdf-lib";

// The PDF's fonts: Noto Sans, regular and bold, each split into script subsets (Latin, Latin
// Extended, Greek, Cyrillic, Vietnamese) as @fontsource ships them. pdf-lib's standard fonts
// only cover WinAnsi and throw on anything else, so every character is drawn with one of these.
//
// The font data module is imported only here, on the first PDF, so the page path never loads
// it. Decoded bytes and parsed fonts are font data, not invoice data: they are kept for the
// life of the isolate. The Latin pair is loaded first; the other subsets only when some text
// needs a character Latin lacks.

export type Weight = "regular" | "bold";

export interface FontFace {
  key: string;
  weight: Weight;
  /** TrueType bytes; pdf-lib embeds a subset of the glyphs a document uses. */
  bytes: Uint8Array;
  font: Font;
  /** Advance widths per code point in 1/1000 em, filled as text is measured. */
  widths: Map<number, number>;
}

/** Faces per weight, in fallback order: a character is drawn with the first face that has it. */
export type FontSet = Record<Weight, FontFace[]>;

type FontData = typeof import("./fonts/noto-sans").NOTO_SANS;

const PRIMARY = "latin";
let data: Promise<FontData> | undefined;
const faces = new Map<string, Promise<FontFace>>();
const parsedFonts = new WeakMap<Uint8Array, Font>();

function fontData(): Promise<FontData> {
  data ??= import("./fonts/noto-sans").then((module) => module.NOTO_SANS);
  return data;
}

function fromBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart])
    .stream()
    .pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function loadFace(weight: Weight, subset: string, base64: string): Promise<FontFace> {
  const key = `${weight}/${subset}`;
  let face = faces.get(key);
  if (!face) {
    face = gunzip(fromBase64(base64)).then((bytes) => {
      const font = fontkit.create(bytes);
      parsedFonts.set(bytes, font);
      return { key, weight, bytes, font, widths: new Map() };
    });
    // A failed load is not remembered, so the next request tries again.
    face.catch(() => faces.delete(key));
    faces.set(key, face);
  }
  return face;
}

async function loadWeight(weight: Weight, all: boolean): Promise<FontFace[]> {
  const subsets = (await fontData())[weight];
  const entries = Object.entries(subsets).filter(([name]) => all || name === PRIMARY);
  return Promise.all(entries.map(([name, base64]) => loadFace(weight, name, base64)));
}

function covers(face: FontFace, text: string): boolean {
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (codePoint > 0x20 && !face.font.hasGlyphForCodePoint(codePoint)) return false;
  }
  return true;
}

/** The faces needed to draw `text`: Latin only when it suffices, else every subset. */
export async function loadFontSet(text: string): Promise<FontSet> {
  const [regular, bold] = await Promise.all([
    loadWeight("regular", false),
    loadWeight("bold", false),
  ]);
  if (regular[0] && covers(regular[0], text)) return { regular, bold };
  const [allRegular, allBold] = await Promise.all([
    loadWeight("regular", true),
    loadWeight("bold", true),
  ]);
  return { regular: allRegular, bold: allBold };
}

/**
 * Lets pdf-lib embed our faces without parsing the font again for every document: pdf-lib asks
 * its registered fontkit to `create` a font from the bytes it was given, and we hand back the
 * one already parsed for those bytes.
 */
export function registerFonts(doc: PDFDocument): void {
  doc.registerFontkit({
    create: (bytes: Uint8Array, postscriptName?: string) =>
      parsedFonts.get(bytes) ?? fontkit.create(bytes, postscriptName),
  } as Parameters<PDFDocument["registerFontkit"]>[0]);
}
