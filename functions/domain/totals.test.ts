import { describe, expect, it } from "vitest";
import { computeTotals, type TotalsInput } from "./totals";

const base: TotalsInput = {
  amountMode: "items",
  fixedAmount: null,
  percentRate: null,
  percentBase: null,
  taxRate: 0,
  discountKind: "none",
  discountValue: 0,
  items: [],
};

describe("computeTotals", () => {
  it("sums line items with fractional quantities exactly", () => {
    const totals = computeTotals({
      ...base,
      items: [
        { quantity: 1500, unitPrice: 8500 }, // 1.5 h at 85.00
        { quantity: 3000, unitPrice: 1999 }, // 3 at 19.99
      ],
    });
    expect(totals.lineAmounts).toEqual([12750, 5997]);
    expect(totals.subtotal).toBe(18747);
    expect(totals.total).toBe(18747);
  });

  it("rounds each line half away from zero", () => {
    // 0.333 × 1.00 = 0.333 → 0; 0.335 × 1.00 → 0.34 (33.5 cents rounds up)
    const totals = computeTotals({
      ...base,
      items: [
        { quantity: 333, unitPrice: 100 },
        { quantity: 335, unitPrice: 100 },
      ],
    });
    expect(totals.lineAmounts).toEqual([33, 34]);
  });

  it("applies a percent discount before tax", () => {
    const totals = computeTotals({
      ...base,
      items: [{ quantity: 1000, unitPrice: 10000 }],
      discountKind: "percent",
      discountValue: 10_000, // 10%
      taxRate: 8_875, // 8.875%
    });
    expect(totals.discount).toBe(1000);
    expect(totals.tax).toBe(799); // 90.00 × 8.875% = 7.9875 → 7.99
    expect(totals.total).toBe(9799);
  });

  it("never lets an amount discount exceed the subtotal", () => {
    const totals = computeTotals({
      ...base,
      amountMode: "fixed",
      fixedAmount: 5000,
      discountKind: "amount",
      discountValue: 9000,
    });
    expect(totals.discount).toBe(5000);
    expect(totals.total).toBe(0);
  });

  it("computes a percent-of-base amount (a deposit)", () => {
    const totals = computeTotals({
      ...base,
      amountMode: "percent",
      percentRate: 50_000,
      percentBase: 400_000,
    });
    expect(totals.subtotal).toBe(200_000);
    expect(totals.lineAmounts).toEqual([]);
  });

  it("uses the fixed amount as the subtotal", () => {
    expect(computeTotals({ ...base, amountMode: "fixed", fixedAmount: 12345 }).total).toBe(12345);
  });

  it("refuses amounts beyond exact integer range instead of rounding money", () => {
    expect(() =>
      computeTotals({ ...base, items: [{ quantity: 10_000_000_000, unitPrice: 10_000_000_000 }] }),
    ).toThrow(RangeError);
  });
});
