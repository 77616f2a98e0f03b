import { type Context, Hono } from "hono";
import type { Business } from "../../../db/schema";
import type { Config } from "../../env";
import { readSettings } from "../../owners/account-reads";
import {
  canStartSetup,
  type PaymentsState,
  paymentsState,
  paymentsView,
  type StripeOffer,
} from "../../owners/payments-setup-view";
import {
  ONBOARDING_REFRESH_PATH,
  ONBOARDING_RETURN_PATH,
  startPaymentsSetup,
} from "../../payments/connect-onboarding";
import { stripeConfiguredFor } from "../../payments/pay-eligibility";
import { isStripeError, isStripeUnavailable } from "../../platform/stripe-client";
import type { OwnerPage } from "../../views/owner-page-model";
import { appOrigin, requireSession, SIGN_IN_PATH } from "./guard";
import type { OwnerEnv } from "./owner-env";
import { labels, renderOwner } from "./page";
import { APP_PATH, presentedSessionHash } from "./session-cookie";

// Online payments: the business's own Stripe account through Stripe Connect's hosted onboarding.
// The owner starts (or continues) with a form post; Stripe sends them back to the return page
// when they leave onboarding, or to the refresh page when the link they hold has expired or
// was used. Readiness itself arrives only by `account.updated` on the Connect webhook, whose
// handler reads the account from Stripe: pages here only read what it stored.

export const paymentsPages = new Hono<OwnerEnv>();

export const PAYMENTS_PATH = "/app/settings/payments";

/** A path of the app as routed inside it (without the /app it is mounted on). */
const inApp = (path: string) => path.slice(APP_PATH.length);

/** What this deployment's Stripe configuration allows. */
export function stripeOffer(config: Config): StripeOffer {
  return {
    key: Boolean(config.STRIPE_SECRET_KEY),
    platform: stripeConfiguredFor(config, null),
    connect: Boolean(config.STRIPE_SECRET_KEY && config.STRIPE_CONNECT_WEBHOOK_SECRET),
  };
}

export function paymentsStateOf(c: Context<OwnerEnv>, business: Business): PaymentsState {
  return paymentsState(business, stripeOffer(c.var.config));
}

function showPayments(
  c: Context<OwnerEnv>,
  status: OwnerPage["status"],
  business: Business,
  extras: { notice?: string | null; error?: string } = {},
) {
  const { t } = labels(c);
  return renderOwner(c, status, paymentsView(business, stripeOffer(c.var.config), t), {
    title: t.onlinePayments,
    businessName: business.name,
    nav: "settings",
    // Shown as a refusal when the status says so (the layout marks notices of 4xx/5xx pages).
    notice: extras.error ?? extras.notice ?? null,
  });
}

/** The signed-in owner's business, read with the session check; null sends them to sign in. */
async function signedInBusiness(c: Context<OwnerEnv>): Promise<Business | null> {
  const hash = await presentedSessionHash(c);
  const session = hash
    ? await readSettings(c.var.db, { sessionHash: hash, now: c.var.now() })
    : null;
  return session?.business ?? null;
}

/**
 * A fresh onboarding link for the business (its account made first if it has none) and off to
 * Stripe. Stripe sends the owner back to the origin they are using, where their session cookie
 * lives. When Stripe cannot be reached or refuses, the owner stays here with a plain reason;
 * the business keeps whatever account was already made, so trying again loses nothing.
 */
async function toOnboarding(c: Context<OwnerEnv>, business: Business) {
  const { t } = labels(c);
  const stripe = await c.var.stripe();
  if (!stripe || !canStartSetup(business, stripeOffer(c.var.config))) {
    return showPayments(c, 400, business, { error: t.setupNotOffered });
  }
  try {
    const setup = await startPaymentsSetup(
      { db: c.var.db, stripe, publicBaseUrl: appOrigin(c).origin, now: c.var.now() },
      { businessId: business.id },
    );
    return c.redirect(setup.onboardingUrl, 303);
  } catch (error) {
    if (!isStripeError(error)) throw error;
    console.error(
      `[${c.var.requestId ?? ""}] ${c.req.method} ${c.req.path}: Stripe ${error.type}: ${error.message}`,
    );
    const now = (await signedInBusiness(c)) ?? business;
    return showPayments(c, 503, now, {
      error: isStripeUnavailable(error) ? t.stripeSetupFailed : t.stripeSetupRefused,
    });
  }
}

paymentsPages.get(inApp(PAYMENTS_PATH), async (c) => {
  const business = await signedInBusiness(c);
  if (!business) return c.redirect(SIGN_IN_PATH, 303);
  return showPayments(c, 200, business);
});

paymentsPages.post(inApp(PAYMENTS_PATH), requireSession, (c) =>
  toOnboarding(c, c.var.owner.business),
);

// Back from Stripe's onboarding: finished, or left half way. What Stripe decided comes by
// webhook, usually within moments; until it has, the page says Stripe is confirming.
paymentsPages.get(inApp(ONBOARDING_RETURN_PATH), async (c) => {
  const business = await signedInBusiness(c);
  if (!business) return c.redirect(SIGN_IN_PATH, 303);
  const { t } = labels(c);
  const state = paymentsStateOf(c, business);
  const notice =
    state === "ready" ? t.paymentsReady : state === "pending" ? t.stripeConfirming : null;
  return showPayments(c, 200, business, { notice });
});

// Stripe sends the owner here (a GET) when the onboarding link expired or was used: a new link
// for the account the business already has, so they carry on where they were. A GET never
// makes an account: without one, this is only the payments page with its button.
paymentsPages.get(inApp(ONBOARDING_REFRESH_PATH), async (c) => {
  const business = await signedInBusiness(c);
  if (!business) return c.redirect(SIGN_IN_PATH, 303);
  if (!business.stripeAccountId || !canStartSetup(business, stripeOffer(c.var.config))) {
    return c.redirect(PAYMENTS_PATH, 303);
  }
  return toOnboarding(c, business);
});
