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

  it("says how to pay instead when the balance is below Stripe's minimum charge", async () => {
    const { token, business } = await makePayableInvoice(t.db, {
      signingSecret: TEST_SIGNING_SECRET,
      items: [{ unitPrice: 25 }],
      invoice: { currency: "GBP", locale: "en-GB" },
    });
    const { page } = await openPage(`/p/${token}`);
    if (page.kind !== "invoice") throw new Error(page.kind);
    expect(page.links.pay).toBeNull();
    expect(page.payLabel).toBeNull();
    expect(page.payOffline).toBe(
      `This amount is too small to pay online. Please contact ${business.name} to pay another way.`,
    );
    const pay = await t.app.request(`/p/${token}/pay`, { method: "POST" }, t.env);
    expect(pay.status).toBe(303);
    expect(pay.headers.get("Location")).toBe(`/p/${token}`);
  });

  it("offers at the minimum, and labels the button with what Checkout charges", async () => {
    const gbp = await makePayableInvoice(t.db, {
      signingSecret: TEST_SIGNING_SECRET,
      items: [{ unitPrice: 30 }],
      invoice: { currency: "GBP", locale: "en-GB" },
    });
    const kwd = await makePayableInvoice(t.db, {
      signingSecret: TEST_SIGNING_SECRET,
      items: [{ unitPrice: 12_345 }],
      invoice: { currency: "KWD", locale: "en-US" },
    });
    const label = async (token: string) => {
      const { page } = await openPage(`/p/${token}`);
      return page.kind === "invoice" ? [page.payLabel, page.payOffline] : [];
    };
    expect(await label(gbp.token)).toEqual(["Pay £0.30", null]);
    // Stripe takes KWD in multiples of 10 fils: the balance of 12.345 is charged as 12.350.
    expect(await label(kwd.token)).toEqual(["Pay KWD\u00a012.350", null]);
  });
});
