import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePayableInvoice, pageOf } from "../support/payment-fixtures";
import { startTestApp, TEST_SIGNING_SECRET, type TestApp } from "../support/test-app";

// The portal page with Stripe configured: Pay Now is decided from the one read the page already
// makes, so showing the button (or a banner that needs no Stripe call) costs no extra round trip.

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({
    env: {
      STRIPE_SECRET_KEY: "sk_test_pagecheck",
      STRIPE_WEBHOOK_SECRET: "whsec_pagecheck",
      STRIPE_CONNECT_WEBHOOK_SECRET: "whsec_pagecheckconnect",
    },
  });
});
afterAll(() => t.close());

async function openPage(path: string, env: Record<string, string> = t.env) {
  t.resetDatabaseStats();
  const page = await pageOf(await t.app.request(path, {}, env));
  return { page, pipelineRequests: t.databaseStats().pipelineRequests };
}

describe("Pay Now on the portal page", () => {
  it("shows the button after exactly one database round trip", async () => {
    const { token } = await makePayableInvoice(t.db, { signingSecret: TEST_SIGNING_SECRET });
    const { page, pipelineRequests } = await openPage(`/p/${token}`);
    expect(page.kind === "invoice" && page.links.pay).toBe(`/p/${token}/pay`);
    expect(pipelineRequests).toBe(1);
  });

  it("keeps one round trip for a canceled return, which needs nothing from Stripe", async () => {
    const { token } = await makePayableInvoice(t.db, { signingSecret: TEST_SIGNING_SECRET });
    const { page, pipelineRequests } = await openPage(`/p/${token}?checkout=canceled`);
    expect(page.kind === "invoice" && page.notice).toBe("payment_canceled");
    expect(pipelineRequests).toBe(1);
  });

  it("leaves the button out on the Free plan", async () => {
    const { token } = await makePayableInvoice(t.db, {
      signingSecret: TEST_SIGNING_SECRET,
      business: { plan: "free" },
    });
    const { page } = await openPage(`/p/${token}`);
    expect(page.kind === "invoice" && page.links.pay).toBeNull();
  });

  it("leaves the button out when the webhook of the account being paid cannot be verified", async () => {
    const platform = await makePayableInvoice(t.db, { signingSecret: TEST_SIGNING_SECRET });
    const connected = await makePayableInvoice(t.db, {
      signingSecret: TEST_SIGNING_SECRET,
      business: { stripeAccountId: "acct_1Pagecheck" },
    });
    const payLink = async (token: string, env: Record<string, string>) => {
      const { page } = await openPage(`/p/${token}`, env);
      return page.kind === "invoice" ? page.links.pay : "not an invoice page";
    };
    const noConnect = { ...t.env, STRIPE_CONNECT_WEBHOOK_SECRET: "" };
    const noPlatform = { ...t.env, STRIPE_WEBHOOK_SECRET: "" };

    expect(await payLink(connected.token, t.env)).toBe(`/p/${connected.token}/pay`);
    expect(await payLink(connected.token, noConnect)).toBeNull();
    expect(await payLink(connected.token, noPlatform)).toBe(`/p/${connected.token}/pay`);
    expect(await payLink(platform.token, noPlatform)).toBeNull();
    expect(await payLink(platform.token, noConnect)).toBe(`/p/${platform.token}/pay`);
  });
});
