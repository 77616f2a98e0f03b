import { describe, expect, it } from "vitest";
import {
  canPayOnline,
  checkoutAmount,
  minimumCharge,
  type PayFacts,
  payBlocker,
  stripeConfiguredFor,
} from "./pay-eligibility";

const payable: PayFacts = {
  plan: "pro",
  currency: "USD",
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

describe("a connected account made through onboarding", () => {
  it("offers Pay Now only once Stripe says it can take charges", () => {
    expect(payBlocker({ ...payable, connectedChargesEnabled: false })).toBe("account_not_ready");
    expect(payBlocker({ ...payable, connectedChargesEnabled: true })).toBeNull();
  });

  it("keeps today's behaviour for the platform account and an account linked by hand", () => {
    expect(payBlocker({ ...payable, connectedChargesEnabled: null })).toBeNull();
  });
});

describe("Stripe's minimum charge", () => {
  it.each([
    ["USD", 50],
    ["EUR", 50],
    ["GBP", 30],
    ["JPY", 50],
    ["MXN", 1_000],
    ["HUF", 17_500],
  ] as const)("offers Pay Now in %s from %i minor units, not one below", (currency, minimum) => {
    const at = (balanceDue: number) => payBlocker({ ...withLedger({ balanceDue }), currency });
    expect(at(minimum)).toBeNull();
    expect(at(minimum - 1)).toBe("below_minimum");
  });

  it("reads the currency in any case, and lets a currency without a known minimum through", () => {
    expect(minimumCharge("gbp")).toBe(30);
    expect(minimumCharge("PEN")).toBe(1);
    expect(payBlocker({ ...withLedger({ balanceDue: 1 }), currency: "PEN" })).toBeNull();
  });

  it("blocks for the minimum only when a balance is due", () => {
    expect(payBlocker(withLedger({ state: "paid", balanceDue: 0 }))).toBe("paid");
  });
});

describe("checkoutAmount", () => {
  it("sends two- and zero-decimal currencies as they are", () => {
    expect(checkoutAmount(12_345, "USD")).toBe(12_345);
    expect(checkoutAmount(1_235, "JPY")).toBe(1_235);
  });

  it.each(["BHD", "JOD", "KWD", "OMR", "TND", "kwd"])(
    "sends %s in multiples of 10, rounded up so the invoice ends paid",
    (currency) => {
      expect(checkoutAmount(12_345, currency)).toBe(12_350);
      expect(checkoutAmount(12_340, currency)).toBe(12_340);
      expect(checkoutAmount(1, currency)).toBe(10);
    },
  );
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
