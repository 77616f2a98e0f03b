import { describe, expect, it } from "vitest";
import { type FlowBlock, linesBlock, type PageLayout, paginate } from "./paginate";

const geometry = { firstPage: 500, otherPages: 700, tableHeader: 20 };
const row = (lines = 1) => linesBlock(lines, 10, 5, { split: "oversize", inTable: true });
const rows = (count: number, lines = 1) => Array.from({ length: count }, () => row(lines));
const totals = (height: number): FlowBlock => ({
  lines: 1,
  height: () => height,
  split: "never",
  gapBefore: 10,
});

/** Which blocks each page holds, as [block, from, to]. */
const summary = (pages: PageLayout[]) =>
  pages.map((page) => page.placements.map((p) => [p.block, p.from, p.to]));

describe("paginate", () => {
  it("puts a short invoice on one page, the table header above the first row", () => {
    const pages = paginate([...rows(3), totals(100)], geometry);
    expect(pages).toHaveLength(1);
    expect(pages[0]?.tableHeaderY).toBe(0);
    expect(pages[0]?.placements.map((p) => p.y)).toEqual([20, 40, 60, 90]);
  });

  it("breaks a long table between rows and repeats the header on every page", () => {
    // 20 pt rows: 24 fit under the header on page 1 (500 - 20), 34 on the others (700 - 20).
    const pages = paginate(rows(100), geometry);
    expect(pages.map((page) => page.placements.length)).toEqual([24, 34, 34, 8]);
    for (const page of pages) expect(page.tableHeaderY).toBe(0);
    for (const page of pages) {
      const bottom = Math.max(...page.placements.map((p) => p.y + p.height));
      expect(bottom).toBeLessThanOrEqual(page === pages[0] ? 500 : 700);
    }
  });

  it("moves a row that does not fit whole to the next page instead of splitting it", () => {
    const blocks = [...rows(23), row(5)]; // 23 × 20 + 20 header = 480; the 60 pt row won't fit
    const pages = paginate(blocks, geometry);
    expect(summary(pages)[1]).toEqual([[23, 0, 5]]);
  });

  it("splits a row taller than a whole page between its lines", () => {
    const pages = paginate([row(150)], geometry); // 1,510 pt
    expect(pages.length).toBeGreaterThan(2);
    const parts = pages.flatMap((page) => page.placements);
    expect(parts[0]?.from).toBe(0);
    expect(parts.at(-1)?.to).toBe(150);
    parts.slice(1).forEach((part, i) => {
      expect(part.from).toBe(parts[i]?.to);
    });
    for (const page of pages) expect(page.tableHeaderY).toBe(0);
  });

  it("keeps the totals in one piece, moving the last row with them", () => {
    const blocks = [...rows(22), totals(100)];
    const last = blocks[21] as FlowBlock;
    last.keepWithNext = 110;
    // 22 rows end at 460 on page 1; the totals (10 gap + 100) would not fit after them.
    const pages = paginate(blocks, geometry);
    expect(pages).toHaveLength(2);
    expect(summary(pages)[1]).toEqual([
      [21, 0, 1],
      [22, 0, 1],
    ]);
    expect(pages[1]?.tableHeaderY).toBe(0);
  });

  it("does not leave a single line of a paragraph alone at the bottom or the top", () => {
    const paragraph = linesBlock(10, 10, 0, { split: "lines" });
    const filler = linesBlock(1, 485, 0, { split: "never" });
    const pages = paginate([filler, paragraph], geometry); // 15 pt left: room for one line only
    expect(summary(pages)).toEqual([[[0, 0, 1]], [[1, 0, 10]]]);

    const fits9 = linesBlock(1, 410, 0, { split: "never" }); // 90 pt left: 9 lines would fit
    expect(summary(paginate([fits9, paragraph], geometry))).toEqual([
      [
        [0, 0, 1],
        [1, 0, 8],
      ],
      [[1, 8, 10]],
    ]);
  });

  it("keeps a heading with the start of its text", () => {
    const heading: FlowBlock = { lines: 1, height: () => 20, split: "never", keepWithNext: 20 };
    const filler = linesBlock(1, 465, 0, { split: "never" });
    const text = linesBlock(5, 10, 0, { split: "lines" });
    expect(summary(paginate([filler, heading, text], geometry))).toEqual([
      [[0, 0, 1]],
      [
        [1, 0, 1],
        [2, 0, 5],
      ],
    ]);
  });

  it("draws a block taller than a page that cannot be split rather than looping", () => {
    const pages = paginate([linesBlock(1, 900, 0, { split: "never" })], geometry);
    expect(pages).toHaveLength(1);
  });

  it("lays out 500 rows: 24 on page 1, 34 on each full page, the last row with the totals", () => {
    const blocks = [...rows(500), totals(150)];
    (blocks[499] as FlowBlock).keepWithNext = 160;
    const pages = paginate(blocks, geometry);
    expect(pages).toHaveLength(16);
    expect(pages.map((page) => page.placements.length)).toEqual([24, ...Array(13).fill(34), 33, 2]);
  });
});
