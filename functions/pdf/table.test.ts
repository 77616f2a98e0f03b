import { describe, expect, it } from "vitest";
import { columnWidths } from "./table";

describe("columnWidths", () => {
  it("sizes number columns to their content and gives the description the rest", () => {
    const [description, qty, unit, amount] = columnWidths([30, 70, 80], 500);
    expect([qty, unit, amount]).toEqual([44, 70, 80]);
    expect(description).toBe(500 - 44 - 70 - 80);
  });

  it("caps a very wide number column and keeps room for the description", () => {
    const widths = columnWidths([400, 400, 400], 500);
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(500);
    expect(widths[0]).toBeGreaterThanOrEqual(500 * 0.36 - 0.001);
  });
});
