import { describe, expect, it } from "vitest";
import { invoiceLedger, type LedgerInput, type LedgerPayment } from "./ledger";

const at = new Date("2026-11-20T10:00:00Z");
const later = new Date("2026-11-22T10:00:00Z");
const paid = (amount: number, amountRefunded = 0, completedAt = at): LedgerPayment => ({
  status: "succeeded",
  amount,
  amountRefunded,
  completedAt,
  disputeStatus: null,
  disputeAmount: 0,
});
const other = (status: LedgerPayment["status"], amount = 10_000): LedgerPayment => ({
  status,
  amount,
  amountRefunded: 0,
  completedAt: null,
  disputeStatus: null,
  disputeAmount: 0,
});
const disputed = (
  payment: LedgerPayment,
  disputeStatus: NonNullable<LedgerPayment["disputeStatus"]>,
  disputeAmount = payment.amount,
): LedgerPayment => ({ ...payment, disputeStatus, disputeAmount });

const base: LedgerInput = {
  total: 10_000,
  voided: false,
  dueDate: "2026-12-01",
  timeZone: "UTC",
  now: new Date("2026-11-25T12:00:00Z"),
  payments: [],
};
const ledger = (change: Partial<LedgerInput>) => invoiceLedger({ ...base, ...change });

describe("invoiceLedger: what is owed", () => {
  it("owes the total with nothing received", () => {
    expect(ledger({})).toMatchObject({
      total: 10_000,
      received: 0,
      refunded: 0,
      kept: 0,
      balanceDue: 10_000,
      refundDue: 0,
      paymentState: "unpaid",
      state: "due",
      overdue: false,
      paid: false,
      paidAt: null,
    });
  });

  it("ignores open, failed and expired sessions", () => {
    const l = ledger({ payments: [other("open"), other("failed"), other("expired")] });
    expect(l).toMatchObject({ received: 0, balanceDue: 10_000, state: "due", processing: false });
  });

  it("owes the rest of a short payment, never rounded into paid", () => {
    expect(ledger({ payments: [paid(9_999)] })).toMatchObject({
      received: 9_999,
      balanceDue: 1,
      paymentState: "partially_paid",
      state: "partially_paid",
      paid: false,
      paidAt: null,
    });
  });

  it("is paid when the payments cover the total, on the latest payment's date", () => {
    expect(ledger({ payments: [paid(4_000, 0, later), paid(6_000)] })).toMatchObject({
      balanceDue: 0,
      paymentState: "paid",
      state: "paid",
      paid: true,
      paidAt: later,
    });
  });

  it("holds the balance while a bank debit is on its way, without counting it", () => {
    const l = ledger({ payments: [other("processing")] });
    expect(l).toMatchObject({ received: 0, balanceDue: 10_000, processing: true });
    expect([l.paymentState, l.state, l.overdue]).toEqual(["processing", "processing", false]);
    // Not late while it settles, even past the due date.
    expect(ledger({ payments: [other("processing")], dueDate: "2026-11-01" }).overdue).toBe(false);
  });
});

describe("invoiceLedger: refunds are never owed again", () => {
  it("keeps a fully paid invoice settled after a partial refund", () => {
    expect(ledger({ payments: [paid(10_000, 3_000)] })).toMatchObject({
      received: 10_000,
      refunded: 3_000,
      kept: 7_000,
      balanceDue: 0,
      refundDue: 0,
      paymentState: "partially_refunded",
      state: "partially_refunded",
      paid: true,
    });
  });

  it("owes nothing after a full refund", () => {
    expect(ledger({ payments: [paid(10_000, 10_000)] })).toMatchObject({
      kept: 0,
      balanceDue: 0,
      refundDue: 0,
      paymentState: "refunded",
      state: "refunded",
    });
  });

  it("still owes what was never paid, and can be late for it", () => {
    const partly = ledger({ payments: [paid(5_000, 1_000)] });
    expect(partly).toMatchObject({
      received: 5_000,
      kept: 4_000,
      balanceDue: 5_000,
      paymentState: "partially_refunded",
      state: "partially_paid",
      overdue: false,
    });
    const late = ledger({ payments: [paid(5_000, 1_000)], dueDate: "2026-11-24" });
    expect([late.state, late.overdue, late.balanceDue]).toEqual(["overdue", true, 5_000]);
  });

  it("gives back what was kept beyond the total, less refunds already made", () => {
    expect(ledger({ payments: [paid(10_000), paid(1_200)] })).toMatchObject({
      balanceDue: 0,
      refundDue: 1_200,
      state: "paid",
    });
    // An old session paid after an edit lowered the total.
    expect(ledger({ total: 3_000, payments: [paid(5_000)] }).refundDue).toBe(2_000);
    expect(ledger({ total: 3_000, payments: [paid(5_000, 1_500)] }).refundDue).toBe(500);
    expect(ledger({ total: 3_000, payments: [paid(5_000, 2_000)] }).refundDue).toBe(0);
    expect(ledger({ total: 3_000, payments: [paid(5_000, 2_500)] }).refundDue).toBe(0);
  });
});

describe("invoiceLedger: void", () => {
  it("owes nothing and gives back all the money kept", () => {
    expect(ledger({ voided: true })).toMatchObject({ balanceDue: 0, refundDue: 0, state: "void" });
    expect(ledger({ voided: true, payments: [paid(10_000)] })).toMatchObject({
      balanceDue: 0,
      refundDue: 10_000,
      state: "void",
      paid: false,
      paidAt: null,
    });
    expect(ledger({ voided: true, payments: [paid(10_000, 1_000)] }).refundDue).toBe(9_000);
    expect(ledger({ voided: true, payments: [paid(10_000, 10_000)] }).refundDue).toBe(0);
  });

  it("is never late and never counts a debit on its way as kept", () => {
    const l = ledger({ voided: true, dueDate: "2026-01-01", payments: [other("processing")] });
    expect([l.overdue, l.refundDue, l.state]).toEqual([false, 0, "void"]);
  });
});

describe("invoiceLedger: a total of 0", () => {
  it("has nothing to pay and is never late", () => {
    expect(ledger({ total: 0, dueDate: "2026-01-01" })).toMatchObject({
      balanceDue: 0,
      state: "nothing_due",
      overdue: false,
      paid: false,
    });
  });

  it("shows a bank debit on its way from an old session as processing", () => {
    expect(ledger({ total: 0, payments: [other("processing", 2_500)] })).toMatchObject({
      balanceDue: 0,
      refundDue: 0,
      state: "processing",
      processing: true,
    });
  });

  it("is paid, with all of it to give back, once money arrives anyway", () => {
    expect(ledger({ total: 0, payments: [paid(2_500)] })).toMatchObject({
      state: "paid",
      refundDue: 2_500,
    });
  });
});

describe("invoiceLedger: overdue in the business's time zone", () => {
  // 2026-11-25 11:30 UTC is already 2026-11-26 00:30 in Auckland (UTC+13 in summer).
  const now = new Date("2026-11-25T11:30:00Z");

  it("starts at the business's midnight, not UTC's", () => {
    const due = { dueDate: "2026-11-25", now };
    expect(ledger({ ...due, timeZone: "Pacific/Auckland" }).state).toBe("overdue");
    expect(ledger({ ...due, timeZone: "UTC" }).state).toBe("due");
    expect(ledger({ ...due, timeZone: "America/Los_Angeles" }).state).toBe("due");
  });

  it("is not late on the due date itself", () => {
    expect(ledger({ dueDate: "2026-11-26", now, timeZone: "Pacific/Auckland" }).overdue).toBe(
      false,
    );
  });

  it("falls back to UTC for a zone it does not know", () => {
    expect(ledger({ dueDate: "2026-11-25", now, timeZone: "Mars/Olympus" }).state).toBe("due");
  });

  it("is never late once nothing is owed", () => {
    const past = { dueDate: "2026-01-01", now };
    expect(ledger({ ...past, payments: [paid(10_000)] }).overdue).toBe(false);
    expect(ledger({ ...past, payments: [paid(10_000, 10_000)] }).overdue).toBe(false);
  });
});

describe("invoiceLedger: disputes", () => {
  it("counts an open chargeback as disputed: not kept, but not owed again while the bank decides", () => {
    for (const status of ["needs_response", "under_review"] as const) {
      expect(ledger({ payments: [disputed(paid(10_000), status)] }), status).toMatchObject({
        received: 10_000,
        disputed: 10_000,
        kept: 0,
        balanceDue: 0,
        refundDue: 0,
        paymentState: "paid",
        state: "paid",
        paid: true,
      });
    }
  });

  it("owes a lost dispute again, and it can be late", () => {
    const lost = [disputed(paid(10_000), "lost")];
    expect(ledger({ payments: lost })).toMatchObject({
      received: 10_000,
      disputed: 10_000,
      kept: 0,
      balanceDue: 10_000,
      paymentState: "unpaid",
      state: "due",
      paid: false,
      paidAt: null,
    });
    expect(ledger({ payments: lost, dueDate: "2026-11-20" })).toMatchObject({
      balanceDue: 10_000,
      state: "overdue",
      overdue: true,
    });
  });

  it("owes only the part of a partial dispute that was lost", () => {
    expect(ledger({ payments: [disputed(paid(10_000), "lost", 2_500)] })).toMatchObject({
      disputed: 2_500,
      kept: 7_500,
      balanceDue: 2_500,
      state: "partially_paid",
      paid: false,
    });
  });

  it("restores a won dispute, and ignores inquiries and prevented disputes, which move no money", () => {
    for (const status of [
      "won",
      "warning_needs_response",
      "warning_under_review",
      "warning_closed",
      "prevented",
    ] as const) {
      expect(ledger({ payments: [disputed(paid(10_000), status)] }), status).toMatchObject({
        disputed: 0,
        kept: 10_000,
        balanceDue: 0,
        state: "paid",
        paid: true,
        paidAt: at,
      });
    }
  });

  it("never counts more disputed than the money kept on the payment", () => {
    expect(ledger({ payments: [disputed(paid(10_000, 4_000), "lost", 10_000)] })).toMatchObject({
      refunded: 4_000,
      disputed: 6_000,
      kept: 0,
      balanceDue: 6_000,
    });
  });

  it("gives nothing back on a void invoice for money the bank already took", () => {
    expect(
      ledger({ voided: true, payments: [disputed(paid(10_000), "under_review")] }),
    ).toMatchObject({ kept: 0, refundDue: 0, balanceDue: 0, state: "void" });
  });
});
