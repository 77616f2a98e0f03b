import { describe, expect, it } from "vitest";
import { summarizePayments } from "./payment-state";

const at = new Date("2026-11-20T10:00:00Z");
const paid = (amount: number, amountRefunded = 0) =>
  ({ status: "succeeded", amount, amountRefunded, completedAt: at }) as const;

describe("summarizePayments", () => {
  it("is unpaid with no payments", () => {
    expect(summarizePayments(5000, [])).toMatchObject({ state: "unpaid", balanceDue: 5000 });
  });

  it("ignores open, failed and expired sessions", () => {
    const s = summarizePayments(5000, [
      { status: "open", amount: 5000, amountRefunded: 0, completedAt: null },
      { status: "failed", amount: 5000, amountRefunded: 0, completedAt: null },
      { status: "expired", amount: 5000, amountRefunded: 0, completedAt: null },
    ]);
    expect(s).toMatchObject({ state: "unpaid", amountPaid: 0, balanceDue: 5000 });
  });

  it("is processing while a bank debit is on its way", () => {
    const s = summarizePayments(5000, [
      { status: "processing", amount: 5000, amountRefunded: 0, completedAt: null },
    ]);
    expect(s.state).toBe("processing");
    expect(s.balanceDue).toBe(5000);
  });

  it("is paid when the balance reaches zero, with the payment's date", () => {
    expect(summarizePayments(5000, [paid(5000)])).toMatchObject({
      state: "paid",
      amountPaid: 5000,
      balanceDue: 0,
      paidAt: at,
    });
  });

  it("records a short payment as partial, never rounded into paid", () => {
    expect(summarizePayments(5000, [paid(4999)])).toMatchObject({
      state: "partially_paid",
      balanceDue: 1,
      paidAt: null,
    });
  });

  it("tells full and partial refunds apart", () => {
    expect(summarizePayments(5000, [paid(5000, 5000)]).state).toBe("refunded");
    expect(summarizePayments(5000, [paid(5000, 1000)])).toMatchObject({
      state: "partially_refunded",
      amountPaid: 4000,
    });
  });
});
