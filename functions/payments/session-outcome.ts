import type Stripe from "stripe";
import type { PAYMENT_METHODS } from "../../db/schema";

// What a Checkout Session, as Stripe reports it NOW, means for our payment row. Webhooks and
// the return from Checkout both read the current session rather than an event's snapshot, so
// events arriving late, twice or out of order all lead to the same answer.

export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export type CheckoutOutcome =
  /** Still open: nothing to record yet. */
  | { status: "open" }
  /** Completed without a payment (a zero amount): nothing to record. */
  | { status: "no_payment" }
  | { status: "expired" }
  | {
      status: "processing" | "succeeded" | "failed";
      /** What Stripe says was charged, recorded as it is even if it differs from the balance. */
      amount: number;
      currency: string;
      paymentIntentId: string | null;
      method: PaymentMethod | null;
      /** What the customer's receipt names, when the charge was expanded and says it. */
      receipt: ChargeReceipt;
    };

export interface ChargeReceipt {
  /** The card's brand ("visa") or the bank's name. */
  brand: string | null;
  last4: string | null;
  receiptNumber: string | null;
}

/** What every read of a session asks Stripe to expand, so the outcome can be read in full. */
export const SESSION_EXPAND = ["payment_intent.payment_method", "payment_intent.latest_charge"];

const NO_RECEIPT: ChargeReceipt = { brand: null, last4: null, receiptNumber: null };

/** Only text Stripe documents as such; anything else is left out rather than shown. */
function text(value: unknown, max: number): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim().slice(0, max) : null;
}

/** The card's brand and last four, or the bank's name and last four, and the receipt number. */
export function chargeReceipt(charge: Stripe.Charge | string | null | undefined): ChargeReceipt {
  if (!charge || typeof charge !== "object") return NO_RECEIPT;
  const details = charge.payment_method_details;
  const card = details?.card;
  const bank = details?.us_bank_account;
  return {
    brand: text(card?.brand ?? bank?.bank_name, 60),
    last4: text(card?.last4 ?? bank?.last4, 4),
    receiptNumber: text(charge.receipt_number, 60),
  };
}

/** The payment method used, when the PaymentIntent and its method were expanded. */
function methodOf(intent: Stripe.PaymentIntent | null): PaymentMethod | null {
  const pm = intent?.payment_method;
  const type = pm && typeof pm === "object" ? pm.type : null;
  if (type === "card") return "card";
  if (type === "us_bank_account") return "us_bank_account";
  return null;
}

/**
 * Reads a session retrieved with `expand: SESSION_EXPAND`. A complete,
 * unpaid session is a bank debit on its way (processing) until its PaymentIntent succeeds, or
 * fails and asks for a new payment method (failed).
 */
export function checkoutOutcome(session: Stripe.Checkout.Session): CheckoutOutcome {
  if (session.status === "expired") return { status: "expired" };
  if (session.status !== "complete") return { status: "open" };
  if (session.payment_status === "no_payment_required") return { status: "no_payment" };
  const intent = typeof session.payment_intent === "object" ? session.payment_intent : null;
  const paymentIntentId =
    typeof session.payment_intent === "string" ? session.payment_intent : (intent?.id ?? null);
  let status: "processing" | "succeeded" | "failed";
  if (session.payment_status === "paid" || intent?.status === "succeeded") status = "succeeded";
  else if (intent?.status === "requires_payment_method" || intent?.status === "canceled") {
    status = "failed";
  } else status = "processing";
  return {
    status,
    amount: session.amount_total ?? 0,
    currency: (session.currency ?? "").toUpperCase(),
    paymentIntentId,
    method: methodOf(intent) ?? (status === "processing" ? "us_bank_account" : null),
    receipt: chargeReceipt(intent?.latest_charge),
  };
}
