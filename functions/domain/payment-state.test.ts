import { describe, expect, it } from "vitest";
import { refundDue, summarizePayments } from "./payment-state";

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

describe("refundDue", () => {
  const due = (total: number, voided: boolean, payments: ReturnType<typeof paid>[]) =>
    refundDue({ total, voided }, summarizePayments(total, payments));

  it("is nothing while the money kept is at most the total", () => {
    expect(due(5000, false, [])).toBe(0);
    expect(due(5000, false, [paid(4000)])).toBe(0);
    expect(due(5000, false, [paid(5000)])).toBe(0);
  });

  it("is what was kept beyond the total of an overpaid invoice", () => {
    expect(due(5000, false, [paid(5000), paid(1200)])).toBe(1200);
    // An old session paid after an edit lowered the total.
    expect(due(3000, false, [paid(5000)])).toBe(2000);
    // Refunds already made count against it.
    expect(due(3000, false, [paid(5000, 1500)])).toBe(500);
    expect(due(3000, false, [paid(5000, 2000)])).toBe(0);
  });

  it("is all the money kept on a void invoice", () => {
    expect(due(5000, true, [])).toBe(0);
    expect(due(5000, true, [paid(5000)])).toBe(5000);
    expect(due(5000, true, [paid(5000, 1000)])).toBe(4000);
    expect(due(5000, true, [paid(5000, 5000)])).toBe(0);
  });

  it("never counts a bank debit still on its way as money kept", () => {
    const processing = {
      status: "processing",
      amount: 5000,
      amountRefunded: 0,
      completedAt: null,
    } as const;
    expect(refundDue({ total: 5000, voided: true }, summarizePayments(5000, [processing]))).toBe(0);
  });
});
