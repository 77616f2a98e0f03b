import { env } from "cloudflare:workers";
import { createDb } from "../../db/client";
import { createApp } from "../../functions/app";
import { readConfig } from "../../functions/env";
import type { InvoicePage, PortalPage } from "../../functions/views/page-model";
import { fakeStripeClient } from "../fake-stripe/client";
import type { SignedEvent } from "../fake-stripe/server";
import type { FakeSession } from "../fake-stripe/store";
import { makePayableInvoice, pageOf } from "../support/payment-fixtures";

// What the payment tests in workerd share: the app as the Worker builds it (pages answered as
// their JSON model), its bindings (Stripe pointed at the fake Stripe API started by
// global-setup.ts), a database handle, and the fake's HTTP controls.

export const bindings = env as unknown as Record<string, string>;
export const app = createApp({ renderPage: (c, page) => c.json({ page }, page.status) });
export const db = createDb(readConfig(bindings));
export const stripe = fakeStripeClient(bindings.TEST_FAKE_STRIPE_URL ?? "");
/** The same Worker without Stripe configured. */
export const noStripe = { ...bindings, STRIPE_SECRET_KEY: "" };

export function payable(
  options: Omit<Parameters<typeof makePayableInvoice>[1], "signingSecret"> = {},
) {
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

/** Delivers a signed event to the webhook endpoint, as Stripe would. */
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

export async function sessionsOf(invoiceId: string): Promise<FakeSession[]> {
  return stripe.sessionsFor(invoiceId);
}

/** A signed event, never delivered by the fake itself (the app runs in this isolate). */
export const quiet = { deliver: false } as const;
