import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { eventRecorded, paymentsOf } from "../support/payment-fixtures";
import {
  app,
  bindings,
  db,
  deliver,
  deliverOk,
  payAndFollow,
  payable,
  stripe,
} from "./payments-harness";

// Stripe's webhooks with odd input: bodies that are signed but are not events, events whose
// object is not what the type promises, and events of another connected account. None of them
// may answer 500 (Stripe would retry it for days) or change anything.

/** Signs any body with the platform endpoint's secret, as Stripe would. */
async function signed(payload: string) {
  const secret = bindings.STRIPE_WEBHOOK_SECRET ?? "";
  const signature = await Stripe.webhooks.generateTestHeaderStringAsync({ payload, secret });
  return { payload, signature };
}

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

/** Signs raw bytes as Stripe does (HMAC-SHA256 of "<timestamp>.<body>"), whatever they hold. */
async function signedBytes(payload: Uint8Array<ArrayBuffer>) {
  const secret = bindings.STRIPE_WEBHOOK_SECRET ?? "";
  const timestamp = Math.floor(Date.now() / 1000);
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const signedPart = new Uint8Array([...new TextEncoder().encode(`${timestamp}.`), ...payload]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, signedPart));
  const hex = [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
  return { payload, signature: `t=${timestamp},v1=${hex}` };
}

describe("Stripe webhooks, odd input", () => {
  it("answers 400 to a signed body that is not UTF-8, instead of reading it changed", async () => {
    const event = { id: "evt_latin1", object: "event", type: "customer.created", data: {} };
    const json = JSON.stringify({ ...event, data: { object: { name: "Jos\u00e9" } } });
    const latin1 = Uint8Array.from(json, (ch) => ch.charCodeAt(0));
    const { payload, signature } = await signedBytes(latin1);
    const response = await app.request(
      "/webhooks/stripe",
      {
        method: "POST",
        headers: { "Content-Type": "application/json", "Stripe-Signature": signature },
        body: payload,
      },
      bindings,
    );
    expect([response.status, await errorCode(response)]).toEqual([400, "bad_request"]);
    // The same event as UTF-8 is accepted (and ignored, being of a type we do not handle).
    const utf8 = await signedBytes(new TextEncoder().encode(json));
    const accepted = await app.request(
      "/webhooks/stripe",
      {
        method: "POST",
        headers: { "Content-Type": "application/json", "Stripe-Signature": utf8.signature },
        body: utf8.payload,
      },
      bindings,
    );
    expect(accepted.status).toBe(200);
  });

  it("answers 400 to a signed body that is not a Stripe event", async () => {
    for (const body of ["not json", "null", "[]", '"evt"', '{"id":"evt_x","type":7}']) {
      const response = await deliver(await signed(body));
      expect(response.status, body).toBe(400);
      expect(await errorCode(response)).not.toBe("internal");
    }
  });

  it("acknowledges a handled event whose object has no id, touching nothing", async () => {
    for (const type of ["checkout.session.completed", "charge.refunded"]) {
      const event = { id: `evt_noid_${type}`, object: "event", type, data: { object: {} } };
      const response = await deliver(await signed(JSON.stringify(event)));
      expect(response.status, type).toBe(200);
      expect(await eventRecorded(db, event.id)).toBe(false);
    }
    const noData = { id: "evt_nodata", object: "event", type: "checkout.session.expired" };
    expect((await deliver(await signed(JSON.stringify(noData)))).status).toBe(400);
  });

  it("acknowledges a refund Stripe does not know on the account the event came from", async () => {
    const unknown = await stripe.event("charge.refunded", {
      id: "ch_unknown",
      object: "charge",
      payment_intent: "pi_unknown",
      amount_refunded: 100,
      currency: "usd",
    });
    expect(await deliverOk(unknown)).toBe("not_ours");
  });

  it("never lets another connected account touch a business's payment", async () => {
    const { invoice, token } = await payable({ business: { stripeAccountId: "acct_1Owner" } });
    const { sessionId } = await payAndFollow(token);
    const paid = await stripe.completeSession(sessionId, { paymentStatus: "paid" });
    const refund = await stripe.refund(sessionId, 1_000);
    const copy = (e: typeof paid) =>
      stripe.event(e.event.type, e.event.data.object, { account: "acct_1Intruder" });
    expect(await deliverOk(await copy(paid))).toBe("not_ours");
    expect(await deliverOk(await copy(refund))).toBe("not_ours");
    expect((await paymentsOf(db, invoice.id))[0]).toMatchObject({
      status: "open",
      amountRefunded: 0,
    });
    // The owner's own events still apply.
    expect(await deliverOk(paid)).toBe("applied");
    expect(await deliverOk(refund)).toBe("applied");
  });
});
