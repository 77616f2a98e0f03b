import type { Business } from "../../db/schema";
import type { Ledger } from "../domain/ledger";
import type { Config } from "../env";

// When the customer may pay online. One rule, used by the page (show the button or not) and by
// the Pay handler (create a Checkout Session or not), so the two can never disagree.

export interface PayFacts {
  plan: Business["plan"];
  /** Stripe can take the payment and its webhooks can be verified (see stripeConfiguredFor). */
  stripeConfigured: boolean;
  /** The invoice's money, as the one ledger counts it. */
  ledger: Pick<Ledger, "state" | "processing" | "balanceDue">;
}

export type PayBlocker =
  | "free_plan"
  | "stripe_not_configured"
  | "void"
  | "processing"
  | "paid"
  | "refunded"
  | "nothing_due";

export type StripeSetup = Pick<
  Config,
  "STRIPE_SECRET_KEY" | "STRIPE_WEBHOOK_SECRET" | "STRIPE_CONNECT_WEBHOOK_SECRET"
>;

/**
 * Whether a business can be paid through Stripe: the secret key, and the signing secret of the
 * webhook endpoint its payments' events come from. A business with a connected account is paid
 * on that account, whose events (an ACH debit settling days later, a refund) come only from the
 * Connect endpoint; the others' come from the platform endpoint. Without that secret those
 * events could not be verified, and a payment would stay processing or unrecorded.
 */
export function stripeConfiguredFor(config: StripeSetup, stripeAccountId: string | null): boolean {
  if (!config.STRIPE_SECRET_KEY) return false;
  return Boolean(
    stripeAccountId ? config.STRIPE_CONNECT_WEBHOOK_SECRET : config.STRIPE_WEBHOOK_SECRET,
  );
}

/**
 * Why Pay Now is not offered, or null when it is: offered exactly when the ledger has a balance
 * due and no bank debit is on its way (no double payment). Refunds never block it: a refund is
 * never owed again, so a balance left after one is what was never paid.
 */
export function payBlocker(facts: PayFacts): PayBlocker | null {
  const { ledger } = facts;
  if (facts.plan !== "pro") return "free_plan";
  if (!facts.stripeConfigured) return "stripe_not_configured";
  if (ledger.state === "void") return "void";
  if (ledger.processing) return "processing";
  if (ledger.balanceDue > 0) return null;
  if (ledger.state === "paid") return "paid";
  if (ledger.state === "refunded" || ledger.state === "partially_refunded") return "refunded";
  return "nothing_due";
}

export function canPayOnline(facts: PayFacts): boolean {
  return payBlocker(facts) === null;
}
