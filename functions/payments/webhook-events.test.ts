import { describe, expect, it } from "vitest";
import { HANDLED_EVENT_TYPES, isHandledEventType } from "./webhook-events";
import { WEBHOOK_HANDLERS } from "./webhook-handlers";

describe("webhook event allow-list", () => {
  it("handles the Checkout lifecycle, refunds, disputes and account readiness", () => {
    expect([...HANDLED_EVENT_TYPES].sort()).toEqual([
      "account.updated",
      "charge.dispute.closed",
      "charge.dispute.created",
      "charge.dispute.updated",
      "charge.refunded",
      "checkout.session.async_payment_failed",
      "checkout.session.async_payment_succeeded",
      "checkout.session.completed",
      "checkout.session.expired",
      "refund.failed",
    ]);
    for (const type of HANDLED_EVENT_TYPES) expect(isHandledEventType(type)).toBe(true);
  });

  it("has exactly one handler per handled type", () => {
    expect(Object.keys(WEBHOOK_HANDLERS).sort()).toEqual([...HANDLED_EVENT_TYPES].sort());
  });

  it("ignores everything else, including near misses", () => {
    for (const type of [
      "payment_intent.succeeded",
      "charge.succeeded",
      "charge.refund.updated",
      "charge.dispute.funds_withdrawn",
      "refund.created",
      "refund.updated",
      "checkout.session.async_payment_processing",
      "customer.created",
      "CHECKOUT.SESSION.COMPLETED",
      "",
    ]) {
      expect(isHandledEventType(type)).toBe(false);
    }
  });
});
