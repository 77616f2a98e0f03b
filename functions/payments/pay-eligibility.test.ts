import { describe, expect, it } from "vitest";
import { canPayOnline, type PayFacts, payBlocker, stripeConfiguredFor } from "./pay-eligibility";

const payable: PayFacts = {
  plan: "pro",
  stripeConfigured: true,
  ledger: { state: "due", processing: false, balanceDue: 12_500 },
};
const withLedger = (ledger: Partial<PayFacts["ledger"]>): PayFacts => ({
  ...payable,
  ledger: { ...payable.ledger, ...ledger },
});

describe("payBlocker", () => {
  it("offers Pay Now on a Pro plan with Stripe whenever a balance is due", () => {
    expect(payBlocker(payable)).toBeNull();
    expect(canPayOnline(withLedger({ state: "partially_paid", balanceDue: 100 }))).toBe(true);
    expect(canPayOnline(withLedger({ state: "overdue" }))).toBe(true);
  });

  it.each([
    [{ plan: "free" }, "free_plan"],
    [{ stripeConfigured: false }, "stripe_not_configured"],
    [withLedger({ state: "void", balanceDue: 0 }), "void"],
    [withLedger({ state: "processing", processing: true }), "processing"],
    [withLedger({ state: "paid", balanceDue: 0 }), "paid"],
    [withLedger({ state: "refunded", balanceDue: 0 }), "refunded"],
    [withLedger({ state: "partially_refunded", balanceDue: 0 }), "refunded"],
    [withLedger({ state: "nothing_due", balanceDue: 0 }), "nothing_due"],
  ] as const)("refuses %o: %s", (change, reason) => {
    const facts = { ...payable, ...change } as PayFacts;
    expect(payBlocker(facts)).toBe(reason);
    expect(canPayOnline(facts)).toBe(false);
  });

  it("never lets a refund block the part that was never paid", () => {
    // $50.00 of $100.00 paid, $10.00 of it refunded: $50.00 is still due, and payable.
    expect(payBlocker(withLedger({ state: "partially_paid", balanceDue: 5_000 }))).toBeNull();
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
