import type { Db } from "../../db/client";
import { type ResolvedLink, resolvePortalLink } from "../links/resolve-portal-link";
import { isStripeError, type StripeClient } from "../platform/stripe-client";
import type { InvoicePage } from "../views/page-model";
import { fulfilCheckout } from "./fulfil-checkout";
import { checkoutNews, type OnPaymentNews } from "./payment-news";
import { checkoutOutcome, SESSION_EXPAND } from "./session-outcome";

type Active = Extract<ResolvedLink, { kind: "active" }>;
export type CheckoutNotice = InvoicePage["notice"];

/** `?checkout=` values the portal understands; anything else is ignored. */
export type CheckoutParam = "success" | "canceled" | "retry";

export function checkoutParam(value: string | undefined): CheckoutParam | null {
  return value === "success" || value === "canceled" || value === "retry" ? value : null;
}

/**
 * The banner for a customer coming back from Checkout, from stored state only: the query string
 * says where the customer came from, never what happened. When Stripe's webhook has not arrived
 * yet and the session belongs to this invoice, the session is read from Stripe and applied with
 * the same verb the webhook uses (idempotent), so the page can already say "received". That is
 * not a GET changing state on its own: it only copies Stripe's record of a payment, which the
 * webhook would copy moments later. Returns the facts to render (re-read if they changed).
 */
export async function checkoutReturn(
  deps: { db: Db; stripe: StripeClient | null; now: () => Date; onNews?: OnPaymentNews },
  input: { token: string; facts: Active; param: CheckoutParam; sessionId: string | undefined },
): Promise<{ facts: Active; notice: CheckoutNotice }> {
  let { facts } = input;
  if (input.param !== "success") return { facts, notice: "payment_canceled" };
  const ours = (f: Active) =>
    f.payments.find((p) => p.provider === "stripe" && p.checkoutSessionId === input.sessionId);
  const payment = input.sessionId ? ours(facts) : undefined;
  if (!payment) return { facts, notice: null };

  if (payment.status === "open" && deps.stripe && input.sessionId) {
    try {
      const session = await deps.stripe.checkout.sessions.retrieve(
        input.sessionId,
        { expand: SESSION_EXPAND },
        payment.stripeAccountId ? { stripeAccount: payment.stripeAccountId } : {},
      );
      const result = await fulfilCheckout(deps.db, {
        paymentId: payment.id,
        sessionId: input.sessionId,
        outcome: checkoutOutcome(session),
        now: deps.now(),
      });
      // Recorded here before the webhook: the owner hears of it from this sync (the webhook
      // then finds nothing to change and says nothing).
      const news = checkoutNews(payment.id, result);
      if (news) deps.onNews?.(news);
      // Re-read whenever the row is no longer what the page read, not only when this sync moved
      // it: the webhook may have recorded the payment between the page's read and this batch.
      if (result.status !== payment.status) {
        const again = await resolvePortalLink(deps.db, input.token);
        if (again.kind === "active") facts = again;
      }
    } catch (error) {
      // Stripe unreachable: show what is stored; the webhook will bring the rest.
      if (!isStripeError(error)) throw error;
      console.error(`Reading Checkout Session ${input.sessionId} on return failed:`, error);
    }
  }

  const status = ours(facts)?.status;
  const notice: CheckoutNotice =
    status === "succeeded"
      ? "payment_received"
      : status === "processing"
        ? "payment_processing"
        : null;
  return { facts, notice };
}
