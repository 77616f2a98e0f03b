import { describe, expect, it } from "vitest";
import { eventRecorded, paymentsOf, timelineOf } from "../support/payment-fixtures";
import {
  bindings,
  db,
  deliver,
  deliverOk,
  flush,
  flushOk,
  invoicePage,
  payAndFollow,
  payable,
  stripe,
} from "./payments-harness";

// Stripe's webhooks in workerd: the fake sends every event its changes make (payment, intent,
// charge, refund and session events, the project acting on the session and charge ones), and the
// test carries them to the app; one at a time, twice, out of order or forged where a test says so.

async function paidByCard() {
  const invoice = await payable();
  const { sessionId } = await payAndFollow(invoice.token);
  const completed = await stripe.completeSession(sessionId, { paymentStatus: "paid" });
  return { ...invoice, sessionId, completed };
}

describe("Stripe webhooks", () => {
  it("marks a card payment paid", async () => {
    const { invoice, token, completed } = await paidByCard();
    await flushOk();
    const [row] = await paymentsOf(db, invoice.id);
    expect(row).toMatchObject({ status: "succeeded", method: "card", amount: 12_500 });
    expect(row?.paymentIntentId).toMatch(/^pi_/);
    expect(row?.completedAt).toBeInstanceOf(Date);
    const shown = await invoicePage(token);
    expect(shown.invoice.state).toBe("paid");
    expect(shown.links.pay).toBeNull();
    expect(await timelineOf(db, invoice.id)).toEqual([
      "sent",
      "link_issued",
      "payment_started",
      "payment_succeeded",
    ]);
    expect(await eventRecorded(db, completed.event.id)).toBe(true);
  });

  it("takes an ACH payment through processing to paid", async () => {
    const { invoice, token } = await payable();
    const { sessionId } = await payAndFollow(token);
    await stripe.completeSession(sessionId, { paymentStatus: "unpaid" });
    await flushOk();
    expect((await paymentsOf(db, invoice.id))[0]).toMatchObject({
      status: "processing",
      method: "us_bank_account",
    });
    const processing = await invoicePage(token);
    expect(processing.invoice.state).toBe("processing");
    expect(processing.links.pay).toBeNull();

    await stripe.settleBankPayment(sessionId, "succeeded");
    await flushOk();
    expect((await paymentsOf(db, invoice.id))[0]?.status).toBe("succeeded");
    expect((await invoicePage(token)).invoice.state).toBe("paid");
    expect(await timelineOf(db, invoice.id)).toEqual(
      expect.arrayContaining(["payment_processing", "payment_succeeded"]),
    );
  });

  it("brings Pay Now back after a failed ACH payment, which says why it failed", async () => {
    const { invoice, token } = await payable();
    const first = await payAndFollow(token);
    await stripe.completeSession(first.sessionId, { paymentStatus: "unpaid" });
    await flushOk();
    const failed = await stripe.settleBankPayment(first.sessionId, "failed");
    expect(failed.event.type).toBe("checkout.session.async_payment_failed");
    const attempts = await flushOk();
    expect(attempts.map((a) => a.type)).toEqual(
      expect.arrayContaining(["charge.failed", "payment_intent.payment_failed"]),
    );
    expect((await paymentsOf(db, invoice.id))[0]?.status).toBe("failed");
    const shown = await invoicePage(token);
    expect(shown.invoice.state).toBe("due");
    expect(shown.links.pay).toBe(`/p/${token}/pay`);
    const again = await payAndFollow(token);
    expect(again.sessionId).not.toBe(first.sessionId);
    expect(await timelineOf(db, invoice.id)).toContain("payment_failed");
  });

  it("applies a repeated event once", async () => {
    const { invoice, completed } = await paidByCard();
    expect(await deliverOk(completed)).toBe("applied");
    expect(await deliverOk(completed)).toBe("duplicate");
    await flushOk();
    const timeline = await timelineOf(db, invoice.id);
    expect(timeline.filter((kind) => kind === "payment_succeeded")).toHaveLength(1);
  });

  it("ends in the same place when events arrive in reverse order", async () => {
    const { invoice, token } = await payable();
    const { sessionId } = await payAndFollow(token);
    const completed = await stripe.completeSession(sessionId, { paymentStatus: "unpaid" });
    const settled = await stripe.settleBankPayment(sessionId, "succeeded");
    expect(await deliverOk(settled)).toBe("applied");
    // The older event says "unpaid", but the session is paid now: nothing moves backwards.
    expect(await deliverOk(completed)).toBe("unchanged");
    expect((await paymentsOf(db, invoice.id))[0]?.status).toBe("succeeded");
    expect(await timelineOf(db, invoice.id)).not.toContain("payment_processing");
    expect(await eventRecorded(db, completed.event.id)).toBe(true);
  });

  it("refuses a bad or missing signature and changes nothing", async () => {
    const { invoice, completed } = await paidByCard();
    const tampered = completed.payload.replace('"amount_total": 12500', '"amount_total": 1');
    const attempts = [
      { payload: completed.payload, signature: "" },
      { payload: completed.payload, signature: "t=1,v1=deadbeef" },
      { payload: tampered, signature: completed.signature },
      { payload: `${completed.payload} `, signature: completed.signature },
    ];
    for (const attempt of attempts) {
      const response = await deliver(attempt);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        "bad_signature",
      );
    }
    const noSecrets = { ...bindings, STRIPE_WEBHOOK_SECRET: "", STRIPE_CONNECT_WEBHOOK_SECRET: "" };
    expect((await deliver(completed, noSecrets)).status).toBe(500);
    expect((await paymentsOf(db, invoice.id))[0]?.status).toBe("open");
    expect(await eventRecorded(db, completed.event.id)).toBe(false);
  });

  it("acknowledges event types it does not handle", async () => {
    const signed = await stripe.event("customer.created", { id: "cus_1", object: "customer" });
    const response = await deliver(signed);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, result: "ignored" });
  });

  it("acknowledges a session that is not ours without touching anything", async () => {
    const signed = await stripe.event("checkout.session.completed", {
      id: "cs_test_someone_else",
      object: "checkout.session",
      metadata: {},
    });
    expect(await deliverOk(signed)).toBe("not_ours");
  });

  it("records refunds from the charge's current total, whatever order they arrive in", async () => {
    const { invoice, token, sessionId } = await paidByCard();
    await flushOk();
    const part = await stripe.refund(sessionId, 2_500);
    const rest = await stripe.refund(sessionId);
    expect([part.refundId, rest.refundId]).toEqual([
      expect.stringMatching(/^re_/),
      expect.stringMatching(/^re_/),
    ]);
    const attempts = await flushOk();
    const eventsOf = (type: string) =>
      new Set(attempts.filter((a) => a.type === type).map((a) => a.eventId));
    // One Refund object and one charge update per refund.
    expect(eventsOf("refund.created").size).toBe(2);
    expect(eventsOf("charge.refunded").size).toBe(2);
    // The charge's total is read from Stripe, so the first refund event seen already sees it all.
    expect((await paymentsOf(db, invoice.id))[0]?.amountRefunded).toBe(12_500);
    expect((await invoicePage(token)).invoice.state).toBe("refunded");
    expect((await timelineOf(db, invoice.id)).filter((k) => k === "payment_refunded")).toHaveLength(
      1,
    );
    // Each event is applied once however often it comes.
    expect(await deliverOk(rest)).toBe("duplicate");
  });

  it("shows a partly refunded invoice as such, without offering Pay Now", async () => {
    const { invoice, token, sessionId } = await paidByCard();
    await flushOk();
    await stripe.refund(sessionId, 4_000);
    await flushOk();
    expect((await paymentsOf(db, invoice.id))[0]?.amountRefunded).toBe(4_000);
    const shown = await invoicePage(token);
    expect(shown.invoice.state).toBe("partially_refunded");
    expect(shown.links.pay).toBeNull();
  });

  it("gives a refunded amount back to the balance kept when the bank refund fails", async () => {
    const { invoice, token } = await payable();
    const { sessionId } = await payAndFollow(token);
    await stripe.completeSession(sessionId, { paymentStatus: "unpaid" });
    await stripe.settleBankPayment(sessionId, "succeeded");
    await flushOk();
    const { refundId } = await stripe.refund(sessionId, 5_000);
    await flushOk();
    expect((await paymentsOf(db, invoice.id))[0]?.amountRefunded).toBe(5_000);
    expect((await invoicePage(token)).invoice.state).toBe("partially_refunded");
    // The bank returned the refund: the money stayed with the business after all.
    await stripe.settleRefund(refundId, "failed");
    await flushOk();
    expect((await paymentsOf(db, invoice.id))[0]?.amountRefunded).toBe(0);
    expect((await invoicePage(token)).invoice.state).toBe("paid");
  });

  it("releases an expired session so Pay Now makes a new one", async () => {
    const { invoice, token } = await payable();
    const first = await payAndFollow(token);
    await stripe.expireSession(first.sessionId);
    expect((await flushOk()).map((a) => a.type)).toContain("checkout.session.expired");
    expect((await paymentsOf(db, invoice.id))[0]?.status).toBe("expired");
    const second = await payAndFollow(token);
    expect(second.sessionId).not.toBe(first.sessionId);
  });

  it("verifies Connect events with the Connect secret and reads them on that account", async () => {
    const { invoice, token } = await payable({ business: { stripeAccountId: "acct_1Cleaner" } });
    const { sessionId } = await payAndFollow(token);
    const completed = await stripe.completeSession(sessionId, { paymentStatus: "paid" });
    expect(completed.event.account).toBe("acct_1Cleaner");
    await flushOk();
    expect((await paymentsOf(db, invoice.id))[0]?.status).toBe("succeeded");
  });
});

describe("Stripe webhooks, retried", () => {
  it("answers 503 with nothing written when the database is unreachable, and Stripe's retry applies it", async () => {
    const { invoice, completed } = await paidByCard();
    const down = { ...bindings, TURSO_DATABASE_URL: bindings.TEST_CLOSED_PORT_URL ?? "" };
    const refused = await flush({ env: down, retry: false });
    expect(refused.map((a) => a.status)).toContain(503);
    expect(refused.every((a) => a.status === 503 || a.status === 200)).toBe(true);
    expect(await eventRecorded(db, completed.event.id)).toBe(false);
    expect((await paymentsOf(db, invoice.id))[0]?.status).toBe("open");
    // Stripe tries again later, on its clock; by then the database is back.
    const retried = await flush();
    expect(retried.map((a) => a.status)).toContain(200);
    expect((await paymentsOf(db, invoice.id))[0]?.status).toBe("succeeded");
    const attempts = await stripe.attempts();
    const forEvent = attempts.filter((a) => a.eventId === completed.event.id);
    expect(forEvent[0]?.outcome).toBe(503);
    expect(forEvent.at(-1)).toMatchObject({ outcome: 200 });
    expect(forEvent.at(-1)?.at ?? 0).toBeGreaterThan(forEvent[0]?.at ?? 0);
  });

  it("applies the retry after a 500 from a Worker missing its webhook secret", async () => {
    const { invoice } = await paidByCard();
    const broken = { ...bindings, STRIPE_WEBHOOK_SECRET: "", STRIPE_CONNECT_WEBHOOK_SECRET: "" };
    const refused = await flush({ env: broken, retry: false });
    expect(new Set(refused.map((a) => a.status))).toEqual(new Set([500]));
    expect((await paymentsOf(db, invoice.id))[0]?.status).toBe("open");
    await flushOk();
    expect((await paymentsOf(db, invoice.id))[0]?.status).toBe("succeeded");
  });

  it("applies an event once when the Worker's answer came too late and Stripe sent it again", async () => {
    const { invoice, token } = await paidByCard();
    // Applied, but Stripe gave up waiting for the answer: every event is sent again.
    await flush({ answerLate: true, retry: false });
    expect((await paymentsOf(db, invoice.id))[0]?.status).toBe("succeeded");
    const retried = await flushOk();
    expect(retried.length).toBeGreaterThan(0);
    expect(
      (await timelineOf(db, invoice.id)).filter((k) => k === "payment_succeeded"),
    ).toHaveLength(1);
    expect((await invoicePage(token)).invoice.state).toBe("paid");
  });
});
