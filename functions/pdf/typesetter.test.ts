import { PDFDocument, rgb } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { loadFontSet, registerFonts } from "./font-set";
import { subsetTag, Typesetter } from "./typesetter";

async function typesetter(text: string) {
  const doc = await PDFDocument.create();
  registerFonts(doc);
  const ts = new Typesetter(doc, await loadFontSet(text));
  await ts.prepare([text]);
  return { doc, ts };
}

describe("Typesetter", () => {
  it("loads only the Latin faces for Latin text, and every subset when needed", async () => {
    expect((await loadFontSet("Zoë Müller, €5")).regular.map((f) => f.key)).toEqual([
      "regular/latin",
    ]);
    const all = await loadFontSet("Ελλάδα");
    expect(all.regular.map((f) => f.key)).toEqual([
      "regular/latin",
      "regular/latin-ext",
      "regular/greek",
      "regular/cyrillic",
      "regular/vietnamese",
    ]);
    expect(all.bold).toHaveLength(5);
  });

  it("measures exactly what pdf-lib will draw with the same font", async () => {
    const text = "Invoice ZM-1042: AVATAR office, $1,234.56";
    const { doc, ts } = await typesetter(text);
    const page = doc.addPage();
    ts.draw(page, text, 10, 10, {
      size: 12,
      color: rgb(0, 0, 0),
    });
    const font = (await loadFontSet(text)).regular[0];
    expect(font).toBeDefined();
    const embedded = await doc.embedFont(font?.bytes ?? new Uint8Array(), {
      subset: true,
      features: { kern: false, liga: false, clig: false, calt: false },
    });
    expect(ts.width(text, 12)).toBeCloseTo(embedded.widthOfTextAtSize(text, 12), 6);
  });

  it("draws uncovered characters as one visible replacement, and compatibility forms plainly", async () => {
    const { ts } = await typesetter("x");
    const widthOf = (text: string) => ts.width(text, 10);
    expect(widthOf("a😀b")).toBeCloseTo(widthOf("a\ufffdb"), 6);
    expect(widthOf("a😀😀😀b")).toBeCloseTo(widthOf("a\ufffdb"), 6);
    expect(widthOf("￥5")).toBeCloseTo(widthOf("¥5"), 6);
    expect(widthOf("中")).toBeGreaterThan(0);
  });

  it("names subset fonts with six-letter tags", () => {
    expect(subsetTag(0)).toBe("AAAAAA");
    expect(subsetTag(1)).toBe("AAAAAB");
    expect(subsetTag(27)).toBe("AAAABB");
  });
});
