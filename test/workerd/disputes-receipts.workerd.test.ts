import { describe, expect, it } from "vitest";
import type { DetailView, OwnerPage } from "../../functions/views/owner-page-model";
import { makeApiKey } from "../support/factories";
import { signedIn } from "../support/owner-session";
import { paymentsOf, timelineOf } from "../support/payment-fixtures";
import {
  app,
  bindings,
  db,
  deliverOk,
  flushOk,
  invoicePage,
  payAndFollow,
  payable,
  stripe,
} from "./payments-harness";

// After the payment: the receipt Stripe's charge describes, and the customer's bank taking the
// money back. The fake sends every event its changes make; the app acts on the dispute ones,
// and the customer's page, the owner API and the owner app's detail page all follow. (The PDF,
// which needs the fonts' static assets, is read in test/node/money-surfaces.test.ts.)

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

/** The invoice as the owner sees it: the API's answer and the app's detail page. */
async function ownerSurfaces(businessId: string, invoiceId: string) {
  const { key } = await makeApiKey(db, { businessId });
  const api = await app.request(
    `/api/v1/invoices/${invoiceId}`,
    { headers: { Authorization: `Bearer ${key}` } },
    bindings,
  );
  expect(api.status).toBe(200);
  const answer = (await api.json()) as {
    state: string;
    balance_due: number;
    paid: boolean;
    amount_disputed: number;
    payments: { dispute: { status: string } | null }[];
  };
  const { cookie } = await signedIn(db, businessId, new Date());
  const detail = await app.request(
    `/app/invoices/${invoiceId}`,
    { headers: { Cookie: cookie } },
    bindings,
  );
  const { page } = (await detail.json()) as { page: OwnerPage };
  const view = page.view as DetailView;
  return {
    api: {
      state: answer.state,
      balance: answer.balance_due,
      paid: answer.paid,
      disputed: answer.amount_disputed,
      dispute: answer.payments[0]?.dispute?.status ?? null,
    },
    app: {
      state: view.state.label,
      balance: view.totals.find((r) => r.label === "Balance due")?.amount,
      takenBack: view.totals.find((r) => r.label === "Taken back by a dispute")?.amount ?? null,
      payment: view.payments[0]?.status,
      timeline: view.timeline.map((e) => e.text),
    },
  };
}

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
    const owner = await ownerSurfaces(invoice.businessId, invoice.id);
    expect(owner.api).toEqual({
      state: "due",
      balance: 12_500,
      paid: false,
      disputed: 12_500,
      dispute: "lost",
    });
    expect(owner.app).toMatchObject({
      state: "Due",
      balance: "$125.00",
      takenBack: "−$125.00",
      payment: "Received · Dispute lost: $125.00 back to the customer",
    });
    expect(owner.app.timeline).toEqual(
      expect.arrayContaining([
        "Payment disputed by the customer's bank",
        "Dispute lost: the money went back to the customer",
      ]),
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
    const owner = await ownerSurfaces(invoice.businessId, invoice.id);
    expect(owner.api).toEqual({
      state: "paid",
      balance: 0,
      paid: true,
      disputed: 0,
      dispute: "won",
    });
    expect(owner.app).toMatchObject({
      state: "Paid",
      balance: "$0.00",
      takenBack: null,
      payment: "Received · Dispute won",
    });
    expect(owner.app.timeline).toContain("Dispute won: the money is yours");
  });
});
