import { describe, expect, it } from "vitest";
import { payments } from "../../db/schema";
import { makeApiKey } from "../support/factories";
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
  sessionsOf,
  stripe,
} from "./payments-harness";

// The owner voids, edits or records a payment while the customer has Checkout open: that
// session must stop being payable at once, not at the next Pay Now click or when it times out.

interface Owner {
  call(method: string, path: string, body?: unknown): Promise<Response>;
}

async function ownerOf(businessId: string): Promise<Owner> {
  const { key } = await makeApiKey(db, { businessId });
  return {
    call: async (method, path, body) =>
      app.request(
        `/api/v1${path}`,
        {
          method,
          headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        },
        bindings,
      ),
  };
}

/** An invoice whose customer is on the Checkout page right now. */
async function onCheckout(options: Parameters<typeof payable>[0] = {}) {
  const invoice = await payable(options);
  const { sessionId } = await payAndFollow(invoice.token);
  const owner = await ownerOf(invoice.business.id);
  return { ...invoice, sessionId, owner };
}

async function expireRequests(sessionId: string) {
  return (await stripe.requests(`/v1/checkout/sessions/${sessionId}/expire`)).filter(
    (r) => r.method === "POST",
  );
}

const newItems = {
  items: [{ description: "Water heater repair", quantity: "1", unit_price: 15_000 }],
};

describe("An open Checkout Session after the owner changes the invoice", () => {
  it("is expired at Stripe and released when the invoice is voided", async () => {
    const { invoice, token, sessionId, owner } = await onCheckout();
    const response = await owner.call("POST", `/invoices/${invoice.id}/void`);
    expect(response.status).toBe(200);
    expect((await stripe.session(sessionId)).session.status).toBe("expired");
    expect((await paymentsOf(db, invoice.id)).map((p) => p.status)).toEqual(["expired"]);
    // The owner's answer already shows it.
    const body = (await response.json()) as { status: string; payments: { status: string }[] };
    expect(body.status).toBe("void");
    expect(body.payments.map((p) => p.status)).toEqual(["expired"]);
    expect((await invoicePage(token)).links.pay).toBeNull();
    // Stripe then sends checkout.session.expired for it, which changes nothing more.
    expect((await flushOk()).map((a) => a.type)).toContain("checkout.session.expired");
    expect((await paymentsOf(db, invoice.id)).map((p) => p.status)).toEqual(["expired"]);
  });

  it("is expired when the invoice is edited, and Pay Now then charges the new amount", async () => {
    const { invoice, token, sessionId, owner } = await onCheckout();
    expect((await owner.call("PATCH", `/invoices/${invoice.id}`, newItems)).status).toBe(200);
    expect((await stripe.session(sessionId)).session.status).toBe("expired");
    expect((await paymentsOf(db, invoice.id)).map((p) => [p.status, p.amount])).toEqual([
      ["expired", 12_500],
    ]);
    const fresh = await payAndFollow(token);
    expect((await stripe.session(fresh.sessionId)).session.amount_total).toBe(15_000);
    // Nothing was left to expire at the click.
    expect(await expireRequests(sessionId)).toHaveLength(1);
    // The old session's expiry event, arriving now, leaves the new payment open.
    await flushOk();
    expect((await paymentsOf(db, invoice.id)).map((p) => [p.status, p.amount])).toEqual([
      ["expired", 12_500],
      ["open", 15_000],
    ]);
  });

  it("is expired when the owner records a payment received another way", async () => {
    const { invoice, token, sessionId, owner } = await onCheckout();
    const recorded = await owner.call("POST", `/invoices/${invoice.id}/payments`, {
      amount: 12_500,
      method: "check",
      reference: "Check #2211",
    });
    expect(recorded.status).toBe(201);
    expect((await stripe.session(sessionId)).session.status).toBe("expired");
    expect((await paymentsOf(db, invoice.id)).map((p) => [p.provider, p.status])).toEqual([
      ["stripe", "expired"],
      ["offline", "succeeded"],
    ]);
    expect((await invoicePage(token)).invoice.state).toBe("paid");
  });

  it("is expired after a partial offline payment too: its amount is no longer the balance", async () => {
    const { invoice, token, sessionId, owner } = await onCheckout();
    const recorded = await owner.call("POST", `/invoices/${invoice.id}/payments`, {
      amount: 5_000,
      method: "cash",
    });
    expect(recorded.status).toBe(201);
    expect((await stripe.session(sessionId)).session.status).toBe("expired");
    const fresh = await payAndFollow(token);
    expect((await stripe.session(fresh.sessionId)).session.amount_total).toBe(7_500);
  });

  it("is expired on the business's connected account", async () => {
    const { invoice, sessionId, owner } = await onCheckout({
      business: { stripeAccountId: "acct_1Roofer" },
    });
    expect((await owner.call("POST", `/invoices/${invoice.id}/void`)).status).toBe(200);
    const [request] = await expireRequests(sessionId);
    expect(request).toMatchObject({ account: "acct_1Roofer", status: 200 });
    expect((await paymentsOf(db, invoice.id)).map((p) => p.status)).toEqual(["expired"]);
  });

  it("still lets the owner's change through when Stripe is unreachable", async () => {
    const { invoice, token, sessionId, owner } = await onCheckout();
    await stripe.failNext({
      method: "POST",
      path: `/v1/checkout/sessions/${sessionId}/expire`,
      status: 500,
      times: 2,
    });
    expect((await owner.call("PATCH", `/invoices/${invoice.id}`, newItems)).status).toBe(200);
    // Left as it was; the next click replaces it, as before.
    expect((await stripe.session(sessionId)).session.status).toBe("open");
    expect((await paymentsOf(db, invoice.id)).map((p) => p.status)).toEqual(["open"]);
    const fresh = await payAndFollow(token);
    expect(fresh.sessionId).not.toBe(sessionId);
    expect((await stripe.session(sessionId)).session.status).toBe("expired");
  });

  it("records a session paid just before the void as received, never as released", async () => {
    const { invoice, sessionId, owner } = await onCheckout();
    // Paid at Stripe; the webhook has not arrived yet.
    const completed = await stripe.completeSession(sessionId, { paymentStatus: "paid" });
    expect((await owner.call("POST", `/invoices/${invoice.id}/void`)).status).toBe(200);
    expect((await paymentsOf(db, invoice.id))[0]).toMatchObject({
      status: "succeeded",
      amount: 12_500,
      method: "card",
    });
    expect(await deliverOk(completed)).toBe("unchanged");
    expect((await paymentsOf(db, invoice.id)).map((p) => p.status)).toEqual(["succeeded"]);
    expect(await timelineOf(db, invoice.id)).toEqual(
      expect.arrayContaining(["voided", "payment_succeeded"]),
    );
  });

  it("keeps a bank debit submitted just before the edit as processing", async () => {
    const { invoice, sessionId, owner } = await onCheckout();
    await stripe.completeSession(sessionId, { paymentStatus: "unpaid" });
    expect((await owner.call("PATCH", `/invoices/${invoice.id}`, newItems)).status).toBe(200);
    expect((await paymentsOf(db, invoice.id)).map((p) => p.status)).toEqual(["processing"]);
    await stripe.settleBankPayment(sessionId, "succeeded");
    await flushOk();
    expect((await paymentsOf(db, invoice.id)).map((p) => p.status)).toEqual(["succeeded"]);
  });

  it("gives up a session still being created, so the click making it cannot hand it out", async () => {
    const { business, invoice } = await payable();
    const owner = await ownerOf(business.id);
    await db.insert(payments).values({
      id: `pay_creating_${invoice.id}`,
      invoiceId: invoice.id,
      provider: "stripe",
      status: "open",
      amount: 12_500,
      currency: "USD",
      invoiceVersion: invoice.version,
      createdAt: new Date(),
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    expect((await owner.call("POST", `/invoices/${invoice.id}/void`)).status).toBe(200);
    expect((await paymentsOf(db, invoice.id)).map((p) => p.status)).toEqual(["expired"]);
    expect(await sessionsOf(invoice.id)).toHaveLength(0);
  });

  it("records a payment of a void invoice that arrives by webhook, and shows it to the owner", async () => {
    const { invoice, sessionId, owner } = await onCheckout();
    // Stripe cannot be reached when the owner voids, so the customer can still pay.
    await stripe.failNext({
      method: "POST",
      path: `/v1/checkout/sessions/${sessionId}/expire`,
      status: 500,
      times: 2,
    });
    expect((await owner.call("POST", `/invoices/${invoice.id}/void`)).status).toBe(200);
    await stripe.completeSession(sessionId, { paymentStatus: "paid" });
    await flushOk();
    const answer = (await (await owner.call("GET", `/invoices/${invoice.id}`)).json()) as {
      status: string;
      amount_paid: number;
      refund_due: number;
      payments: { status: string; amount: number }[];
    };
    expect(answer.status).toBe("void");
    // All of it is the customer's money to give back.
    expect([answer.amount_paid, answer.refund_due]).toEqual([12_500, 12_500]);
    expect(answer.payments).toEqual([
      expect.objectContaining({ status: "succeeded", amount: 12_500 }),
    ]);
    const timeline = (await (
      await owner.call("GET", `/invoices/${invoice.id}/timeline`)
    ).json()) as {
      data: { kind: string; detail: string }[];
    };
    expect(timeline.data.map((e) => e.kind)).toEqual(
      expect.arrayContaining(["voided", "payment_succeeded"]),
    );
  });
});
