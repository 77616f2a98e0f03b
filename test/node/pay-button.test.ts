import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePayableInvoice, pageOf } from "../support/payment-fixtures";
import { startTestApp, TEST_SIGNING_SECRET, type TestApp } from "../support/test-app";

// The portal page with Stripe configured: Pay Now is decided from the one read the page already
// makes, so showing the button (or a banner that needs no Stripe call) costs no extra round trip.

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ env: { STRIPE_SECRET_KEY: "sk_test_pagecheck" } });
});
afterAll(() => t.close());

async function openPage(path: string) {
  t.resetDatabaseStats();
  const page = await pageOf(await t.request(path));
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
});
