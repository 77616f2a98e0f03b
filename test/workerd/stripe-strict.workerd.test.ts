import { describe, expect, it } from "vitest";
import { makeApiKey } from "../support/factories";
import { eventRecorded, makePayableInvoice, paymentsOf } from "../support/payment-fixtures";
import {
  app,
  bindings,
  db,
  flush,
  flushOk,
  pay,
  payAndFollow,
  payable,
  sessionsOf,
  stripe,
} from "./payments-harness";

// Stripe as strict as it is: a 404 that is not `resource_missing` (a URL Stripe does not know)
// says nothing about the object asked for, only the account's own key works, and a connected
// account can be acted on only while it is connected.

const UNRECOGNIZED = {
  status: 404,
  type: "invalid_request_error",
  message: "Unrecognized request URL (GET: /v1/checkout/sessions/…). Not implemented here.",
};

describe("Stripe's answers, strictly read", () => {
  it("does not take a 404 for an unrecognized URL as a missing session when a webhook comes", async () => {
    const { invoice, token } = await payable();
    const { sessionId } = await payAndFollow(token);
    const completed = await stripe.completeSession(sessionId, { paymentStatus: "paid" });
    await stripe.failNext({
      method: "GET",
      path: `/v1/checkout/sessions/${sessionId}`,
      ...UNRECOGNIZED,
      times: 100,
    });
    const attempts = await flush({ retry: false });
    // Not "not ours" (a 200 Stripe would never send again): an error, so Stripe retries.
    const forCompleted = attempts.filter((a) => a.eventId === completed.event.id);
    expect(forCompleted.length).toBeGreaterThan(0);
    expect(forCompleted.every((a) => a.status === 500)).toBe(true);
    expect(await eventRecorded(db, completed.event.id)).toBe(false);
    expect((await paymentsOf(db, invoice.id))[0]?.status).toBe("open");

    await stripe.clearFailures();
    await flushOk();
    expect((await paymentsOf(db, invoice.id))[0]?.status).toBe("succeeded");
  });

  it("does not give up an open session when Stripe answers an unrecognized URL", async () => {
    const { business, invoice, token } = await payable();
    const { sessionId } = await payAndFollow(token);
    for (const method of ["POST", "GET"]) {
      await stripe.failNext({
        method,
        path: `/v1/checkout/sessions/${sessionId}`,
        ...UNRECOGNIZED,
        times: 10,
      });
    }
    const { key } = await makeApiKey(db, { businessId: business.id });
    const voided = await app.request(
      `/api/v1/invoices/${invoice.id}/void`,
      { method: "POST", headers: { Authorization: `Bearer ${key}` } },
      bindings,
    );
    expect(voided.status).toBe(200);
    await stripe.clearFailures();
    // The session could still be paid at Stripe, so its payment is not released as ended.
    expect((await stripe.session(sessionId)).session.status).toBe("open");
    expect((await paymentsOf(db, invoice.id)).map((p) => p.status)).toEqual(["open"]);
  });

  it("sends the customer back to try again when Stripe refuses the secret key", async () => {
    const { invoice, token } = await payable();
    const rotated = { ...bindings, STRIPE_SECRET_KEY: "sk_test_rotatedAwayLongAgo0000000000" };
    const response = await pay(token, {}, rotated);
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`/p/${token}?checkout=retry`);
    expect(await sessionsOf(invoice.id)).toHaveLength(0);
    const refused = (await stripe.requests("/v1/checkout/sessions")).filter(
      (r) => r.status === 401,
    );
    expect(refused.length).toBeGreaterThan(0);
    expect((await paymentsOf(db, invoice.id)).map((p) => p.status)).toEqual(["expired"]);
  });

  it("makes no session on an account that is not connected to the platform", async () => {
    const { invoice, token } = await makePayableInvoice(db, {
      signingSecret: bindings.SIGNING_SECRET ?? "",
      business: { stripeAccountId: "acct_1NeverConnected" },
    });
    const response = await pay(token);
    expect(response.headers.get("Location")).toBe(`/p/${token}?checkout=retry`);
    expect(await sessionsOf(invoice.id)).toHaveLength(0);
    const [refused] = await stripe.requests("/v1/checkout/sessions");
    expect(refused).toBeDefined();
  });

  it("acknowledges the events of an account the business has since disconnected", async () => {
    const { invoice, token } = await payable({ business: { stripeAccountId: "acct_1Leaving" } });
    const { sessionId } = await payAndFollow(token);
    const completed = await stripe.completeSession(sessionId, { paymentStatus: "paid" });
    await stripe.disconnectAccount("acct_1Leaving");
    // Nothing on that account can be read any more, now or later: a 500 would only make
    // Stripe retry it for days.
    await flushOk();
    expect(await eventRecorded(db, completed.event.id)).toBe(false);
    expect((await paymentsOf(db, invoice.id))[0]?.status).toBe("open");
  });
});
