import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { inflateSync } from "node:zlib";
import type {
  FamilySlices,
  FontManifest,
  ManifestFamily,
  ManifestSlice,
} from "../functions/pdf/font-manifest";
import { FONT_DIR } from "../functions/pdf/font-manifest";
import { parseUnicodeRange } from "../functions/pdf/unicode-ranges";

// `npx tsx scripts/build-pdf-fonts.ts` (run by `npm run build`, and with --if-stale before
// `npm start`, `npm test` and every local Worker build): writes the fonts the invoice PDF draws with into public/_fonts/,
// which the build copies to the Worker's static assets. They are not part of the Worker's
// JavaScript, so they add nothing to its upload or start-up; the PDF route reads the files it
// needs through the assets binding (functions/pdf/font-files.ts).
//
// Sources: the Noto Sans families that @fontsource ships as per-unicode-range slices (Latin,
// Greek, Cyrillic, …; Arabic, Hebrew, Devanagari, Thai; Chinese Simplified and Traditional,
// Japanese, Korean in about a hundred slices each). Each WOFF slice is turned into plain
// TrueType: fontkit reads a TrueType file in place, whereas it inflates a WOFF table again on
// every glyph it reads and decodes WOFF2 with a JavaScript Brotli. File names carry a content
// hash so they can be cached for good. Beside them: manifest.json (which slice covers which
// code points) and the families' licences (SIL OFL 1.1).

const WEIGHTS = { regular: 400, bold: 700 } as const;

interface FamilySource {
  /** Package name after @fontsource/. */
  package: string;
  /** Slices to take from it, in fallback order; "*" for every numbered slice (CJK). */
  slices: string[] | "*";
  /** Languages that prefer this family for characters several families have (Han). */
  prefer?: string[];
}

// In fallback order: a character goes to the first family that has a slice for it, except
// that the invoice's language moves its preferred CJK family to the front of the CJK ones.
const FAMILIES: FamilySource[] = [
  {
    package: "noto-sans",
    slices: ["latin", "latin-ext", "greek", "greek-ext", "cyrillic", "cyrillic-ext", "vietnamese"],
  },
  { package: "noto-sans-arabic", slices: ["arabic"] },
  { package: "noto-sans-hebrew", slices: ["hebrew"] },
  { package: "noto-sans-devanagari", slices: ["devanagari"] },
  { package: "noto-sans-thai", slices: ["thai"] },
  { package: "noto-sans-sc", slices: "*", prefer: ["zh"] },
  { package: "noto-sans-tc", slices: "*", prefer: ["zh-TW", "zh-HK", "zh-MO", "zh-Hant"] },
  { package: "noto-sans-jp", slices: "*", prefer: ["ja"] },
  { package: "noto-sans-kr", slices: "*", prefer: ["ko"] },
];

const require = createRequire(import.meta.url);
const outDir = join(import.meta.dirname, "..", "public", FONT_DIR);

interface Table {
  tag: number;
  data: Uint8Array;
}

/** WOFF 1.0 → the tables of the SFNT (TrueType) font it wraps, each inflated. */
export function woffTables(woff: Uint8Array): { flavor: number; tables: Table[] } {
  const view = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  if (view.getUint32(0) !== 0x774f4646) throw new Error("not a WOFF file");
  const numTables = view.getUint16(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + i * 20;
    const offset = view.getUint32(at + 4);
    const compLength = view.getUint32(at + 8);
    const origLength = view.getUint32(at + 12);
    const stored = woff.subarray(offset, offset + compLength);
    const data = compLength < origLength ? new Uint8Array(inflateSync(stored)) : stored;
    if (data.length !== origLength) throw new Error("bad WOFF table length");
    return { tag: view.getUint32(at), data };
  });
  return { flavor: view.getUint32(4), tables };
}

const tag = (name: string) => new DataView(new TextEncoder().encode(name).buffer).getUint32(0);

/**
 * Pads every glyph's outline to a multiple of 4 bytes (glyf), with long offsets (loca). Some
 * slices (Noto Sans Arabic) pack glyphs at odd offsets; fontkit's subsetter copies glyphs as
 * they are and writes short offsets, which can only point at even bytes, so such a subset
 * draws nothing. Padded, every offset is even.
 */
export function padGlyphs(tables: Table[]): Table[] {
  const find = (name: string) => tables.find((t) => t.tag === tag(name));
  const head = find("head");
  const loca = find("loca");
  const glyf = find("glyf");
  const maxp = find("maxp");
  if (!head || !loca || !glyf || !maxp) return tables;
  const headView = new DataView(head.data.buffer, head.data.byteOffset, head.data.byteLength);
  const long = headView.getInt16(50) === 1;
  const numGlyphs = new DataView(maxp.data.buffer, maxp.data.byteOffset).getUint16(4);
  const locaView = new DataView(loca.data.buffer, loca.data.byteOffset, loca.data.byteLength);
  const offset = (i: number) => (long ? locaView.getUint32(i * 4) : locaView.getUint16(i * 2) * 2);
  const pieces: Uint8Array[] = [];
  const newLoca = new Uint8Array((numGlyphs + 1) * 4);
  const newLocaView = new DataView(newLoca.buffer);
  let at = 0;
  for (let i = 0; i < numGlyphs; i++) {
    const piece = glyf.data.subarray(offset(i), offset(i + 1));
    newLocaView.setUint32(i * 4, at);
    const padded = new Uint8Array((piece.length + 3) & ~3);
    padded.set(piece);
    pieces.push(padded);
    at += padded.length;
  }
  newLocaView.setUint32(numGlyphs * 4, at);
  const newGlyf = new Uint8Array(at);
  let pos = 0;
  for (const piece of pieces) {
    newGlyf.set(piece, pos);
    pos += piece.length;
  }
  const newHead = new Uint8Array(head.data);
  new DataView(newHead.buffer).setInt16(50, 1);
  return tables.map((t) => {
    if (t === head) return { tag: t.tag, data: newHead };
    if (t === loca) return { tag: t.tag, data: newLoca };
    if (t === glyf) return { tag: t.tag, data: newGlyf };
    return t;
  });
}

function checksum(data: Uint8Array): number {
  const padded = new Uint8Array((data.length + 3) & ~3);
  padded.set(data);
  const view = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

/** The tables as one SFNT file: the table directory, then each table 4-byte aligned. */
export function writeSfnt(flavor: number, tables: Table[]): Uint8Array {
  const sorted = [...tables].sort((a, b) => a.tag - b.tag);
  const numTables = sorted.length;
  const headerSize = 12 + numTables * 16;
  const size = sorted.reduce((sum, t) => sum + ((t.data.length + 3) & ~3), headerSize);
  const out = new Uint8Array(size);
  const o = new DataView(out.buffer);
  const power = 2 ** Math.floor(Math.log2(numTables));
  o.setUint32(0, flavor);
  o.setUint16(4, numTables);
  o.setUint16(6, power * 16);
  o.setUint16(8, Math.log2(power));
  o.setUint16(10, numTables * 16 - power * 16);
  let offset = headerSize;
  sorted.forEach((table, i) => {
    const at = 12 + i * 16;
    o.setUint32(at, table.tag);
    o.setUint32(at + 4, checksum(table.data));
    o.setUint32(at + 8, offset);
    o.setUint32(at + 12, table.data.length);
    out.set(table.data, offset);
    offset += (table.data.length + 3) & ~3;
  });
  return out;
}

/** WOFF 1.0 → a TrueType file fontkit reads in place and subsets correctly. */
export function woffToSfnt(woff: Uint8Array): Uint8Array {
  const { flavor, tables } = woffTables(woff);
  return writeSfnt(flavor, padGlyphs(tables));
}

/** Writes a file under a name that carries a hash of its content, so it can be cached for good. */
function writeHashed(bytes: Uint8Array | string, base: string, extension: string): string {
  const hash = createHash("sha256").update(bytes).digest("hex").slice(0, 10);
  const name = `${base}.${hash}.${extension}`;
  writeFileSync(join(outDir, name), bytes);
  return name;
}

function buildFamily(source: FamilySource): {
  family: ManifestFamily;
  bytes: number;
  slices: number;
} {
  const packageDir = dirname(require.resolve(`@fontsource/${source.package}/package.json`));
  const ranges = JSON.parse(readFileSync(join(packageDir, "unicode.json"), "utf8")) as Record<
    string,
    string
  >;
  const names =
    source.slices === "*"
      ? Object.keys(ranges)
          .filter((key) => /^\[\d+\]$/.test(key))
          .map((key) => key.slice(1, -1))
          .sort((a, b) => Number(a) - Number(b))
      : source.slices;
  let bytes = 0;
  const slices: ManifestSlice[] = names.map((slice) => {
    const key = source.slices === "*" ? `[${slice}]` : slice;
    const range = ranges[key];
    if (!range) throw new Error(`@fontsource/${source.package} has no slice ${slice}`);
    const files = Object.fromEntries(
      Object.entries(WEIGHTS).map(([weight, value]) => {
        const woff = readFileSync(
          join(packageDir, "files", `${source.package}-${slice}-${value}-normal.woff`),
        );
        const ttf = woffToSfnt(woff);
        bytes += ttf.length;
        return [weight, writeHashed(ttf, `${source.package}-${slice}-${value}`, "ttf")];
      }),
    ) as ManifestSlice["files"];
    parseUnicodeRange(range); // fails the build on a range the PDF could not read
    return { name: slice, files, ranges: range };
  });
  const license = `${source.package}.OFL.txt`;
  writeFileSync(join(outDir, license), readFileSync(join(packageDir, "LICENSE")));
  const { version } = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as {
    version: string;
  };
  return {
    family: {
      name: source.package,
      version,
      license,
      prefer: source.prefer ?? [],
      slices: writeHashed(
        JSON.stringify({ slices } satisfies FamilySlices),
        source.package,
        "json",
      ),
    },
    bytes,
    slices: slices.length,
  };
}

/** With --if-stale: nothing to do when the fonts were built after the packages and their code. */
function upToDate(): boolean {
  const manifest = join(outDir, "manifest.json");
  if (!existsSync(manifest)) return false;
  const built = statSync(manifest).mtimeMs;
  const root = join(import.meta.dirname, "..");
  const sources = [
    join(root, "package-lock.json"),
    import.meta.filename,
    // The shapes the PDF reads the manifest and ranges with.
    join(root, "functions", "pdf", "font-manifest.ts"),
    join(root, "functions", "pdf", "unicode-ranges.ts"),
  ];
  return sources.every((file) => statSync(file).mtimeMs < built);
}

if (process.argv.includes("--if-stale") && upToDate()) process.exit(0);
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
let total = 0;
let files = 0;
const families = FAMILIES.map((source) => {
  const { family, bytes, slices } = buildFamily(source);
  total += bytes;
  files += slices * 2;
  return family;
});
const manifest: FontManifest = { families };
writeFileSync(join(outDir, "manifest.json"), JSON.stringify(manifest));
console.log(`public/${FONT_DIR}: ${files} fonts, ${(total / 1048576).toFixed(1)} MiB`);
