import { describe, expect, it } from "vitest";
import { eventRecorded, paymentsOf, timelineOf } from "../support/payment-fixtures";
import {
  bindings,
  db,
  deliver,
  deliverOk,
  invoicePage,
  payAndFollow,
  payable,
  quiet,
  stripe,
} from "./payments-harness";

// Stripe's webhooks in workerd: signed events from the fake Stripe API, delivered once, twice,
// out of order or forged, against the local database.

async function paidByCard() {
  const invoice = await payable();
  const { sessionId } = await payAndFollow(invoice.token);
  const completed = await stripe.completeSession(sessionId, { paymentStatus: "paid", ...quiet });
  return { ...invoice, sessionId, completed };
}

describe("Stripe webhooks", () => {
  it("marks a card payment paid", async () => {
    const { invoice, token, completed } = await paidByCard();
    expect(await deliverOk(completed)).toBe("applied");
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
    const completed = await stripe.completeSession(sessionId, {
      paymentStatus: "unpaid",
      ...quiet,
    });
    expect(await deliverOk(completed)).toBe("applied");
    expect((await paymentsOf(db, invoice.id))[0]).toMatchObject({
      status: "processing",
      method: "us_bank_account",
    });
    const processing = await invoicePage(token);
    expect(processing.invoice.state).toBe("processing");
    expect(processing.links.pay).toBeNull();

    const settled = await stripe.settleBankPayment(sessionId, "succeeded", quiet);
    expect(await deliverOk(settled)).toBe("applied");
    expect((await paymentsOf(db, invoice.id))[0]?.status).toBe("succeeded");
    expect((await invoicePage(token)).invoice.state).toBe("paid");
    expect(await timelineOf(db, invoice.id)).toEqual(
      expect.arrayContaining(["payment_processing", "payment_succeeded"]),
    );
  });

  it("brings Pay Now back after a failed ACH payment", async () => {
    const { invoice, token } = await payable();
    const first = await payAndFollow(token);
    await deliverOk(
      await stripe.completeSession(first.sessionId, { paymentStatus: "unpaid", ...quiet }),
    );
    const failed = await stripe.settleBankPayment(first.sessionId, "failed", quiet);
    expect(await deliverOk(failed)).toBe("applied");
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
    const timeline = await timelineOf(db, invoice.id);
    expect(timeline.filter((kind) => kind === "payment_succeeded")).toHaveLength(1);
  });

  it("ends in the same place when events arrive in reverse order", async () => {
    const { invoice, token } = await payable();
    const { sessionId } = await payAndFollow(token);
    const completed = await stripe.completeSession(sessionId, {
      paymentStatus: "unpaid",
      ...quiet,
    });
    const settled = await stripe.settleBankPayment(sessionId, "succeeded", quiet);
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

  it("records refunds from the charge's current total, so order and repeats do not matter", async () => {
    const { invoice, token, sessionId, completed } = await paidByCard();
    await deliverOk(completed);
    const part = await stripe.refund(sessionId, 2_500, quiet);
    const rest = await stripe.refund(sessionId, undefined, quiet);
    expect(await deliverOk(part)).toBe("applied");
    // The charge's total is read from Stripe now, so the partial event already sees it all.
    expect((await paymentsOf(db, invoice.id))[0]?.amountRefunded).toBe(12_500);
    expect(await deliverOk(rest)).toBe("unchanged");
    expect(await deliverOk(rest)).toBe("duplicate");
    expect((await invoicePage(token)).invoice.state).toBe("refunded");
    expect((await timelineOf(db, invoice.id)).filter((k) => k === "payment_refunded")).toHaveLength(
      1,
    );
  });

  it("shows a partly refunded invoice as such, without offering Pay Now", async () => {
    const { invoice, token, sessionId, completed } = await paidByCard();
    await deliverOk(completed);
    expect(await deliverOk(await stripe.refund(sessionId, 4_000, quiet))).toBe("applied");
    expect((await paymentsOf(db, invoice.id))[0]?.amountRefunded).toBe(4_000);
    const shown = await invoicePage(token);
    expect(shown.invoice.state).toBe("partially_refunded");
    expect(shown.links.pay).toBeNull();
  });

  it("releases an expired session so Pay Now makes a new one", async () => {
    const { invoice, token } = await payable();
    const first = await payAndFollow(token);
    expect(await deliverOk(await stripe.expireSession(first.sessionId, quiet))).toBe("applied");
    expect((await paymentsOf(db, invoice.id))[0]?.status).toBe("expired");
    const second = await payAndFollow(token);
    expect(second.sessionId).not.toBe(first.sessionId);
  });

  it("verifies Connect events with the Connect secret and reads them on that account", async () => {
    const { invoice, token } = await payable({ business: { stripeAccountId: "acct_1Cleaner" } });
    const { sessionId } = await payAndFollow(token);
    const completed = await stripe.completeSession(sessionId, { paymentStatus: "paid", ...quiet });
    expect(completed.event.account).toBe("acct_1Cleaner");
    expect(await deliverOk(completed)).toBe("applied");
    expect((await paymentsOf(db, invoice.id))[0]?.status).toBe("succeeded");
  });

  it("answers 503 with nothing written when the database is unreachable, then applies the retry", async () => {
    const { invoice, completed } = await paidByCard();
    const down = { ...bindings, TURSO_DATABASE_URL: bindings.TEST_CLOSED_PORT_URL ?? "" };
    const response = await deliver(completed, down);
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBeTruthy();
    expect(await eventRecorded(db, completed.event.id)).toBe(false);
    expect((await paymentsOf(db, invoice.id))[0]?.status).toBe("open");
    expect(await deliverOk(completed)).toBe("applied");
  });
});
