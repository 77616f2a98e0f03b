import { and, eq, isNull } from "drizzle-orm";
import type Stripe from "stripe";
import type { Db } from "../../db/client";
import { businesses } from "../../db/schema";
import { AppError } from "../http/errors";
import type { StripeClient } from "../platform/stripe-client";

// Setting up online payments for a business through Stripe Connect: the platform creates the
// business's own Stripe account and sends the owner through Stripe's hosted onboarding. The
// owner app calls these; readiness then arrives by `account.updated` (recordAccountReadiness).
//
// The account is created with `controller` properties as a Standard-style account: the business
// gets the full Stripe Dashboard, pays Stripe's fees itself, and Stripe (not the platform) bears
// losses and collects what it needs to know. Payments are direct charges on that account, as the
// portal already makes them, and the portal takes no fee, so nothing ties the platform's balance
// to the business's refunds or disputes.
export const ACCOUNT_CONTROLLER: Stripe.AccountCreateParams.Controller = {
  stripe_dashboard: { type: "full" },
  fees: { payer: "account" },
  losses: { payments: "stripe" },
  requirement_collection: "stripe",
};

/** Where Stripe's onboarding sends the owner back: pages of the owner app. */
export const ONBOARDING_RETURN_PATH = "/app/settings/payments/return";
export const ONBOARDING_REFRESH_PATH = "/app/settings/payments/refresh";

export interface PaymentsSetup {
  accountId: string;
  /** Stripe's hosted onboarding, valid a few minutes and once: redirect the owner there now. */
  onboardingUrl: string;
  /** The account was created by this call (false: the business's existing account). */
  created: boolean;
}

/**
 * The business's connected account (created on the first call, with an idempotency key so a
 * retried call never makes two), and a fresh Account Link into onboarding for it. Call it again
 * from the refresh page when a link has expired or was used.
 */
export async function startPaymentsSetup(
  deps: { db: Db; stripe: StripeClient; publicBaseUrl: string; now: Date },
  input: { businessId: string },
): Promise<PaymentsSetup> {
  const { db, stripe } = deps;
  const [business] = await db
    .select({
      id: businesses.id,
      email: businesses.email,
      currency: businesses.defaultCurrency,
      accountId: businesses.stripeAccountId,
    })
    .from(businesses)
    .where(eq(businesses.id, input.businessId));
  if (!business) throw new AppError("not_found", "Business not found");

  let accountId = business.accountId;
  const created = accountId === null;
  if (accountId === null) {
    const account = await stripe.accounts.create(
      {
        controller: ACCOUNT_CONTROLLER,
        ...(business.email.includes("@") ? { email: business.email } : {}),
        default_currency: business.currency.toLowerCase(),
        metadata: { business_id: business.id },
      },
      { idempotencyKey: `connect-account-${business.id}` },
    );
    accountId = account.id;
    // Only if still unset; the idempotency key gives a racing second call the same account.
    await db
      .update(businesses)
      .set({
        stripeAccountId: account.id,
        stripeChargesEnabled: account.charges_enabled,
        stripePayoutsEnabled: account.payouts_enabled,
        stripeRequirementsDue: (account.requirements?.currently_due ?? []).join(","),
        updatedAt: deps.now,
      })
      .where(and(eq(businesses.id, business.id), isNull(businesses.stripeAccountId)));
  }
  const link = await stripe.accountLinks.create({
    account: accountId,
    type: "account_onboarding",
    return_url: `${deps.publicBaseUrl}${ONBOARDING_RETURN_PATH}`,
    refresh_url: `${deps.publicBaseUrl}${ONBOARDING_REFRESH_PATH}`,
  });
  return { accountId, onboardingUrl: link.url, created };
}
