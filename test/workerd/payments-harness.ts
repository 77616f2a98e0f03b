import { env } from "cloudflare:workers";
import { beforeAll } from "vitest";
import { createDb } from "../../db/client";
import { createApp } from "../../functions/app";
import { readConfig } from "../../functions/env";
import type { InvoicePage, PortalPage } from "../../functions/views/page-model";
import { type FakeStripeClient, fakeStripeClient } from "../../tools/fake-stripe/client";
import type { DeliveryMode } from "../../tools/fake-stripe/delivery";
import type { SignedEvent } from "../../tools/fake-stripe/server";
import type { FakeSession } from "../../tools/fake-stripe/store";
import { makePayableInvoice, pageOf } from "../support/payment-fixtures";

// What the payment tests in workerd share: the app as the Worker builds it (pages answered as
// their JSON model), its bindings, a database handle, and a fake Stripe API of the test file's
// own (own key, webhook secrets, clock and webhook outbox), made by the fake started in
// global-setup.ts. Webhooks reach the app the way Stripe sends them: `flush()` carries every
// event the fake queued to /webhooks/stripe and reports each answer back, so failed attempts
// are retried on the fake's clock. The workerd-shuffled project runs the same files with
// delivery that is late, doubled and out of order.

const base = env as unknown as Record<string, string>;
export const bindings: Record<string, string> = { ...base };
/** Work queued after a response (a view's write, the owner's notice), awaited by `settle()`. */
const pending: Promise<void>[] = [];
export const app = createApp({
  renderPage: (c, page) => c.json({ page }, page.status),
  keepAlive: (work) => {
    pending.push(work);
  },
});

/** Waits for every piece of work queued after a response so far, instead of sleeping. */
export async function settle(): Promise<void> {
  while (pending.length) await Promise.all(pending.splice(0));
}
// Read from the base bindings: the app's configuration is cached per bindings object, and
// `bindings` only gets this file's fake Stripe once the tests start.
export const db = createDb(readConfig(base));
/** The test file's own fake Stripe (filled in before its tests run). */
export const stripe = {} as FakeStripeClient;
/** The same Worker without Stripe configured. */
export const noStripe = { ...bindings, STRIPE_SECRET_KEY: "" };

export const deliveryMode: DeliveryMode =
  base.TEST_STRIPE_DELIVERY === "shuffled"
    ? { mode: "shuffled", seed: Number(base.TEST_STRIPE_SEED ?? 1) }
    : { mode: "in_order" };

beforeAll(async () => {
  const instance = await fakeStripeClient(base.TEST_FAKE_STRIPE_URL ?? "").spawn({
    delivery: deliveryMode,
  });
  Object.assign(bindings, {
    STRIPE_API_URL: instance.url,
    STRIPE_SECRET_KEY: instance.secretKey,
    STRIPE_WEBHOOK_SECRET: instance.webhookSecret,
    STRIPE_CONNECT_WEBHOOK_SECRET: instance.connectWebhookSecret,
  });
  Object.assign(stripe, fakeStripeClient(instance.url));
});

/** An invoice ready for Pay Now; a business with a Stripe account has it connected first. */
export async function payable(
  options: Omit<Parameters<typeof makePayableInvoice>[1], "signingSecret"> = {},
) {
  const account = options.business?.stripeAccountId;
  if (account) await stripe.connectAccount(account);
  return makePayableInvoice(db, { signingSecret: bindings.SIGNING_SECRET ?? "", ...options });
}

/** Clicks Pay Now (a form POST) and returns the raw answer. */
export function pay(token: string, init: RequestInit = {}, withEnv = bindings) {
  return app.request(`/p/${token}/pay`, { method: "POST", redirect: "manual", ...init }, withEnv);
}

/** Clicks Pay Now and expects a redirect to a Checkout Session; returns its id and URL. */
export async function payAndFollow(token: string): Promise<{ url: string; sessionId: string }> {
  const response = await pay(token);
  const url = response.headers.get("Location") ?? "";
  if (response.status !== 303 || !url.startsWith(stripe.url)) {
    throw new Error(`expected a redirect to Checkout, got ${response.status} ${url}`);
  }
  return { url, sessionId: url.slice(url.lastIndexOf("/") + 1) };
}

export async function page(token: string, query = "", withEnv = bindings): Promise<PortalPage> {
  return pageOf(await app.request(`/p/${token}${query}`, {}, withEnv));
}

export async function invoicePage(token: string, query = ""): Promise<InvoicePage> {
  const model = await page(token, query);
  if (model.kind !== "invoice") throw new Error(`expected an invoice page, got ${model.kind}`);
  return model;
}

/** POSTs one signed event to the webhook endpoint, as Stripe would. */
export function deliver(signed: Pick<SignedEvent, "payload" | "signature">, withEnv = bindings) {
  return app.request(
    "/webhooks/stripe",
    {
      method: "POST",
      headers: { "Content-Type": "application/json", "Stripe-Signature": signed.signature },
      body: signed.payload,
    },
    withEnv,
  );
}

export async function deliverOk(signed: SignedEvent): Promise<string> {
  const response = await deliver(signed);
  const body = (await response.json()) as { result?: string };
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
  return body.result ?? "";
}

export interface Attempt {
  type: string;
  eventId: string;
  status: number;
}

/**
 * Carries the fake's queued webhook deliveries to the app until none is left, as Stripe would:
 * those due now, then the late ones and (unless `retry` is false) the retries of failed ones,
 * by moving the fake's clock to when each falls due. `answerLate` reports every answer as timed
 * out (the Worker was too slow), so Stripe tries again. Returns the attempts made, in order.
 */
export async function flush(
  options: { env?: Record<string, string>; retry?: boolean; answerLate?: boolean } = {},
): Promise<Attempt[]> {
  const attempts: Attempt[] = [];
  for (let round = 0; round < 500; round++) {
    const due = await stripe.takeDue();
    for (const delivery of due.deliveries) {
      const response = await deliver(delivery, options.env ?? bindings);
      await response.arrayBuffer();
      attempts.push({
        type: delivery.event.type,
        eventId: delivery.event.id,
        status: response.status,
      });
      await stripe.report(delivery.id, options.answerLate ? "timeout" : response.status);
    }
    if (due.deliveries.length > 0) continue;
    const next = options.retry === false ? due.nextFirstTryAt : due.nextDueAt;
    if (next === null) return attempts;
    await stripe.advanceClock(Math.max(next - due.now, 0));
  }
  throw new Error("webhook deliveries never ran out");
}

/** Flushes and expects every attempt to have been answered 200 (so none is retried). */
export async function flushOk(): Promise<Attempt[]> {
  const attempts = await flush();
  const failed = attempts.filter((a) => a.status !== 200);
  if (failed.length) throw new Error(`webhook answers: ${JSON.stringify(failed)}`);
  return attempts;
}

export async function sessionsOf(invoiceId: string): Promise<FakeSession[]> {
  return stripe.sessionsFor(invoiceId);
}
