import type { Context } from "hono";
import { endCheckoutOf } from "../../payments/end-session";
import type { ApiEnv } from "./auth";

/**
 * After a void, an edit or an offline payment is stored: the Checkout Session that was open for
 * the invoice at that moment is ended at Stripe before the owner is answered, so a customer
 * still on the Checkout page cannot pay a void invoice, an old amount or twice. It never fails
 * the owner's request; a session it could not end is replaced at the next Pay Now click.
 */
export async function endOpenCheckout(c: Context<ApiEnv>, paymentId: string | null) {
  if (!paymentId) return;
  const { db, now } = c.var;
  await endCheckoutOf({ db, now, stripe: c.var.stripe }, paymentId);
}
