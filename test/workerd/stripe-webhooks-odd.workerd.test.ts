import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { eventRecorded, paymentsOf } from "../support/payment-fixtures";
import {
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

describe("Stripe webhooks, odd input", () => {
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
