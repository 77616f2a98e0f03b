import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FONT_DIR } from "./font-manifest";

// The Worker's fontkit is bundled without the legacy code pages (Shift JIS, Big5, Mac Roman,
// ...) it needs only for a font whose names or character maps are not in Unicode
// (scripts/lib/pdf-libraries.mjs). Every font file the PDF embeds must therefore be
// Unicode-only: checked here from the files' own tables.

const FONTS = join(import.meta.dirname, "..", "..", "public", FONT_DIR);

/** (platform, encoding) pairs of a TrueType file's `name` records and `cmap` subtables. */
function encodings(bytes: Buffer): { names: string[]; cmaps: string[] } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = new Map<string, number>();
  for (let i = 0; i < view.getUint16(4); i++) {
    const entry = 12 + 16 * i;
    tables.set(bytes.toString("latin1", entry, entry + 4), view.getUint32(entry + 8));
  }
  const pairs = (table: string, countAt: number, first: number, size: number) => {
    const start = tables.get(table);
    if (start === undefined) throw new Error(`no ${table} table`);
    return Array.from({ length: view.getUint16(start + countAt) }, (_, i) => {
      const record = start + first + size * i;
      return `${view.getUint16(record)}/${view.getUint16(record + 2)}`;
    });
  };
  return { names: pairs("name", 2, 6, 12), cmaps: pairs("cmap", 2, 4, 8) };
}

// Platform 0 is Unicode; platform 3 (Windows) with encoding 1 or 10 is UTF-16.
const UNICODE = /^(0\/\d+|3\/1|3\/10)$/;

describe("the PDF's font files", () => {
  it("name themselves and map characters in Unicode only", () => {
    const files = readdirSync(FONTS).filter((file) => file.endsWith(".ttf"));
    expect(files.length).toBeGreaterThan(0);
    const legacy = files.flatMap((file) => {
      const { names, cmaps } = encodings(readFileSync(join(FONTS, file)));
      return [...names, ...cmaps]
        .filter((pair) => !UNICODE.test(pair))
        .map((pair) => `${file} ${pair}`);
    });
    expect(legacy).toEqual([]);
  });
});
