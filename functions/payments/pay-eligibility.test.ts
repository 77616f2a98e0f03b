import { describe, expect, it } from "vitest";
import { canPayOnline, type PayFacts, payBlocker, stripeConfiguredFor } from "./pay-eligibility";

const payable: PayFacts = {
  plan: "pro",
  stripeConfigured: true,
  invoiceStatus: "sent",
  state: "unpaid",
  balanceDue: 12_500,
};

describe("payBlocker", () => {
  it("offers Pay Now on a Pro plan with Stripe, for an unpaid or partly paid invoice", () => {
    expect(payBlocker(payable)).toBeNull();
    expect(canPayOnline({ ...payable, state: "partially_paid", balanceDue: 100 })).toBe(true);
  });

  it.each([
    [{ plan: "free" }, "free_plan"],
    [{ stripeConfigured: false }, "stripe_not_configured"],
    [{ invoiceStatus: "void" }, "void"],
    [{ state: "processing" }, "processing"],
    [{ state: "paid", balanceDue: 0 }, "paid"],
    [{ state: "refunded", balanceDue: 0 }, "refunded"],
    [{ state: "partially_refunded", balanceDue: 2_500 }, "refunded"],
    [{ balanceDue: 0 }, "nothing_due"],
  ] as const)("refuses %o: %s", (change, reason) => {
    const facts = { ...payable, ...change } as PayFacts;
    expect(payBlocker(facts)).toBe(reason);
    expect(canPayOnline(facts)).toBe(false);
  });

  it("names the plan first: a Free invoice never offers it, whatever its state", () => {
    expect(payBlocker({ ...payable, plan: "free", stripeConfigured: false })).toBe("free_plan");
  });
});

describe("stripeConfiguredFor", () => {
  const all = {
    STRIPE_SECRET_KEY: "sk_test_key",
    STRIPE_WEBHOOK_SECRET: "whsec_platform",
    STRIPE_CONNECT_WEBHOOK_SECRET: "whsec_connect",
  };

  it("needs the secret key and the platform webhook secret for payments to the platform", () => {
    expect(stripeConfiguredFor(all, null)).toBe(true);
    expect(stripeConfiguredFor({ ...all, STRIPE_CONNECT_WEBHOOK_SECRET: undefined }, null)).toBe(
      true,
    );
    expect(stripeConfiguredFor({ ...all, STRIPE_WEBHOOK_SECRET: undefined }, null)).toBe(false);
    expect(stripeConfiguredFor({ ...all, STRIPE_SECRET_KEY: undefined }, null)).toBe(false);
  });

  it("needs the Connect webhook secret for payments to a connected account", () => {
    // Its events (an ACH debit settling days later) come from the Connect endpoint only.
    expect(stripeConfiguredFor(all, "acct_1Plumber")).toBe(true);
    expect(
      stripeConfiguredFor({ ...all, STRIPE_CONNECT_WEBHOOK_SECRET: undefined }, "acct_1Plumber"),
    ).toBe(false);
    expect(stripeConfiguredFor({ ...all, STRIPE_WEBHOOK_SECRET: undefined }, "acct_1Plumber")).toBe(
      true,
    );
    expect(stripeConfiguredFor({ ...all, STRIPE_SECRET_KEY: undefined }, "acct_1Plumber")).toBe(
      false,
    );
  });
});
