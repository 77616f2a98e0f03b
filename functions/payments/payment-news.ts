import type { FulfilResult } from "./fulfil-checkout";

/**
 * A change to a payment that its business's owner is told about. Reported only by the call
 * that actually applied the change (the batch's own row counts), never derived from an event's
 * type, so a webhook repeated, doubled or overtaken by the customer's return reports nothing.
 */
export interface PaymentNews {
  kind: "paid" | "bank_failed" | "disputed";
  paymentId: string;
}

export type OnPaymentNews = (news: PaymentNews) => void;

/**
 * What a Checkout sync that moved the payment means to the owner: the money arrived, or a bank
 * debit failed (a card payment cannot fail after Checkout completes; see checkoutOutcome).
 */
export function checkoutNews(paymentId: string, result: FulfilResult): PaymentNews | null {
  if (!result.changed) return null;
  if (result.status === "succeeded") return { kind: "paid", paymentId };
  if (result.status === "failed") return { kind: "bank_failed", paymentId };
  return null;
}
