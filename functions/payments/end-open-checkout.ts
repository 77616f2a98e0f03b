import type { Db } from "../../db/client";
import type { StripeClient } from "../platform/stripe-client";
import { endCheckoutOf } from "./end-session";

/** What an owner's change needs to end the invoice's open Checkout Session. */
export interface CheckoutAccess {
  db: Db;
  /** The Stripe client, built on first use (the SDK is imported then); null when not set up. */
  stripe: () => Promise<StripeClient | null>;
}

/**
 * After a void, an edit or an offline payment is stored: the Checkout Session that was open for
 * the invoice at that moment is ended at Stripe before the owner is answered, so a customer
 * still on the Checkout page cannot pay a void invoice, an old amount or twice. It never fails
 * the owner's change; a session it could not end is replaced at the next Pay Now click.
 */
export async function endOpenCheckout(
  access: CheckoutAccess,
  paymentId: string | null,
  now: Date,
): Promise<void> {
  if (!paymentId) return;
  await endCheckoutOf({ db: access.db, stripe: access.stripe, now: () => now }, paymentId);
}
