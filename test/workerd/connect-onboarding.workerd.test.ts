import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { businesses } from "../../db/schema";
import { readConfig } from "../../functions/env";
import { startPaymentsSetup } from "../../functions/payments/connect-onboarding";
import { createStripeClient } from "../../functions/platform/stripe-client";
import type { OwnerPage } from "../../functions/views/owner-page-model";
import { formPost, signedIn } from "../support/owner-session";
import {
  app,
  bindings,
  db,
  deliverOk,
  flushOk,
  invoicePage,
  noStripe,
  payable,
  stripe,
} from "./payments-harness";

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

// The owner's side: the online payments page of the app, its button into onboarding, and the
// pages Stripe sends the owner back to. Pages come back as their JSON models.

const APP = "http://localhost";

async function ownerPage(path: string, cookie: string, withEnv = bindings) {
  const response = await app.request(path, { headers: { Cookie: cookie } }, withEnv);
  const body = (await response.json()) as { page: OwnerPage };
  return { status: response.status, page: body.page };
}

async function paymentsPage(cookie: string, withEnv = bindings, path = "/app/settings/payments") {
  const { status, page } = await ownerPage(path, cookie, withEnv);
  if (page.view.name !== "payments")
    throw new Error(`expected the payments page, got ${page.view.name}`);
  return { status, view: page.view, notice: page.chrome.notice };
}

async function setUpButton(cookie: string, withEnv = bindings) {
  return app.request(
    "/app/settings/payments",
    { ...formPost(cookie), redirect: "manual" },
    withEnv,
  );
}

async function ownerOfPayable() {
  const made = await payable();
  const { cookie } = await signedIn(db, made.business.id, new Date());
  return { ...made, cookie };
}

describe("the owner's online payments page", () => {
  it("sets up, lists what Stripe needs, says Stripe is confirming, then ready", async () => {
    const { business, token, cookie } = await ownerOfPayable();
    // Paid on the platform account until the owner chooses an account of their own.
    const before = await paymentsPage(cookie);
    expect(before.view).toMatchObject({
      badge: { label: "On" },
      lines: [
        "Customers can pay online. The money goes to the Stripe account this portal runs on.",
        expect.stringContaining("Until Stripe has checked your details"),
      ],
      button: "Use your own Stripe account",
      account: null,
    });

    const started = await setUpButton(cookie);
    expect(started.status).toBe(303);
    const onboardingUrl = started.headers.get("Location") ?? "";
    expect(onboardingUrl.startsWith(`${stripe.url}/onboarding/`)).toBe(true);
    const { account } = (await readiness(business.id)) ?? {};
    expect(account).toMatch(/^acct_/);
    expect((await invoicePage(token)).links.pay).toBeNull();

    const pending = await paymentsPage(cookie);
    expect(pending.view).toMatchObject({
      badge: { label: "Stripe needs more" },
      lines: ["Set up, but Stripe still needs a few things before customers can pay online:"],
      requirements: [
        "What your business does, and its website",
        "The type of business",
        "A bank account for payouts",
        "Details about you, the person setting this up",
        "Agreeing to Stripe's terms of service",
      ],
      account: `Stripe account: ${account}`,
      button: "Continue setup",
      pending: true,
    });

    // Finished on Stripe's page: back to the app's origin, where the session cookie lives.
    const done = await fetch(onboardingUrl, { method: "POST", redirect: "manual" });
    expect(done.headers.get("Location")).toBe(`${APP}/app/settings/payments/return`);
    const confirming = await paymentsPage(cookie, bindings, "/app/settings/payments/return");
    expect(confirming.notice).toBe(
      "Thanks. Stripe is confirming your details; this usually takes a minute or two. Check again shortly.",
    );
    expect((await invoicePage(token)).links.pay).toBeNull();

    // Stripe's account.updated makes it ready.
    expect((await flushOk()).map((a) => a.type)).toContain("account.updated");
    const ready = await paymentsPage(cookie, bindings, "/app/settings/payments/return");
    expect(ready.notice).toBe("Online payments are ready.");
    expect(ready.view).toMatchObject({
      badge: { label: "On" },
      lines: [
        "Ready: customers can pay online.",
        "Stripe pays the money out to your bank account.",
      ],
      requirements: [],
      button: null,
      pending: false,
    });
    expect((await invoicePage(token)).links.pay).toBe(`/p/${token}/pay`);
    const settings = await ownerPage("/app/settings", cookie);
    expect(settings.page.view).toMatchObject({ payments: { label: "On", tone: "good" } });
  });

  it("gives a fresh link from the refresh page, for the same account, and never makes one on a GET", async () => {
    const { business, cookie } = await ownerOfPayable();
    // No account yet: the refresh page only leads to the payments page.
    const early = await app.request(
      "/app/settings/payments/refresh",
      { headers: { Cookie: cookie }, redirect: "manual" },
      bindings,
    );
    expect(early.status).toBe(303);
    expect(early.headers.get("Location")).toBe("/app/settings/payments");
    expect((await readiness(business.id))?.account).toBeNull();

    const first = (await setUpButton(cookie)).headers.get("Location") ?? "";
    const { account } = (await readiness(business.id)) ?? {};
    // The link was used (or expired): Stripe sends the owner to the refresh page.
    await fetch(first, { method: "POST", redirect: "manual" });
    const stale = await fetch(first, { redirect: "manual" });
    expect(stale.headers.get("Location")).toBe(`${APP}/app/settings/payments/refresh`);
    const refreshed = await app.request(
      "/app/settings/payments/refresh",
      { headers: { Cookie: cookie }, redirect: "manual" },
      bindings,
    );
    expect(refreshed.status).toBe(303);
    const second = refreshed.headers.get("Location") ?? "";
    expect(second.startsWith(`${stripe.url}/onboarding/`)).toBe(true);
    expect(second).not.toBe(first);
    expect((await readiness(business.id))?.account).toBe(account);
    expect((await fetch(second)).status).toBe(200);

    // Signed out, the refresh page asks to sign in first.
    const signedOut = await app.request(
      "/app/settings/payments/refresh",
      { redirect: "manual" },
      bindings,
    );
    expect(signedOut.headers.get("Location")).toBe("/app/sign-in");
  });

  it("keeps the owner on the page with a plain reason when Stripe fails, and loses nothing", async () => {
    const { business, cookie } = await ownerOfPayable();
    // Stripe down for the link (the SDK tries twice): the account made stays.
    await stripe.failNext({ path: "/v1/account_links", status: 503, type: "api_error", times: 2 });
    const down = await setUpButton(cookie);
    expect(down.status).toBe(503);
    const downPage = ((await down.json()) as { page: OwnerPage }).page;
    expect(downPage.chrome.notice).toBe(
      "Stripe couldn't start the setup just now. Nothing was lost: try again in a minute.",
    );
    expect(downPage.view).toMatchObject({ name: "payments", button: "Continue setup" });
    const { account } = (await readiness(business.id)) ?? {};
    expect(account).toMatch(/^acct_/);

    await stripe.failNext({
      path: "/v1/account_links",
      status: 400,
      type: "invalid_request_error",
      message: "You must complete your platform profile.",
    });
    const refused = await setUpButton(cookie);
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { page: OwnerPage }).page.chrome.notice).toBe(
      "Stripe refused to start the setup. Whoever runs the portal can see why in its log.",
    );

    // Trying again works, on the same account.
    const again = await setUpButton(cookie);
    expect(again.status).toBe(303);
    expect((await readiness(business.id))?.account).toBe(account);
  });

  it("refuses a post from another site", async () => {
    const { business, cookie } = await ownerOfPayable();
    const forged = await app.request(
      "/app/settings/payments",
      { ...formPost(cookie), headers: { Cookie: cookie, Origin: "https://evil.example" } },
      bindings,
    );
    expect(forged.status).toBe(403);
    expect((await readiness(business.id))?.account).toBeNull();
  });

  it("says what applies without Stripe keys, or without the Connect secret", async () => {
    const { business, cookie } = await ownerOfPayable();
    const none = await paymentsPage(cookie, noStripe);
    expect(none.view).toMatchObject({
      badge: { label: "Off" },
      lines: [expect.stringContaining("This portal has no Stripe keys")],
      button: null,
    });
    const post = await setUpButton(cookie, noStripe);
    expect(post.status).toBe(400);
    expect((await readiness(business.id))?.account).toBeNull();

    // A portal serving only its own account (no Connect endpoint): payments go there.
    const single = { ...bindings, STRIPE_CONNECT_WEBHOOK_SECRET: "" };
    expect((await paymentsPage(cookie, single)).view).toMatchObject({
      badge: { label: "On" },
      lines: [
        "Customers can pay online. The money goes to the Stripe account this portal runs on.",
      ],
      button: null,
    });
    // Only the Connect endpoint: nothing is paid until the business has its own account.
    const connectOnly = { ...bindings, STRIPE_WEBHOOK_SECRET: "" };
    expect((await paymentsPage(cookie, connectOnly)).view).toMatchObject({
      badge: { label: "Not set up" },
      button: "Set up online payments",
    });
  });

  it("lets only this page's form lead to Stripe's onboarding (CSP form-action)", async () => {
    const { cookie } = await ownerOfPayable();
    const formAction = async (path: string) => {
      const response = await app.request(path, { headers: { Cookie: cookie } }, bindings);
      const csp = response.headers.get("Content-Security-Policy") ?? "";
      return /form-action ([^;]*)/.exec(csp)?.[1];
    };
    expect(await formAction("/app/settings/payments")).toBe(
      `'self' https://connect.stripe.com ${new URL(stripe.url).origin}`,
    );
    expect(await formAction("/app/settings")).toBe("'self'");
  });

  it("speaks Spanish", async () => {
    const { cookie } = await ownerOfPayable();
    const response = await app.request(
      "/app/settings/payments",
      { headers: { Cookie: cookie, "Accept-Language": "es-MX" } },
      bindings,
    );
    const { page } = (await response.json()) as { page: OwnerPage };
    expect(page.chrome.title).toBe("Pagos en línea");
    expect(page.view).toMatchObject({ button: "Usar su propia cuenta de Stripe" });
  });
});
