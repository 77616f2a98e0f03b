import { describe, expect, it } from "vitest";
import { loadFontSet } from "./font-set";
import { nodeFontReader } from "./node-font-files";
import { displayOrder, shapeLine, thaiSaraAm } from "./shape-line";
import { TextRuns } from "./text-runs";

async function shape(text: string) {
  return shapeLine(text, new TextRuns(await loadFontSet(text, nodeFontReader())), "regular");
}

describe("shapeLine", () => {
  it("lays mixed text out in display order by the bidirectional algorithm", async () => {
    // Left to right on the page: "Invoice for ", then the right-to-left stretch "محمد — 2"
    // shown as "2 — محمد", then " × Pipe".
    const line = await shape("Invoice for محمد — 2 × Pipe");
    expect(line.runs.map((run) => run.text)).toEqual([
      "Invoice for ",
      "2",
      " — ",
      "محمد",
      " × Pipe",
    ]);
    expect(line.runs.map((run) => run.rtl)).toEqual([false, false, true, true, false]);
    const starts = line.runs.map((run) => run.glyphs[0]?.x ?? Number.NaN);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
  });

  it("joins Arabic letters with the font's own forms", async () => {
    const joined = await shape("محمد");
    const [run] = joined.runs;
    // Four letters, none in its isolated form: the glyphs differ from the lone letters'.
    const alone = await Promise.all([..."محمد"].map((letter) => shape(letter)));
    const aloneIds = alone.map((line) => line.runs[0]?.glyphs[0]?.glyph.id);
    // Display order is right to left: the first letter typed is the last glyph drawn.
    const ids = (run?.glyphs ?? []).map((placed) => placed.glyph.id).reverse();
    expect(ids).toHaveLength(4);
    expect(ids.filter((id, i) => id !== aloneIds[i]).length).toBeGreaterThanOrEqual(3);
  });

  it("shapes Devanagari: the vowel sign ि is drawn before the consonant it follows", async () => {
    const line = await shape("कि");
    const glyphs = line.runs[0]?.glyphs ?? [];
    expect(glyphs).toHaveLength(2);
    expect(glyphs[0]?.glyph.codePoints).toEqual([0x093f]);
  });

  it("puts Thai SARA AM's ring under a tone mark before it (น้ำ)", async () => {
    expect(thaiSaraAm("น้ำ")).toBe("น\u0e4d\u0e49\u0e32");
    expect(thaiSaraAm("ทำ")).toBe("ท\u0e4d\u0e32");
    const line = await shape("น้ำ");
    expect(line.runs[0]?.text).toBe("น้ำ");
    expect(line.runs[0]?.glyphs.map((g) => g.glyph.codePoints[0])).toEqual([
      0x0e19, 0x0e4d, 0x0e49, 0x0e32,
    ]);
  });

  it("mirrors brackets inside right-to-left text", async () => {
    const line = await shape("שלום (עולם)");
    const brackets = line.runs.filter((run) => /[()]/.test(run.text));
    expect(brackets.every((run) => run.rtl)).toBe(true);
  });
});

describe("displayOrder", () => {
  it("reverses right-to-left stretches, and numbers inside them back again", () => {
    expect(displayOrder([0, 1, 1, 2, 0])).toEqual([0, 3, 2, 1, 4]);
    expect(displayOrder([1, 1, 1])).toEqual([2, 1, 0]);
    expect(displayOrder([0, 0])).toEqual([0, 1]);
    expect(displayOrder([])).toEqual([]);
  });
});
