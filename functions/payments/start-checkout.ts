import type { Db } from "../../db/client";
import type { Payment } from "../../db/schema";
import { newId } from "../domain/tokens";
import { uniqueViolation } from "../domain/unique-violation";
import type { Config } from "../env";
import { type ResolvedLink, resolvePortalLink } from "../links/resolve-portal-link";
import type { StripeClient } from "../platform/stripe-client";
import { brandingOf } from "../views/invoice-view";
import { checkoutParams, SESSION_LIFETIME_MS } from "./checkout-params";
import { publishSession, readInFlight, reserveSlot } from "./checkout-slot";
import { endSession } from "./end-session";
import type { PayBlocker, StripeSetup } from "./pay-eligibility";
import { payableOf } from "./payable";
import type { OnPaymentNews } from "./payment-news";
import { releasePayment } from "./release-payment";

// Pay Now: send the customer to a Stripe Checkout Session for the balance due, reusing the one
// already made for this invoice when it still fits, and never making two at once.
//
// Race design. The payment row is written BEFORE Stripe is called, status open and no URL, and
// the partial unique index payments_one_in_flight_per_invoice lets only one such row exist per
// invoice. Two clicks at once both try to insert; the database refuses the second, which then
// polls the winner's row (every 250 ms, up to 2 s) until the winner has stored the session URL,
// and redirects there too. If the winner is still not done, the loser sends the customer back to
// the portal with a "try again" notice; the next click finds the URL and reuses it. A winner that
// dies half-way leaves a row without a URL; after ABANDONED_AFTER_MS (longer than any Stripe call
// can take) the next click gives that row up and starts afresh, and if the slow winner then
// comes back, its guarded update finds the row released, so it expires its session instead of
// publishing it. Stripe is called with an idempotency key derived from the payment id, so the
// SDK's retry of a lost request cannot make a second session either.

/** A session with less time left than this is not handed out again. */
export const REUSE_MARGIN_MS = 10 * 60 * 1000;
/** A reserved row still without a URL after this long was abandoned by its request. */
export const ABANDONED_AFTER_MS = 30 * 1000;
const WAIT_INTERVAL_MS = 250;
const WAIT_ATTEMPTS = 8;

export interface CheckoutDeps {
  db: Db;
  /** The Stripe client (null when Stripe is not set up), loaded while the link is read. */
  stripe: () => Promise<StripeClient | null>;
  config: Pick<Config, "PUBLIC_BASE_URL"> & StripeSetup;
  now: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Told when replacing a stale session finds it paid meanwhile and records that. */
  onNews?: OnPaymentNews;
}

export type StartResult =
  | { kind: "not_found" }
  | { kind: "revoked"; link: Extract<ResolvedLink, { kind: "revoked" }> }
  | { kind: "not_payable"; reason: PayBlocker | "settled" }
  | { kind: "checkout"; url: string; reused: boolean }
  /** Another click is still preparing the session, or the invoice changed meanwhile. */
  | { kind: "busy" }
  /** Stripe refused or could not be reached; nothing is left reserved. */
  | { kind: "stripe_failed" };

type Active = Extract<ResolvedLink, { kind: "active" }>;

interface Wanted {
  version: number;
  amount: number;
  currency: string;
  account: string | null;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function fits(row: Payment, wanted: Wanted, now: Date): row is Payment & { checkoutUrl: string } {
  return (
    row.checkoutUrl !== null &&
    row.invoiceVersion === wanted.version &&
    row.amount === wanted.amount &&
    row.currency === wanted.currency &&
    (row.stripeAccountId ?? null) === wanted.account &&
    row.expiresAt !== null &&
    row.expiresAt.getTime() - now.getTime() > REUSE_MARGIN_MS
  );
}

export async function startCheckout(
  deps: CheckoutDeps,
  input: { token: string },
): Promise<StartResult> {
  for (let attempt = 0; attempt < 2; attempt++) {
    // In a fresh isolate the SDK's chunk is evaluated while the database answers.
    const [resolved, stripe] = await Promise.all([
      resolvePortalLink(deps.db, input.token),
      deps.stripe(),
    ]);
    if (resolved.kind === "not_found") return { kind: "not_found" };
    if (resolved.kind === "revoked") return { kind: "revoked", link: resolved };
    const result = await payFor({ ...deps, stripe }, input.token, resolved);
    // The invoice changed between our read and our write: read it again, once.
    if (result !== "changed") return result;
  }
  return { kind: "busy" };
}

async function payFor(
  deps: Omit<CheckoutDeps, "stripe"> & { stripe: StripeClient | null },
  token: string,
  facts: Active,
): Promise<StartResult | "changed"> {
  const { db, stripe } = deps;
  const now = deps.now();
  const payable = payableOf(facts, deps.config, now);
  if (payable.blocker || !stripe) {
    return { kind: "not_payable", reason: payable.blocker ?? "settled" };
  }
  const { invoice, business } = facts;
  const wanted: Wanted = {
    version: invoice.version,
    amount: payable.amount,
    currency: invoice.currency,
    account: business.stripeAccountId ?? null,
  };

  let release: { paymentId: string; onlyWithoutUrl: boolean } | undefined;
  const inFlight = facts.payments.find(
    (p) => p.provider === "stripe" && (p.status === "open" || p.status === "processing"),
  );
  if (inFlight?.status === "processing") return { kind: "not_payable", reason: "processing" };
  if (inFlight && inFlight.checkoutUrl === null) {
    if (now.getTime() - inFlight.createdAt.getTime() < ABANDONED_AFTER_MS) {
      return waitForSession(deps, invoice.id, wanted);
    }
    release = { paymentId: inFlight.id, onlyWithoutUrl: true };
  } else if (inFlight) {
    if (fits(inFlight, wanted, now)) {
      return { kind: "checkout", url: inFlight.checkoutUrl, reused: true };
    }
    // It no longer fits (the invoice was edited, the balance changed, it is about to expire).
    const ended = await endSession(
      { db, stripe, now: deps.now, onNews: deps.onNews },
      { ...inFlight, checkoutSessionId: inFlight.checkoutSessionId as string },
    );
    if (ended === "settled") return { kind: "not_payable", reason: "settled" };
    if (ended !== "ended") return { kind: "stripe_failed" };
    release = { paymentId: inFlight.id, onlyWithoutUrl: false };
  }

  const paymentId = newId("pay");
  const expiresAt = new Date(Math.floor((now.getTime() + SESSION_LIFETIME_MS) / 1000) * 1000);
  try {
    const reserved = await reserveSlot(db, {
      paymentId,
      invoiceId: invoice.id,
      invoiceVersion: invoice.version,
      received: payable.received,
      amount: payable.amount,
      stripeAccountId: wanted.account,
      expiresAt,
      now,
      release,
    });
    if (!reserved) return "changed";
  } catch (error) {
    if (uniqueViolation(error)?.includes("payments.invoice_id")) {
      return waitForSession(deps, invoice.id, wanted);
    }
    throw error;
  }

  const account = wanted.account ? { stripeAccount: wanted.account } : {};
  let session: { id: string; url: string | null };
  try {
    session = await stripe.checkout.sessions.create(
      checkoutParams({
        invoice,
        businessName: brandingOf(facts).businessName,
        paymentId,
        amount: payable.amount,
        expiresAt,
        publicBaseUrl: deps.config.PUBLIC_BASE_URL,
        token,
      }),
      { idempotencyKey: `checkout-session-${paymentId}`, ...account },
    );
  } catch (error) {
    console.error(`Creating a Checkout Session for invoice ${invoice.id} failed:`, error);
    await releasePayment(db, { paymentId, now });
    return { kind: "stripe_failed" };
  }
  if (!session.url) {
    await releasePayment(db, { paymentId, now });
    return { kind: "stripe_failed" };
  }

  let published: boolean;
  try {
    published = await publishSession(db, {
      paymentId,
      sessionId: session.id,
      url: session.url,
      amount: payable.amount,
      currency: invoice.currency,
      now,
    });
  } catch (error) {
    // Nobody has this session's URL: make sure nobody ever can, then report the failure.
    await expireQuietly(stripe, session.id, account);
    throw error;
  }
  if (!published) {
    await expireQuietly(stripe, session.id, account);
    return { kind: "busy" };
  }
  return { kind: "checkout", url: session.url, reused: false };
}

/** The click that lost the race: wait for the winner's URL, briefly. */
async function waitForSession(
  deps: Pick<CheckoutDeps, "db" | "now" | "sleep">,
  invoiceId: string,
  wanted: Wanted,
): Promise<StartResult> {
  const sleep = deps.sleep ?? sleepFor;
  for (let i = 0; i < WAIT_ATTEMPTS; i++) {
    await sleep(WAIT_INTERVAL_MS);
    const row = await readInFlight(deps.db, invoiceId);
    // The winner gave up (Stripe failed): this customer may simply try again.
    if (!row) return { kind: "busy" };
    if (row.status === "processing") return { kind: "not_payable", reason: "processing" };
    if (row.checkoutUrl) {
      return fits(row, wanted, deps.now())
        ? { kind: "checkout", url: row.checkoutUrl, reused: true }
        : { kind: "busy" };
    }
  }
  return { kind: "busy" };
}

async function expireQuietly(
  stripe: StripeClient,
  sessionId: string,
  account: { stripeAccount?: string },
): Promise<void> {
  try {
    await stripe.checkout.sessions.expire(sessionId, {}, account);
  } catch (error) {
    console.error(`Expiring unpublished Checkout Session ${sessionId} failed:`, error);
  }
}
