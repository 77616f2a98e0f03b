import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoiceEvents, payments } from "../../db/schema";
import { makeBusiness, makeInvoice, makePayment } from "../../test/support/factories";
import { makeTestDb, type TestDb } from "../../test/support/test-db";
import type { DisputeStatus } from "../domain/dispute-order";
import { newId } from "../domain/tokens";
import { recordDispute } from "./record-dispute";

let t: TestDb;
beforeAll(async () => {
  t = await makeTestDb();
});
afterAll(() => t.close());
const now = new Date("2026-11-25T18:00:00Z");

async function paidByCard(stripeAccountId: string | null = null) {
  const business = await makeBusiness(t.db);
  const { invoice } = await makeInvoice(t.db, { businessId: business.id, status: "sent" });
  const payment = await makePayment(t.db, {
    invoiceId: invoice.id,
    provider: "stripe",
    method: "card",
    amount: 10_000,
    paymentIntentId: newId("pi"),
    stripeAccountId,
  });
  return { invoice, payment, intent: payment.paymentIntentId ?? "" };
}

const dispute = (intent: string, status: DisputeStatus, event = newId("evt")) => ({
  disputeId: `dp_${intent}`,
  paymentIntentId: intent,
  stripeAccountId: null,
  status,
  amount: 10_000,
  currency: "USD",
  reason: "fraudulent",
  event: { id: event, type: "charge.dispute.updated" },
  now,
});

async function stored(paymentId: string) {
  const [row] = await t.db.select().from(payments).where(eq(payments.id, paymentId));
  return { status: row?.disputeStatus, amount: row?.disputeAmount, reason: row?.disputeReason };
}

async function timeline(invoiceId: string) {
  const rows = await t.db
    .select({ kind: invoiceEvents.kind, detail: invoiceEvents.detail })
    .from(invoiceEvents)
    .where(eq(invoiceEvents.invoiceId, invoiceId))
    .orderBy(asc(invoiceEvents.at));
  return rows;
}

describe("recordDispute", () => {
  it("stores the dispute and its timeline entry with the event id, once", async () => {
    const { invoice, payment, intent } = await paidByCard();
    const created = dispute(intent, "needs_response");
    expect(await recordDispute(t.db, created)).toEqual({
      found: true,
      changed: true,
      duplicate: false,
      paymentId: payment.id,
      noted: true,
    });
    expect(await recordDispute(t.db, created)).toEqual({
      found: true,
      changed: false,
      duplicate: true,
      paymentId: payment.id,
      noted: false,
    });
    expect(await stored(payment.id)).toEqual({
      status: "needs_response",
      amount: 10_000,
      reason: "fraudulent",
    });
    expect(await timeline(invoice.id)).toEqual([
      { kind: "payment_disputed", detail: "$100.00 · needs_response · fraudulent" },
    ]);
  });

  it("moves forward only: a late created after lost changes nothing", async () => {
    const { invoice, payment, intent } = await paidByCard();
    await recordDispute(t.db, dispute(intent, "lost"));
    const late = await recordDispute(t.db, dispute(intent, "needs_response"));
    expect(late).toMatchObject({ found: true, changed: false, duplicate: false });
    expect((await stored(payment.id)).status).toBe("lost");
    expect((await timeline(invoice.id)).map((e) => e.kind)).toEqual(["dispute_lost"]);
  });

  it("never flips a decision, and the same state twice is written once", async () => {
    const { invoice, payment, intent } = await paidByCard();
    await recordDispute(t.db, dispute(intent, "needs_response"));
    await recordDispute(t.db, dispute(intent, "under_review"));
    await recordDispute(t.db, dispute(intent, "under_review"));
    await recordDispute(t.db, dispute(intent, "won"));
    await recordDispute(t.db, dispute(intent, "lost"));
    expect((await stored(payment.id)).status).toBe("won");
    expect((await timeline(invoice.id)).map((e) => e.kind)).toEqual([
      "payment_disputed",
      "dispute_won",
    ]);
  });

  it("lets an inquiry become a chargeback, with its own entry", async () => {
    const { invoice, payment, intent } = await paidByCard();
    await recordDispute(t.db, dispute(intent, "warning_needs_response"));
    await recordDispute(t.db, dispute(intent, "warning_under_review"));
    await recordDispute(t.db, dispute(intent, "needs_response"));
    expect((await stored(payment.id)).status).toBe("needs_response");
    expect((await timeline(invoice.id)).map((e) => e.kind)).toEqual([
      "payment_disputed",
      "payment_disputed",
    ]);
  });

  it("touches no payment of another account, and says so", async () => {
    const { payment, intent } = await paidByCard("acct_other");
    const result = await recordDispute(t.db, dispute(intent, "lost"));
    expect(result).toMatchObject({ found: false, changed: false });
    expect((await stored(payment.id)).status).toBeNull();
  });
});
