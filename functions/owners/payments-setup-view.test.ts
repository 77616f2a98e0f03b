import { describe, expect, it } from "vitest";
import { ownerLanguage } from "../i18n/owner-messages";
import { paymentsState, paymentsView, readableRequirements } from "./payments-setup-view";

const { t } = ownerLanguage("en");
const ALL = { key: true, platform: true, connect: true };
const none = {
  plan: "pro" as const,
  stripeAccountId: null,
  stripeChargesEnabled: null,
  stripePayoutsEnabled: null,
  stripeRequirementsDue: "",
};
const account = { ...none, stripeAccountId: "acct_1" };

describe("online payments state", () => {
  it("follows the deployment's keys and the account's readiness", () => {
    expect(paymentsState(none, { key: false, platform: false, connect: false })).toBe("no_stripe");
    expect(paymentsState(none, ALL)).toBe("platform");
    expect(paymentsState(none, { ...ALL, platform: false })).toBe("not_set_up");
    expect(paymentsState(none, { key: true, platform: false, connect: false })).toBe(
      "stripe_incomplete",
    );
    expect(paymentsState(account, ALL)).toBe("linked");
    expect(paymentsState({ ...account, stripeChargesEnabled: false }, ALL)).toBe("pending");
    expect(paymentsState({ ...account, stripeChargesEnabled: true }, ALL)).toBe("ready");
    // A connected account whose events cannot be verified is never paid.
    expect(paymentsState(account, { ...ALL, connect: false })).toBe("stripe_incomplete");
  });

  it("offers no button for a hand-linked account or a finished one", () => {
    expect(paymentsView(account, ALL, t).button).toBeNull();
    const finished = {
      ...account,
      stripeChargesEnabled: true,
      stripePayoutsEnabled: true,
    };
    expect(paymentsView(finished, ALL, t).button).toBeNull();
    const payoutsLater = { ...finished, stripePayoutsEnabled: false };
    expect(paymentsView(payoutsLater, ALL, t)).toMatchObject({
      button: "Continue setup",
      lines: ["Ready: customers can pay online.", t.payoutsOff],
    });
  });

  it("tells a Free business that Pay Now comes with Pro", () => {
    const free = paymentsView({ ...none, plan: "free" }, ALL, t);
    expect(free).toMatchObject({ freePlan: true, badge: { label: "Off" } });
  });
});

describe("what Stripe still needs", () => {
  it("is one plain line per kind of thing, each once, in Stripe's order", () => {
    const due = [
      "individual.dob.day",
      "individual.dob.month",
      "external_account",
      "individual.verification.document",
      "person_1AbC.first_name",
      "some.future_field",
    ].join(",");
    expect(readableRequirements(due, t)).toEqual([
      "Your personal details",
      "A bank account for payouts",
      "A document to prove identity",
      "Details about the company's owners or directors",
      "Other details Stripe asks for",
    ]);
    expect(readableRequirements("", t)).toEqual([]);
  });
});
