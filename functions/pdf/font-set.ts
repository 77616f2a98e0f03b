import fontkit, { type Font } from "@pdf-lib/fontkit";
import type { PDFDocument } from "pdf-lib";
import type { FontReader } from "./font-files";
import type {
  FamilySlices,
  FontManifest,
  ManifestFamily,
  ManifestSlice,
  Weight,
} from "./font-manifest";
import { parseUnicodeRange, RangeIndex } from "./unicode-ranges";

// The PDF's fonts: Noto Sans families (Latin, Greek, Cyrillic, Arabic, Hebrew, Devanagari,
// Thai, Chinese, Japanese, Korean), regular and bold, each split into slices by code point
// range (scripts/build-pdf-fonts.ts writes them as static assets, with a manifest). A document
// loads Noto Sans Latin, then only the slices that hold characters Latin lacks, so fonts for
// scripts an invoice does not use are never read.
//
// Kept for the life of the isolate: the manifest, the families' range indexes and parsed
// fonts (font data, not invoice data), the fonts up to a memory budget, least recently used
// first out. A failed read is not remembered, so the next request tries again.

export type { Weight };

const WEIGHTS: Weight[] = ["regular", "bold"];

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

interface Family {
  info: ManifestFamily;
  slices: ManifestSlice[];
  index: RangeIndex;
}

/** Parsed fonts kept per isolate, in bytes of font data; CJK slices are ~50–300 KB each. */
const FACE_BUDGET = 48 * 1024 * 1024;

let manifest: Promise<FontManifest> | undefined;
const families = new Map<string, Promise<Family>>();
const faces = new Map<string, Promise<FontFace>>();
const faceSizes = new Map<string, number>();
const parsedFonts = new WeakMap<Uint8Array, Font>();

function remembered<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>) {
  let value = cache.get(key);
  if (value) {
    // Most recently used last, for the face budget.
    cache.delete(key);
  } else {
    value = load();
    value.catch(() => cache.delete(key));
  }
  cache.set(key, value);
  return value;
}

async function readJson<T>(read: FontReader, file: string): Promise<T> {
  return JSON.parse(new TextDecoder().decode(await read(file))) as T;
}

function loadManifest(read: FontReader): Promise<FontManifest> {
  if (!manifest) {
    const loading = readJson<FontManifest>(read, "manifest.json");
    loading.catch(() => {
      if (manifest === loading) manifest = undefined;
    });
    manifest = loading;
  }
  return manifest;
}

function loadFamily(read: FontReader, info: ManifestFamily): Promise<Family> {
  return remembered(families, info.name, async () => {
    const { slices } = await readJson<FamilySlices>(read, info.slices);
    return { info, slices, index: new RangeIndex(slices.map((s) => parseUnicodeRange(s.ranges))) };
  });
}

function loadFace(read: FontReader, file: string, weight: Weight): Promise<FontFace> {
  const face = remembered(faces, file, async () => {
    const bytes = await read(file);
    const font = fontkit.create(bytes);
    parsedFonts.set(bytes, font);
    faceSizes.set(file, bytes.length);
    return { key: file, weight, bytes, font, widths: new Map() };
  });
  evictOverBudget();
  return face;
}

function evictOverBudget(): void {
  let total = 0;
  for (const size of faceSizes.values()) total += size;
  for (const key of faces.keys()) {
    if (total <= FACE_BUDGET || faces.size <= 2) break;
    total -= faceSizes.get(key) ?? 0;
    faceSizes.delete(key);
    faces.delete(key);
  }
}

/**
 * Families in the order a character is looked for: as the manifest lists them, except that
 * among families sharing characters (the CJK ones, for Han), the one the invoice's language
 * prefers comes first: a Japanese invoice draws 直 the Japanese way.
 */
export function familyOrder(list: ManifestFamily[], locale: string): ManifestFamily[] {
  const score = preferenceScore(locale);
  const shared = list.filter((family) => family.prefer.length > 0);
  const best = shared.reduce<{ family?: ManifestFamily; score: number }>(
    (top, family) => {
      const s = Math.max(0, ...family.prefer.map(score));
      return s > top.score ? { family, score: s } : top;
    },
    { score: 0 },
  ).family;
  if (!best) return list;
  const rest = list.filter((family) => family !== best);
  const at = rest.findIndex((family) => family.prefer.length > 0);
  return at === -1 ? list : [...rest.slice(0, at), best, ...rest.slice(at)];
}

/** How well a preference tag ("zh-TW", "zh-Hant", "ja") fits a locale; 0 for not at all. */
function preferenceScore(locale: string): (tag: string) => number {
  let parsed: Intl.Locale | undefined;
  try {
    parsed = new Intl.Locale(locale.replace(/_/g, "-"));
  } catch {
    parsed = undefined;
  }
  return (tag) => {
    if (!parsed) return 0;
    const [language, detail] = tag.split("-");
    if (language !== parsed.language) return 0;
    if (!detail) return 1;
    return detail === parsed.region || detail === parsed.script ? 2 : 0;
  };
}

async function pairFor(read: FontReader, slice: ManifestSlice): Promise<Record<Weight, FontFace>> {
  const [regular, bold] = await Promise.all(WEIGHTS.map((w) => loadFace(read, slice.files[w], w)));
  if (!regular || !bold) throw new Error(`font slice ${slice.name} did not load`);
  return { regular, bold };
}

/**
 * The faces needed to draw `text` in an invoice of `locale`: Noto Sans Latin, then, in
 * fallback order, the slices holding the characters Latin lacks.
 */
export async function loadFontSet(text: string, read: FontReader, locale = "en"): Promise<FontSet> {
  const { families: listed } = await loadManifest(read);
  const [first] = listed;
  if (!first) throw new Error("the font manifest lists no families");
  const primaryFamily = await loadFamily(read, first);
  const primarySlice = primaryFamily.slices[0];
  if (!primarySlice) throw new Error(`font family ${first.name} has no slices`);
  const primary = await pairFor(read, primarySlice);

  const missing = new Set<number>();
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (codePoint > 0x20 && !primary.regular.font.hasGlyphForCodePoint(codePoint)) {
      missing.add(codePoint);
    }
  }
  const set: FontSet = { regular: [primary.regular], bold: [primary.bold] };
  if (missing.size === 0) return set;

  // For each missing character, the first family (in order) with a slice meant for it. Slices
  // are collected with their place in the fallback order, then loaded together.
  const order = familyOrder(listed, locale);
  const wanted = new Map<string, { rank: number; slice: ManifestSlice }>();
  for (const [rank, info] of order.entries()) {
    if (missing.size === 0) break;
    const family = await loadFamily(read, info);
    for (const codePoint of missing) {
      const index = family.index.find(codePoint);
      const slice = family.slices[index];
      if (!slice) continue;
      missing.delete(codePoint);
      if (slice !== primarySlice) {
        wanted.set(slice.files.regular, { rank: rank * 1000 + index, slice });
      }
    }
  }
  const slices = [...wanted.values()].sort((a, b) => a.rank - b.rank);
  const pairs = await Promise.all(slices.map(({ slice }) => pairFor(read, slice)));
  for (const pair of pairs) {
    set.regular.push(pair.regular);
    set.bold.push(pair.bold);
  }
  return set;
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
