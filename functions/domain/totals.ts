import type { Invoice, LineItem } from "../../db/schema";

// The one place totals are computed: the page, the PDF, the owner API and Checkout all call it,
// so the customer is never shown one figure and charged another.

/** Rates are stored in thousandths of a percent: 100% is this many. */
export const RATE_SCALE = 100_000;
/** Quantities are stored in thousandths. */
export const QUANTITY_SCALE = 1_000;

export type TotalsInput = Pick<
  Invoice,
  | "amountMode"
  | "fixedAmount"
  | "percentRate"
  | "percentBase"
  | "taxRate"
  | "discountKind"
  | "discountValue"
> & { items: Pick<LineItem, "quantity" | "unitPrice">[] };

export interface Totals {
  /** Amount of each line item, in input order (empty unless the mode is "items"). */
  lineAmounts: number[];
  subtotal: number;
  discount: number;
  tax: number;
  total: number;
}

/** Integer division rounding half away from zero, on BigInt so large amounts stay exact. */
function divRound(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n + d / 2n) / d;
  return negative ? -q : q;
}

function toSafeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError("Amount is too large to represent exactly");
  }
  return Number(value);
}

export function lineAmount(item: Pick<LineItem, "quantity" | "unitPrice">): number {
  return toSafeNumber(
    divRound(BigInt(item.quantity) * BigInt(item.unitPrice), BigInt(QUANTITY_SCALE)),
  );
}

export function applyRate(amount: number, rate: number): number {
  return toSafeNumber(divRound(BigInt(amount) * BigInt(rate), BigInt(RATE_SCALE)));
}

export function computeTotals(input: TotalsInput): Totals {
  let lineAmounts: number[] = [];
  let subtotal: number;
  switch (input.amountMode) {
    case "items":
      lineAmounts = input.items.map(lineAmount);
      subtotal = lineAmounts.reduce((sum, amount) => sum + amount, 0);
      break;
    case "fixed":
      subtotal = input.fixedAmount ?? 0;
      break;
    case "percent":
      subtotal = applyRate(input.percentBase ?? 0, input.percentRate ?? 0);
      break;
  }
  let discount = 0;
  if (input.discountKind === "amount") discount = Math.min(input.discountValue, subtotal);
  if (input.discountKind === "percent") discount = applyRate(subtotal, input.discountValue);
  discount = Math.max(0, Math.min(discount, subtotal));
  const tax = applyRate(subtotal - discount, input.taxRate);
  const total = subtotal - discount + tax;
  if (!Number.isSafeInteger(total)) throw new RangeError("Total is too large to represent exactly");
  return { lineAmounts, subtotal, discount, tax, total };
}
