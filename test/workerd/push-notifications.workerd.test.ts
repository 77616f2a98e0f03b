/// <reference types="@cloudflare/vitest-plugin/types" />
import { createScheduledController } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { pushSubscriptions } from "../../db/schema";
import { bytesToBase64url } from "../../functions/notifications/web-push";
import { runScheduled } from "../../functions/scheduled";
import { makeBusiness, makeInvoice } from "../support/factories";
import { signedIn } from "../support/owner-session";
import type { ReceivedPush } from "../support/push-endpoint";
import {
  app,
  bindings,
  db,
  flush,
  page,
  payAndFollow,
  payable,
  settle,
  stripe,
} from "./payments-harness";

// Web Push to the owner's phone, end to end: the owner's device subscribes through the app, the
// Worker pushes to the local push service started in global-setup.ts, which checks the VAPID
// token and decrypts each message with the device's private key. Every event a verb applied
// makes exactly one notice, whatever order Stripe's webhooks come in (this file also runs in
// the workerd-shuffled project).

const PUSH_SERVICE = (bindings.TEST_PUSH_ENDPOINT_URL ?? "") as string;

async function newVapidKeys() {
  const pair = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const raw = new Uint8Array((await crypto.subtle.exportKey("raw", pair.publicKey)) as ArrayBuffer);
  const jwk = (await crypto.subtle.exportKey("jwk", pair.privateKey)) as JsonWebKey;
  return { VAPID_PUBLIC_KEY: bytesToBase64url(raw), VAPID_PRIVATE_KEY: jwk.d as string };
}

const vapid = await newVapidKeys();
/** The bindings with push set up (read when called: the harness fills in its Stripe first). */
const withPush = () => ({ ...bindings, ...vapid, VAPID_SUBJECT: "mailto:owner@example.com" });

function ownerPost(cookie: string, body: string, headers: Record<string, string> = {}) {
  return {
    method: "POST",
    headers: {
      Cookie: cookie,
      Origin: "http://localhost",
      "Content-Type": "application/json",
      ...headers,
    },
    body,
  };
}

/** A browser's subscription from the local push service, for the given server key. */
async function browserSubscription(applicationServerKey = vapid.VAPID_PUBLIC_KEY) {
  const response = await fetch(`${PUSH_SERVICE}/subscriptions`, {
    method: "POST",
    body: JSON.stringify({ applicationServerKey }),
  });
  return (await response.json()) as {
    id: string;
    endpoint: string;
    keys: { p256dh: string; auth: string };
  };
}

/** The owner signs in on a phone and turns notifications on from the app. */
async function ownerPhone(businessId: string) {
  const { cookie } = await signedIn(db, businessId, new Date());
  const subscription = await browserSubscription();
  const body = JSON.stringify({ endpoint: subscription.endpoint, keys: subscription.keys });
  const response = await app.request(
    "/app/notifications/subscription",
    ownerPost(cookie, body),
    withPush(),
  );
  expect(response.status).toBe(201);
  return { cookie, subscriptionId: subscription.id };
}

/** Every push the phone received once the work after each response is done. */
async function received(subscriptionId: string): Promise<ReceivedPush[]> {
  await settle();
  const response = await fetch(`${PUSH_SERVICE}/subscriptions/${subscriptionId}/messages`);
  return ((await response.json()) as { received: ReceivedPush[] }).received;
}

/** The notices' titles; a push the service refused fails the test with its reason. */
async function titles(subscriptionId: string): Promise<string[]> {
  const pushes = await received(subscriptionId);
  expect(pushes.map((p) => p.problem).filter(Boolean)).toEqual([]);
  return pushes.map((p) => (JSON.parse(p.text ?? "{}") as { title: string }).title);
}

const PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15";

function seen(token: string, userAgent: string, env: Record<string, string> = withPush()) {
  return app.request(
    `/p/${token}/seen`,
    { method: "POST", headers: { "User-Agent": userAgent } },
    env,
  );
}

async function invoiceWithPhone(number = "GL-2001", business = {}) {
  const made = await payable({ invoice: { number, customerName: "Sam Rivera" }, business });
  const phone = await ownerPhone(made.business.id);
  return { ...made, ...phone };
}

describe("the customer's first view", () => {
  it("is told once, with the customer's first name; preview bots and later views are not", async () => {
    const { invoice, token, subscriptionId } = await invoiceWithPhone();
    expect((await seen(token, "facebookexternalhit/1.1")).status).toBe(204);
    expect((await seen(token, "Slackbot-LinkExpanding 1.0")).status).toBe(204);
    expect(await received(subscriptionId)).toEqual([]);

    await seen(token, PHONE);
    await seen(token, PHONE);
    const pushes = await received(subscriptionId);
    expect(pushes).toHaveLength(1);
    expect(JSON.parse(pushes[0]?.text ?? "")).toEqual({
      title: "Sam opened invoice GL-2001",
      body: "",
      url: `/app/invoices/${invoice.id}`,
      tag: `viewed-${invoice.id}`,
    });
    expect(pushes[0]?.urgency).toBe("high");
  });

  it("speaks the business's language", async () => {
    const { token, subscriptionId } = await invoiceWithPhone("F-7", { defaultLocale: "es-MX" });
    await seen(token, PHONE);
    expect(await titles(subscriptionId)).toEqual(["Sam abrió la factura F-7"]);
  });

  it("sends nothing, and fails nothing, without VAPID keys", async () => {
    const { invoice, token, subscriptionId } = await invoiceWithPhone();
    expect((await seen(token, PHONE, bindings)).status).toBe(204);
    expect(await received(subscriptionId)).toEqual([]);
    const [row] = await db
      .select({ first: pushSubscriptions.id })
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.businessId, invoice.businessId));
    expect(row).toBeDefined();
  });
});

describe("payments", () => {
  it("a card payment is told once, with the amount paid, whichever of return and webhook records it", async () => {
    const { token, subscriptionId } = await invoiceWithPhone();
    const { sessionId } = await payAndFollow(token);
    await stripe.completeSession(sessionId, { paymentStatus: "paid" });
    // The customer comes back from Checkout before (or, shuffled, after) the webhooks.
    await page(token, `?checkout=success&session_id=${sessionId}`, withPush());
    await flush({ env: withPush() });
    await page(token, `?checkout=success&session_id=${sessionId}`, withPush());
    expect(await titles(subscriptionId)).toEqual(["GL-2001 paid $125.00"]);
  });

  it("a failed bank payment is told once, and never as paid", async () => {
    const { token, subscriptionId } = await invoiceWithPhone();
    const { sessionId } = await payAndFollow(token);
    await stripe.completeSession(sessionId, { paymentStatus: "unpaid" });
    await flush({ env: withPush() });
    await stripe.settleBankPayment(sessionId, "failed");
    await flush({ env: withPush() });
    expect(await titles(subscriptionId)).toEqual(["Bank payment for GL-2001 failed"]);
  });

  it("a dispute is told once, however many of its events arrive", async () => {
    const { token, subscriptionId } = await invoiceWithPhone();
    const { sessionId } = await payAndFollow(token);
    await stripe.completeSession(sessionId, { paymentStatus: "paid" });
    await flush({ env: withPush() });
    const { disputeId } = await stripe.dispute(sessionId, { reason: "fraudulent" });
    await flush({ env: withPush() });
    await stripe.updateDispute(disputeId, "under_review");
    await flush({ env: withPush() });
    expect(await titles(subscriptionId)).toEqual(["GL-2001 paid $125.00", "GL-2001 disputed"]);
  });

  it("a webhook's answer does not depend on the push service", async () => {
    const { token, subscriptionId } = await invoiceWithPhone();
    await fetch(`${PUSH_SERVICE}/subscriptions/${subscriptionId}/answer`, {
      method: "POST",
      body: JSON.stringify({ status: 500 }),
    });
    const { sessionId } = await payAndFollow(token);
    await stripe.completeSession(sessionId, { paymentStatus: "paid" });
    const attempts = await flush({ env: withPush() });
    expect(attempts.every((a) => a.status === 200)).toBe(true);
    expect(await titles(subscriptionId)).toEqual(["GL-2001 paid $125.00"]);
  });
});

describe("a device the push service no longer knows", () => {
  it("loses its subscription on 410, and is not pushed to again", async () => {
    const { invoice, token, subscriptionId } = await invoiceWithPhone();
    await fetch(`${PUSH_SERVICE}/subscriptions/${subscriptionId}/answer`, {
      method: "POST",
      body: JSON.stringify({ status: 410 }),
    });
    await seen(token, PHONE);
    expect(await received(subscriptionId)).toHaveLength(1);
    const rows = () =>
      db
        .select()
        .from(pushSubscriptions)
        .where(eq(pushSubscriptions.businessId, invoice.businessId));
    expect(await rows()).toEqual([]);
    const { sessionId } = await payAndFollow(token);
    await stripe.completeSession(sessionId, { paymentStatus: "paid" });
    await flush({ env: withPush() });
    expect(await received(subscriptionId)).toHaveLength(1);
  });
});

describe("the daily overdue digest", () => {
  it("reaches the owner's phone as one push from the scheduled handler", async () => {
    // A date long before every other test's due dates, so only this business has anything
    // overdue when the run looks at the shared database.
    const morning = Date.parse("2020-06-02T16:00:00Z"); // 09:00 in Los Angeles
    const business = await makeBusiness(db, {
      name: "Greenleaf Landscaping",
      timezone: "America/Los_Angeles",
      defaultLocale: "en-US",
    });
    const due = { businessId: business.id, status: "sent" as const, dueDate: "2020-06-01" };
    await makeInvoice(db, { ...due, number: "GL-1001", items: [{ unitPrice: 53_349 }] });
    await makeInvoice(db, { ...due, number: "GL-1002", dueDate: "2020-06-02" });
    const { subscriptionId } = await ownerPhone(business.id);

    await runScheduled(
      createScheduledController({ scheduledTime: morning, cron: "0 * * * *" }),
      withPush(),
    );
    await runScheduled(
      createScheduledController({ scheduledTime: morning + 3_600_000, cron: "0 * * * *" }),
      withPush(),
    );

    const pushes = await received(subscriptionId);
    expect(pushes.map((p) => p.problem).filter(Boolean)).toEqual([]);
    expect(pushes.map((p) => JSON.parse(p.text ?? "{}"))).toEqual([
      {
        title: "1 invoice became overdue",
        body: "GL-1001 $533.49",
        url: "/app?filter=overdue",
        tag: "overdue-2020-06-02",
      },
    ]);
  });
});
