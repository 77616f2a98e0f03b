import { describe, expect, it } from "vitest";
import { paymentsOf, timelineOf } from "../support/payment-fixtures";
import {
  db,
  deliverOk,
  flushOk,
  invoicePage,
  payAndFollow,
  payable,
  stripe,
} from "./payments-harness";

// After the payment: the receipt Stripe's charge describes, and the customer's bank taking the
// money back. The fake sends every event its changes make; the app acts on the dispute ones.

async function paidByCard() {
  const invoice = await payable();
  const { sessionId } = await payAndFollow(invoice.token);
  await stripe.completeSession(sessionId, { paymentStatus: "paid" });
  await flushOk();
  return { ...invoice, sessionId };
}

describe("receipts", () => {
  it("shows the card, and the receipt Stripe emailed to the customer's address", async () => {
    const { invoice, token, sessionId } = await paidByCard();
    const [session] = await stripe.sessionsFor(invoice.id);
    expect(session?.request.receiptEmail).toBe("sam@example.com");
    expect(session?.session.id).toBe(sessionId);
    const [row] = await paymentsOf(db, invoice.id);
    expect(row).toMatchObject({ methodBrand: "visa", methodLast4: "4242" });
    expect(row?.receiptNumber).toMatch(/^\d{4}-\d{4}$/);
    const shown = await invoicePage(token);
    expect(shown.invoice.receipt?.lines).toEqual([
      expect.objectContaining({
        amount: "$125.00",
        method: "Visa ending in 4242",
        reference: { label: "Receipt number", value: row?.receiptNumber },
      }),
    ]);
  });

  it("names the bank of a bank debit once it has settled", async () => {
    const { invoice, token } = await payable();
    const { sessionId } = await payAndFollow(token);
    await stripe.completeSession(sessionId, { paymentStatus: "unpaid" });
    await flushOk();
    expect((await invoicePage(token)).invoice.receipt).toBeNull();
    await stripe.settleBankPayment(sessionId, "succeeded");
    await flushOk();
    expect((await paymentsOf(db, invoice.id))[0]).toMatchObject({
      methodBrand: "STRIPE TEST BANK",
      methodLast4: "6789",
    });
    expect((await invoicePage(token)).invoice.receipt?.lines[0]?.method).toBe(
      "STRIPE TEST BANK, account ending in 6789",
    );
  });
});

describe("disputes", () => {
  it("reopens the balance when a dispute is lost, with Pay Now back", async () => {
    const { invoice, token, sessionId } = await paidByCard();
    const { disputeId } = await stripe.dispute(sessionId, { reason: "product_not_received" });
    await flushOk();
    const open = await invoicePage(token);
    expect({ state: open.invoice.state, pay: open.links.pay }).toEqual({
      state: "paid",
      pay: null,
    });
    expect((await paymentsOf(db, invoice.id))[0]?.disputeStatus).toBe("needs_response");

    await stripe.updateDispute(disputeId, "under_review");
    await stripe.updateDispute(disputeId, "lost");
    await flushOk();
    const lost = await invoicePage(token);
    expect(lost.invoice.state).toBe("due");
    expect(lost.invoice.balanceDue.amount).toBe("$125.00");
    expect(lost.links.pay).toBe(`/p/${token}/pay`);
    expect(lost.invoice.receipt).toBeNull();
    expect(await timelineOf(db, invoice.id)).toEqual(
      expect.arrayContaining(["payment_disputed", "dispute_lost"]),
    );
  });

  it("restores paid when a dispute is won, whatever order the events arrive in", async () => {
    const { invoice, token, sessionId } = await paidByCard();
    const created = await stripe.dispute(sessionId);
    const won = await stripe.updateDispute(created.disputeId, "won");
    // The decision first, then the late creation: the dispute stays won.
    expect(await deliverOk(won)).toBe("applied");
    expect(await deliverOk(created)).toBe("unchanged");
    await flushOk();
    expect((await paymentsOf(db, invoice.id))[0]?.disputeStatus).toBe("won");
    const shown = await invoicePage(token);
    expect(shown.invoice.state).toBe("paid");
    expect(shown.invoice.balanceDue.amount).toBe("$0.00");
  });
});
