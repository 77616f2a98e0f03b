import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { type Payment, payments } from "../../db/schema";
import {
  isMissingAtStripe,
  isStripeError,
  isStripeUnavailable,
  type StripeClient,
} from "../platform/stripe-client";
import { fulfilCheckout } from "./fulfil-checkout";
import { checkoutNews, type OnPaymentNews } from "./payment-news";
import { releasePayment } from "./release-payment";
import { checkoutOutcome, SESSION_EXPAND } from "./session-outcome";

// Ending a Checkout Session that must no longer be paid: the invoice was edited, voided or paid
// another way, or the session is about to expire and Pay Now replaces it.

export interface EndDeps {
  db: Db;
  stripe: StripeClient;
  now: () => Date;
  /** Told when the session turns out paid (or its bank debit failed) and this records it. */
  onNews?: OnPaymentNews;
}

/**
 * - `ended`: nobody can pay it any more (expired now or before, a bank debit that failed, or a
 *   session Stripe does not know); its row may be released.
 * - `settled`: it was paid (or a bank debit is processing) meanwhile, and that is now recorded.
 * - `open`, `unavailable`: Stripe did not end it, or could not be reached; it is still open.
 */
export type SessionEnd = "ended" | "settled" | "open" | "unavailable";

/**
 * Expires a payment's session at Stripe, on the account it was made on. Stripe refuses to expire
 * a session that is no longer open; its current state then says why: expired already (fine),
 * completed (recorded now, as the webhook would record it), or not known to Stripe at all
 * (fine: nobody can pay it).
 */
export async function endSession(
  deps: EndDeps,
  row: Payment & { checkoutSessionId: string },
): Promise<SessionEnd> {
  const { stripe } = deps;
  const sessionId = row.checkoutSessionId;
  const account = row.stripeAccountId ? { stripeAccount: row.stripeAccountId } : {};
  try {
    await stripe.checkout.sessions.expire(sessionId, {}, account);
    return "ended";
  } catch (error) {
    if (isStripeUnavailable(error)) return "unavailable";
  }
  try {
    const session = await stripe.checkout.sessions.retrieve(
      sessionId,
      { expand: SESSION_EXPAND },
      account,
    );
    const outcome = checkoutOutcome(session);
    if (outcome.status === "open") return "open";
    if (outcome.status === "expired") return "ended";
    const result = await fulfilCheckout(deps.db, {
      paymentId: row.id,
      sessionId,
      outcome,
      now: deps.now(),
    });
    const news = checkoutNews(row.id, result);
    if (news) deps.onNews?.(news);
    // A failed bank debit frees the invoice for a new attempt; anything else settled it.
    return outcome.status === "failed" ? "ended" : "settled";
  } catch (error) {
    if (!isStripeError(error)) throw error;
    // Stripe has no such session for this key and account (the key was switched, e.g. from test
    // to live mode): nobody can pay it here, and asking again would block the invoice for good.
    if (isMissingAtStripe(error)) return "ended";
    console.error(`Checking Checkout Session ${sessionId} failed:`, error);
    return isStripeUnavailable(error) ? "unavailable" : "open";
  }
}

/**
 * After the owner voided or edited an invoice, or recorded a payment for it: the Stripe payment
 * that was open at that moment can no longer be paid for what it was made, so its session is
 * expired at Stripe and the row released. A row still waiting for its session (a Pay Now click
 * in progress) is released at once, so that click cannot hand its session out. Never throws:
 * the owner's change is already stored, and a session left open here is still replaced at the
 * next Pay Now click, or expires on its own.
 */
export async function endCheckoutOf(
  deps: Omit<EndDeps, "stripe"> & { stripe: () => Promise<StripeClient | null> },
  paymentId: string,
): Promise<void> {
  const { db } = deps;
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      const [row] = await db.select().from(payments).where(eq(payments.id, paymentId));
      if (row?.provider !== "stripe" || row.status !== "open") return;
      if (row.checkoutSessionId === null) {
        if (await releasePayment(db, { paymentId, now: deps.now(), onlyWithoutUrl: true })) return;
        // Its session was stored meanwhile: end that one.
        continue;
      }
      const stripe = await deps.stripe();
      if (!stripe) return;
      const ended = await endSession(
        { db, stripe, now: deps.now },
        { ...row, checkoutSessionId: row.checkoutSessionId },
      );
      if (ended === "ended") await releasePayment(db, { paymentId, now: deps.now() });
      else if (ended !== "settled") {
        console.error(
          `Checkout Session ${row.checkoutSessionId} is still open after its invoice changed (${ended}); the next Pay Now click replaces it`,
        );
      }
      return;
    }
  } catch (error) {
    console.error(`Ending the Checkout Session of payment ${paymentId} failed:`, error);
  }
}
