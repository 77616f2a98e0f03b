import type { Business } from "../../db/schema";
import type { Ledger } from "../domain/ledger";
import type { Config } from "../env";

// When the customer may pay online. One rule, used by the page (show the button or not) and by
// the Pay handler (create a Checkout Session or not), so the two can never disagree.

export interface PayFacts {
  plan: Business["plan"];
  /** ISO 4217 code of the invoice. */
  currency: string;
  /** Stripe can take the payment and its webhooks can be verified (see stripeConfiguredFor). */
  stripeConfigured: boolean;
  /**
   * A connected account's `charges_enabled` as Stripe last reported it; null when nothing was
   * reported (the platform account, or an account linked by hand), which is not a blocker.
   */
  connectedChargesEnabled?: boolean | null;
  /** The invoice's money, as the one ledger counts it. */
  ledger: Pick<Ledger, "state" | "processing" | "balanceDue">;
}

export type PayBlocker =
  | "free_plan"
  | "stripe_not_configured"
  /** The connected account is still onboarding: Stripe does not let it take charges yet. */
  | "account_not_ready"
  | "void"
  | "processing"
  | "paid"
  | "refunded"
  | "nothing_due"
  /** Below Stripe's minimum charge for the currency: the customer is told to contact the business. */
  | "below_minimum";

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
  if (facts.connectedChargesEnabled === false) return "account_not_ready";
  if (ledger.state === "void") return "void";
  if (ledger.processing) return "processing";
  if (ledger.balanceDue > 0) {
    return checkoutAmount(ledger.balanceDue, facts.currency) < minimumCharge(facts.currency)
      ? "below_minimum"
      : null;
  }
  if (ledger.state === "paid") return "paid";
  if (ledger.state === "refunded" || ledger.state === "partially_refunded") return "refunded";
  return "nothing_due";
}

export function canPayOnline(facts: PayFacts): boolean {
  return payBlocker(facts) === null;
}

// Stripe's minimum charge per currency ("Minimum and maximum charge amounts" in Stripe's
// currency documentation), in ISO 4217 minor units as this project stores money. Stripe refuses
// a Checkout Session below it. For currencies not listed Stripe checks the amount converted to
// the account's settlement currency, which cannot be known here: those are sent as they are.
const MINIMUM_CHARGE: Readonly<Record<string, number>> = {
  AED: 200,
  AUD: 50,
  BGN: 100,
  BRL: 50,
  CAD: 50,
  CHF: 50,
  CZK: 1500,
  DKK: 250,
  EUR: 50,
  GBP: 30,
  HKD: 400,
  HUF: 17500,
  INR: 50,
  JPY: 50,
  MXN: 1000,
  MYR: 200,
  NOK: 300,
  NZD: 50,
  PLN: 200,
  RON: 200,
  SEK: 300,
  SGD: 50,
  THB: 1000,
  USD: 50,
};

// Stripe takes these in thousandths, like ISO 4217, but only in multiples of 10 for card
// payments (the last digit must be 0).
const THREE_DECIMAL = new Set(["BHD", "JOD", "KWD", "OMR", "TND"]);

/** The smallest amount Stripe charges in this currency, in minor units (1 when unknown). */
export function minimumCharge(currency: string): number {
  const code = currency.toUpperCase();
  return Object.hasOwn(MINIMUM_CHARGE, code) ? (MINIMUM_CHARGE[code] ?? 1) : 1;
}

/**
 * The amount Checkout is asked for, for a balance due: the balance itself, except in the
 * three-decimal currencies, rounded UP to a multiple of 10 as Stripe requires. Up, so the
 * invoice ends paid: the customer pays at most 0.009 more, which the owner sees as a refund due.
 */
export function checkoutAmount(balanceDue: number, currency: string): number {
  if (!THREE_DECIMAL.has(currency.toUpperCase())) return balanceDue;
  return Math.ceil(balanceDue / 10) * 10;
}
