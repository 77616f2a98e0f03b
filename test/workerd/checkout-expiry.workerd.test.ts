import { describe, expect, it } from "vitest";
import { makeApiKey } from "../support/factories";
import { paymentsOf, timelineOf } from "../support/payment-fixtures";
import {
  app,
  bindings,
  db,
  flushOk,
  invoicePage,
  payAndFollow,
  payable,
  stripe,
} from "./payments-harness";

// Every way a Checkout Session expires sends checkout.session.expired, as Stripe does: expired
// through the API by the project itself, by time (the fake's clock reaching `expires_at`), or
// by a test helper. The project reads each one, its own expiries included, and ends in the same
// place. The clock moves last in this file: after that, sessions made with the Worker's clock
// would look too short-lived to the fake.

describe("checkout.session.expired", () => {
  it("comes after the project expires a session itself, and changes nothing more", async () => {
    const { business, invoice, token } = await payable();
    const { sessionId } = await payAndFollow(token);
    const { key } = await makeApiKey(db, { businessId: business.id });
    const voided = await app.request(
      `/api/v1/invoices/${invoice.id}/void`,
      { method: "POST", headers: { Authorization: `Bearer ${key}` } },
      bindings,
    );
    expect(voided.status).toBe(200);
    const attempts = await flushOk();
    const expired = attempts.filter((a) => a.type === "checkout.session.expired");
    expect(expired.length).toBeGreaterThan(0);
    const events = await stripe.events();
    expect(
      events.find((e) => e.type === "checkout.session.expired" && e.data.object.id === sessionId),
    ).toBeDefined();
    expect((await paymentsOf(db, invoice.id)).map((p) => p.status)).toEqual(["expired"]);
    expect((await invoicePage(token)).links.pay).toBeNull();
  });

  it("comes when a session is expired by the test helper, and Pay Now makes a new one", async () => {
    const { invoice, token } = await payable();
    const first = await payAndFollow(token);
    await stripe.expireSession(first.sessionId);
    await flushOk();
    expect((await paymentsOf(db, invoice.id)).map((p) => p.status)).toEqual(["expired"]);
    const second = await payAndFollow(token);
    await flushOk();
    expect((await paymentsOf(db, invoice.id)).map((p) => p.status)).toEqual(["expired", "open"]);
    expect((await stripe.session(second.sessionId)).session.status).toBe("open");
  });

  it("comes when the fake's clock reaches expires_at, and releases the payment", async () => {
    const { invoice, token } = await payable();
    const { sessionId } = await payAndFollow(token);
    const { session } = await stripe.session(sessionId);
    await stripe.advanceClock((session.expires_at - session.created) * 1000 + 1_000);
    expect((await stripe.session(sessionId)).session).toMatchObject({
      status: "expired",
      url: null,
    });
    const attempts = await flushOk();
    expect(attempts.map((a) => a.type)).toContain("checkout.session.expired");
    expect((await paymentsOf(db, invoice.id)).map((p) => p.status)).toEqual(["expired"]);
    expect(await timelineOf(db, invoice.id)).toContain("payment_started");
    expect((await invoicePage(token)).links.pay).toBe(`/p/${token}/pay`);
  });
});
