import type { Business, Invoice } from "../../db/schema";
import type { PaymentState } from "../domain/payment-state";

// When the customer may pay online. One rule, used by the page (show the button or not) and by
// the Pay handler (create a Checkout Session or not), so the two can never disagree.

export interface PayFacts {
  plan: Business["plan"];
  /** A Stripe secret key is configured (the business's Connect account, if any, is used). */
  stripeConfigured: boolean;
  invoiceStatus: Invoice["status"];
  state: PaymentState;
  balanceDue: number;
}

export type PayBlocker =
  | "free_plan"
  | "stripe_not_configured"
  | "void"
  | "processing"
  | "paid"
  | "refunded"
  | "nothing_due";

/**
 * Why Pay Now is not offered, or null when it is. Paid, processing and refunded invoices never
 * offer it (no double payment); a partly refunded one neither, since the balance it shows is
 * money the business chose to give back, not money the customer still owes.
 */
export function payBlocker(facts: PayFacts): PayBlocker | null {
  if (facts.plan !== "pro") return "free_plan";
  if (!facts.stripeConfigured) return "stripe_not_configured";
  if (facts.invoiceStatus === "void") return "void";
  if (facts.state === "processing") return "processing";
  if (facts.state === "paid") return "paid";
  if (facts.state === "refunded" || facts.state === "partially_refunded") return "refunded";
  if (facts.balanceDue <= 0) return "nothing_due";
  return null;
}

export function canPayOnline(facts: PayFacts): boolean {
  return payBlocker(facts) === null;
}
