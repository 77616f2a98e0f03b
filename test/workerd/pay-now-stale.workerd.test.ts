import { describe, expect, it } from "vitest";
import { payments } from "../../db/schema";
import { paymentsOf } from "../support/payment-fixtures";
import { db, payAndFollow, payable, sessionsOf } from "./payments-harness";

// Pay Now when the stored session can no longer be asked about: Stripe does not know it (the
// secret key was switched, e.g. from test to live mode). Nobody can pay a session Stripe does not
// have, so it must not block the invoice for good.

describe("Pay Now after a stored session Stripe does not know", () => {
  it("gives the unknown session up and makes a new one", async () => {
    const { invoice, token } = await payable();
    const now = Date.now();
    await db.insert(payments).values({
      id: "pay_unknown_session",
      invoiceId: invoice.id,
      provider: "stripe",
      status: "open",
      amount: 12_500,
      currency: "USD",
      invoiceVersion: invoice.version,
      checkoutSessionId: "cs_test_made_with_another_key",
      checkoutUrl: "https://checkout.example/c/pay/cs_test_made_with_another_key",
      createdAt: new Date(now - 55 * 60_000),
      // About to expire, so it is not handed out again.
      expiresAt: new Date(now + 5 * 60_000),
    });
    const { sessionId } = await payAndFollow(token);
    expect((await sessionsOf(invoice.id)).map((s) => s.session.id)).toEqual([sessionId]);
    expect(
      (await paymentsOf(db, invoice.id)).map((p) => [p.id === "pay_unknown_session", p.status]),
    ).toEqual([
      [true, "expired"],
      [false, "open"],
    ]);
  });
});
