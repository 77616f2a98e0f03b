import { and, eq, isNull, or } from "drizzle-orm";
import type Stripe from "stripe";
import type { Db } from "../../db/client";
import { payments } from "../../db/schema";
import { disputeTimelineKind, isDisputeStatus } from "../domain/dispute-order";
import {
  isAccountOutOfReach,
  isMissingAtStripe,
  type StripeClient,
} from "../platform/stripe-client";
import { fulfilCheckout } from "./fulfil-checkout";
import { checkoutNews, type OnPaymentNews } from "./payment-news";
import { eventSeen } from "./payment-sql";
import { recordAccountReadiness } from "./record-account-readiness";
import { recordDispute } from "./record-dispute";
import { refundCharge } from "./refund-charge";
import { checkoutOutcome, SESSION_EXPAND } from "./session-outcome";
import type { HandledEventType } from "./webhook-events";

// One small function per handled event type, each calling a verb. The event says only that
// something happened; what to record comes from the object's CURRENT state at Stripe, so late,
// repeated and out-of-order events all converge on the same, forward-only result.

export interface WebhookDeps {
  db: Db;
  stripe: StripeClient;
  now: () => Date;
  /** Told of a change this event applied that the owner hears about (the route sends it). */
  onNews?: OnPaymentNews;
}

export type WebhookResult = "applied" | "unchanged" | "duplicate" | "not_ours" | "ignored";

type Handler = (deps: WebhookDeps, event: Stripe.Event) => Promise<WebhookResult>;

interface PaymentRef {
  id: string;
  stripeAccountId: string | null;
}

/**
 * One read: whether the event was applied already, and our payment for the session. A session
 * is ours when its id is stored on a payment, or (for a row whose creation was cut short before
 * the id was stored) when its metadata names the payment and invoice. Either way it must belong
 * to the Stripe account the event came from, so one connected account can never touch another
 * business's invoice by copying metadata.
 */
async function lookup(
  db: Db,
  event: Stripe.Event,
  session: Stripe.Checkout.Session,
): Promise<{ duplicate: boolean; payment: PaymentRef | null }> {
  const [seen, rows] = await db.batch([
    eventSeen(db, event),
    db
      .select({ id: payments.id, stripeAccountId: payments.stripeAccountId })
      .from(payments)
      .where(
        and(
          eq(payments.provider, "stripe"),
          // Null-safe: a platform payment (no account) matches only an event of the platform.
          event.account == null
            ? isNull(payments.stripeAccountId)
            : eq(payments.stripeAccountId, event.account),
          or(
            eq(payments.checkoutSessionId, session.id),
            and(
              isNull(payments.checkoutSessionId),
              eq(payments.id, session.metadata?.payment_id ?? ""),
              eq(payments.invoiceId, session.metadata?.invoice_id ?? ""),
            ),
          ),
        ),
      ),
  ]);
  return { duplicate: seen.length > 0, payment: rows[0] ?? null };
}

function hasId(object: { id?: unknown }): object is { id: string } {
  return typeof object.id === "string" && object.id !== "";
}

/**
 * The object as Stripe has it now, or null when Stripe has no such object on the account the
 * event came from (e.g. an event of another connected account naming a charge of ours), or no
 * longer lets the platform read that account (the business disconnected it): neither is ours to
 * record, and answering 500 would only make Stripe retry it for days.
 */
async function current<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (isMissingAtStripe(error) || isAccountOutOfReach(error)) return null;
    throw error;
  }
}

/** Every Checkout event: read the session as it is now and apply that. */
async function syncCheckout(deps: WebhookDeps, event: Stripe.Event): Promise<WebhookResult> {
  const snapshot = event.data.object as Stripe.Checkout.Session;
  // An object without an id names no session we could have made.
  if (!hasId(snapshot)) return "not_ours";
  const { duplicate, payment } = await lookup(deps.db, event, snapshot);
  if (duplicate) return "duplicate";
  if (!payment) return "not_ours";
  const session = await current(() =>
    deps.stripe.checkout.sessions.retrieve(
      snapshot.id,
      { expand: SESSION_EXPAND },
      payment.stripeAccountId ? { stripeAccount: payment.stripeAccountId } : {},
    ),
  );
  if (!session) return "not_ours";
  const result = await fulfilCheckout(deps.db, {
    paymentId: payment.id,
    sessionId: snapshot.id,
    outcome: checkoutOutcome(session),
    event: { id: event.id, type: event.type },
    now: deps.now(),
  });
  if (result.duplicate) return "duplicate";
  const news = checkoutNews(payment.id, result);
  if (news) deps.onNews?.(news);
  return result.changed ? "applied" : "unchanged";
}

const onSessionCompleted: Handler = (deps, event) => {
  const session = event.data.object as Stripe.Checkout.Session;
  // A session that needed no payment moved no money: nothing to record.
  if (session.payment_status === "no_payment_required") return Promise.resolve("ignored");
  return syncCheckout(deps, event);
};

/** A bank debit (ACH) that was processing has arrived. */
const onAsyncPaymentSucceeded: Handler = syncCheckout;

/** A bank debit failed: the payment is failed and Pay Now is offered again. */
const onAsyncPaymentFailed: Handler = syncCheckout;

/** The session expired unpaid: the invoice's in-flight slot is released. */
const onSessionExpired: Handler = syncCheckout;

/** Any change to a charge's refunds: record the charge's refunded total as it is now. */
async function syncRefunds(
  deps: WebhookDeps,
  event: Stripe.Event,
  chargeId: string | null,
): Promise<WebhookResult> {
  const seen = await eventSeen(deps.db, event);
  if (seen.length > 0) return "duplicate";
  if (!chargeId) return "not_ours";
  const charge = await current(() =>
    deps.stripe.charges.retrieve(
      chargeId,
      { expand: ["payment_intent"] },
      event.account ? { stripeAccount: event.account } : {},
    ),
  );
  if (!charge?.payment_intent) return "not_ours";
  const intent = typeof charge.payment_intent === "object" ? charge.payment_intent : null;
  const paymentIntentId = intent?.id ?? String(charge.payment_intent ?? "");
  const result = await refundCharge(deps.db, {
    paymentIntentId,
    paymentId: intent?.metadata?.payment_id ?? null,
    stripeAccountId: event.account ?? null,
    amountRefunded: charge.amount_refunded,
    currency: charge.currency.toUpperCase(),
    event: { id: event.id, type: event.type },
    now: deps.now(),
  });
  if (result.duplicate) return "duplicate";
  if (!result.found) return "not_ours";
  return result.changed ? "applied" : "unchanged";
}

/** A refund, full or partial, made in Stripe. */
const onChargeRefunded: Handler = (deps, event) => {
  const snapshot = event.data.object as Stripe.Charge;
  const ours = hasId(snapshot) && Boolean(snapshot.payment_intent);
  return syncRefunds(deps, event, ours ? snapshot.id : null);
};

/**
 * A refund failed (a bank refund returned): the money stayed with the business, and Stripe has
 * taken it off the charge's refunded total, so the stored total goes down with it. Only this
 * event says so; `charge.refunded` is not sent again.
 */
const onRefundFailed: Handler = (deps, event) => {
  const refund = event.data.object as Stripe.Refund;
  const charge = typeof refund.charge === "string" ? refund.charge : (refund.charge?.id ?? null);
  return syncRefunds(deps, event, charge || null);
};

/**
 * A dispute opened, moved or closed: record the dispute as Stripe has it now. Its amount counts
 * in the ledger while Stripe holds it back (see docs/payments.md, "Disputes").
 */
const onDispute: Handler = async (deps, event) => {
  const snapshot = event.data.object as Stripe.Dispute;
  const seen = await eventSeen(deps.db, event);
  if (seen.length > 0) return "duplicate";
  if (!hasId(snapshot)) return "not_ours";
  const dispute = await current(() =>
    deps.stripe.disputes.retrieve(
      snapshot.id,
      {},
      event.account ? { stripeAccount: event.account } : {},
    ),
  );
  if (!dispute) return "not_ours";
  // A status newer than this code knows is left for a later event rather than guessed at.
  if (!isDisputeStatus(dispute.status)) return "ignored";
  const intent = dispute.payment_intent;
  const paymentIntentId = typeof intent === "string" ? intent : (intent?.id ?? null);
  if (!paymentIntentId) return "not_ours";
  const result = await recordDispute(deps.db, {
    disputeId: dispute.id,
    paymentIntentId,
    stripeAccountId: event.account ?? null,
    status: dispute.status,
    amount: dispute.amount,
    currency: dispute.currency.toUpperCase(),
    reason: dispute.reason ?? "",
    event: { id: event.id, type: event.type },
    now: deps.now(),
  });
  if (result.duplicate) return "duplicate";
  if (!result.found) return "not_ours";
  // A dispute's start (or an inquiry becoming a chargeback) is news; its review and its
  // decision are on the timeline only.
  if (
    result.noted &&
    result.paymentId &&
    disputeTimelineKind(dispute.status) === "payment_disputed"
  ) {
    deps.onNews?.({ kind: "disputed", paymentId: result.paymentId });
  }
  return result.changed ? "applied" : "unchanged";
};

/**
 * A connected account changed (onboarding finished, Stripe needs more, charges disabled): keep
 * its readiness on the business. Only an event of that account itself, from the Connect
 * endpoint, may say so; the account is read from Stripe as it is now.
 */
const onAccountUpdated: Handler = async (deps, event) => {
  const snapshot = event.data.object as Stripe.Account;
  const seen = await eventSeen(deps.db, event);
  if (seen.length > 0) return "duplicate";
  if (!hasId(snapshot) || event.account !== snapshot.id) return "not_ours";
  const account = await current(() => deps.stripe.accounts.retrieve(snapshot.id));
  if (!account) return "not_ours";
  const result = await recordAccountReadiness(deps.db, {
    accountId: account.id,
    chargesEnabled: account.charges_enabled,
    payoutsEnabled: account.payouts_enabled,
    currentlyDue: account.requirements?.currently_due ?? [],
    event: { id: event.id, type: event.type },
    now: deps.now(),
  });
  if (result.duplicate) return "duplicate";
  return result.found ? "applied" : "not_ours";
};

export const WEBHOOK_HANDLERS: Record<HandledEventType, Handler> = {
  "checkout.session.completed": onSessionCompleted,
  "checkout.session.async_payment_succeeded": onAsyncPaymentSucceeded,
  "checkout.session.async_payment_failed": onAsyncPaymentFailed,
  "checkout.session.expired": onSessionExpired,
  "charge.refunded": onChargeRefunded,
  "refund.failed": onRefundFailed,
  "charge.dispute.created": onDispute,
  "charge.dispute.updated": onDispute,
  "charge.dispute.closed": onDispute,
  "account.updated": onAccountUpdated,
};
