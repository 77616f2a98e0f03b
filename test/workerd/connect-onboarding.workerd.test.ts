import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { businesses } from "../../db/schema";
import { readConfig } from "../../functions/env";
import { startPaymentsSetup } from "../../functions/payments/connect-onboarding";
import { createStripeClient } from "../../functions/platform/stripe-client";
import { bindings, db, deliverOk, flushOk, invoicePage, payable, stripe } from "./payments-harness";

// Setting up online payments: the business's connected account is created through the API, the
// owner completes the fake's onboarding page, and readiness arrives by account.updated on the
// Connect endpoint. Pay Now waits for it.

async function stripeApi() {
  const client = await createStripeClient(readConfig({ ...bindings }));
  if (!client) throw new Error("Stripe is not configured for the test");
  return client;
}

async function readiness(businessId: string) {
  const [row] = await db
    .select({
      account: businesses.stripeAccountId,
      charges: businesses.stripeChargesEnabled,
      payouts: businesses.stripePayoutsEnabled,
      due: businesses.stripeRequirementsDue,
    })
    .from(businesses)
    .where(eq(businesses.id, businessId));
  return row;
}

describe("Stripe Connect onboarding", () => {
  it("shows Pay Now on a Pro invoice only once the account can take charges", async () => {
    const { business, token } = await payable();
    const setup = await startPaymentsSetup(
      {
        db,
        stripe: await stripeApi(),
        publicBaseUrl: bindings.PUBLIC_BASE_URL ?? "",
        now: new Date(),
      },
      { businessId: business.id },
    );
    expect(setup.created).toBe(true);
    expect(setup.accountId).toMatch(/^acct_/);
    expect(await readiness(business.id)).toMatchObject({
      account: setup.accountId,
      charges: false,
      payouts: false,
    });
    expect((await readiness(business.id))?.due).toContain("external_account");
    expect((await invoicePage(token)).links.pay).toBeNull();

    // A second call gives a new link for the same account.
    const again = await startPaymentsSetup(
      { db, stripe: await stripeApi(), publicBaseUrl: "https://portal.test", now: new Date() },
      { businessId: business.id },
    );
    expect(again).toMatchObject({ accountId: setup.accountId, created: false });

    // The owner completes onboarding on the hosted page and is sent back to the app.
    const form = await fetch(setup.onboardingUrl);
    expect(await form.text()).toContain("Complete onboarding");
    const done = await fetch(setup.onboardingUrl, { method: "POST", redirect: "manual" });
    expect(done.status).toBe(303);
    expect(done.headers.get("Location")).toBe(
      `${bindings.PUBLIC_BASE_URL}/app/settings/payments/return`,
    );
    const attempts = await flushOk();
    expect(attempts.map((a) => a.type)).toContain("account.updated");
    expect(await readiness(business.id)).toMatchObject({ charges: true, payouts: true, due: "" });
    expect((await invoicePage(token)).links.pay).toBe(`/p/${token}/pay`);

    // A used link sends the owner to the refresh page, as Stripe does.
    const reused = await fetch(setup.onboardingUrl, { redirect: "manual" });
    expect(reused.headers.get("Location")).toBe(
      `${bindings.PUBLIC_BASE_URL}/app/settings/payments/refresh`,
    );
  });

  it("ignores an account.updated that does not come from the account itself", async () => {
    const { business } = await payable();
    const setup = await startPaymentsSetup(
      { db, stripe: await stripeApi(), publicBaseUrl: "https://portal.test", now: new Date() },
      { businessId: business.id },
    );
    const forged = await stripe.event("account.updated", {
      id: setup.accountId,
      object: "account",
      charges_enabled: true,
    });
    expect(await deliverOk(forged)).toBe("not_ours");
    expect((await readiness(business.id))?.charges).toBe(false);
  });

  it("keeps Pay Now for a business paid on the platform account", async () => {
    const { token } = await payable();
    expect((await invoicePage(token)).links.pay).toBe(`/p/${token}/pay`);
  });
});
