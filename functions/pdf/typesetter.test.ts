import { PDFDocument, rgb } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { loadFontSet, registerFonts } from "./font-set";
import { nodeFontReader } from "./node-font-files";
import { subsetTag, Typesetter } from "./typesetter";

const read = nodeFontReader();
/** The slice names a font set holds ("noto-sans-latin-400", "noto-sans-sc-57-400"). */
const slices = (set: Awaited<ReturnType<typeof loadFontSet>>) =>
  set.regular.map((face) => face.key.replace(/\.[0-9a-f]+\.ttf$/, ""));

async function typesetter(text: string) {
  const doc = await PDFDocument.create();
  registerFonts(doc);
  const ts = new Typesetter(doc, await loadFontSet(text, read));
  await ts.prepare([text]);
  return { doc, ts };
}

describe("Typesetter", () => {
  it("loads only the Latin faces for Latin text, and the slices other scripts need", async () => {
    expect(slices(await loadFontSet("Zoë Müller, €5", read))).toEqual(["noto-sans-latin-400"]);
    const greek = await loadFontSet("Ελλάδα Łódź", read);
    expect(slices(greek)).toEqual([
      "noto-sans-latin-400",
      "noto-sans-latin-ext-400",
      "noto-sans-greek-400",
    ]);
    expect(greek.bold.map((face) => face.weight)).toEqual(["bold", "bold", "bold"]);
    const arabic = slices(await loadFontSet("محمد", read));
    expect(arabic).toEqual(["noto-sans-latin-400", "noto-sans-arabic-arabic-400"]);
  });

  it("takes Han characters from the family the invoice's language prefers", async () => {
    const family = async (locale: string) =>
      slices(await loadFontSet("直", read, locale))[1]?.replace(/-\d+-400$/, "");
    expect(await family("ja-JP")).toBe("noto-sans-jp");
    expect(await family("zh-TW")).toBe("noto-sans-tc");
    expect(await family("zh-CN")).toBe("noto-sans-sc");
    expect(await family("ko-KR")).toBe("noto-sans-kr");
    expect(await family("en-US")).toBe("noto-sans-sc");
  });

  it("measures exactly what pdf-lib will draw with the same font", async () => {
    const text = "Invoice ZM-1042: AVATAR office, $1,234.56";
    const { doc, ts } = await typesetter(text);
    const page = doc.addPage();
    ts.draw(page, text, 10, 10, {
      size: 12,
      color: rgb(0, 0, 0),
    });
    const font = (await loadFontSet(text, read)).regular[0];
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
    expect(widthOf("ﬁ5")).toBeCloseTo(widthOf("fi5"), 6);
  });

  it("measures Arabic as shaped: joined letters are not the sum of their lone forms", async () => {
    const word = "محمد";
    const { ts } = await typesetter(word);
    const alone = [...word].reduce((sum, letter) => sum + ts.width(letter, 10), 0);
    expect(ts.width(word, 10)).toBeGreaterThan(0);
    expect(Math.abs(ts.width(word, 10) - alone)).toBeGreaterThan(0.5);
  });

  it("names subset fonts with six-letter tags", () => {
    expect(subsetTag(0)).toBe("AAAAAA");
    expect(subsetTag(1)).toBe("AAAAAB");
    expect(subsetTag(27)).toBe("AAAABB");
  });
});
