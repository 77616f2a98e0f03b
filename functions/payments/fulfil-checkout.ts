import type { InStatement } from "@libsql/client";
import type { Db } from "../../db/client";
import type { PAYMENT_STATUSES, TIMELINE_KINDS } from "../../db/schema";
import { newId } from "../domain/tokens";
import { notYetApplied, paymentDetail, recordEvent, type StripeEventRef } from "./payment-sql";
import type { CheckoutOutcome } from "./session-outcome";

type Status = (typeof PAYMENT_STATUSES)[number];
type Target = "processing" | "succeeded" | "failed" | "expired";

/**
 * The only moves a Stripe payment may make. Nothing ever goes back: a succeeded payment stays
 * succeeded whatever arrives later. Money Stripe reports as received is always recorded, even
 * on a row we had given up on (failed, expired), so no payment is ever lost.
 */
const ALLOWED_FROM: Record<Target, Status[]> = {
  processing: ["open"],
  succeeded: ["open", "processing", "failed", "expired"],
  failed: ["open", "processing"],
  expired: ["open"],
};

const TIMELINE: Record<Target, (typeof TIMELINE_KINDS)[number] | null> = {
  processing: "payment_processing",
  succeeded: "payment_succeeded",
  failed: "payment_failed",
  // An expired session moved no money; the owner's timeline does not need it.
  expired: null,
};

export interface FulfilInput {
  paymentId: string;
  sessionId: string;
  /** The session's current state at Stripe (see checkoutOutcome). */
  outcome: CheckoutOutcome;
  /** The webhook event being applied; absent when the customer's return from Checkout syncs. */
  event?: StripeEventRef;
  now: Date;
}

export interface FulfilResult {
  /** The payment row changed. */
  changed: boolean;
  /** The event had been applied before: nothing was done. */
  duplicate: boolean;
  /** The payment's status after the batch (null if there is no such Stripe payment). */
  status: Status | null;
}

/**
 * Applies a Checkout Session's current state to its payment row, with the timeline entry and
 * the event id, in one atomic write batch. Idempotent twice over: a repeated event is skipped by
 * its recorded id, and a repeated state is skipped because the row is already there.
 */
export async function fulfilCheckout(db: Db, input: FulfilInput): Promise<FulfilResult> {
  const { outcome, event } = input;
  const at = input.now.getTime();
  const target: Target | null =
    outcome.status === "open" || outcome.status === "no_payment" ? null : outcome.status;
  const statements: InStatement[] = [];
  let updateIndex = -1;
  const fresh = notYetApplied(event);
  if (event) {
    statements.push({ sql: "SELECT 1 FROM stripe_events WHERE id = ?", args: [event.id] });
  }

  if (target) {
    const from = ALLOWED_FROM[target];
    const move = {
      sql: `id = ? AND provider = 'stripe' AND status IN (${from.map(() => "?").join(", ")})${fresh.sql}`,
      args: [input.paymentId, ...from, ...fresh.args],
    };
    const kind = TIMELINE[target];
    const paid =
      outcome.status === "processing" ||
      outcome.status === "succeeded" ||
      outcome.status === "failed"
        ? outcome
        : null;
    if (kind) {
      // Before the update below, which ends the condition both share.
      statements.push({
        sql: `INSERT INTO invoice_events (id, invoice_id, kind, at, detail)
              SELECT ?, invoice_id, ?, ?, ? FROM payments WHERE ${move.sql}`,
        args: [
          newId("evt"),
          kind,
          at,
          paid ? paymentDetail(paid.method, paid.amount, paid.currency) : "",
          ...move.args,
        ],
      });
    }
    updateIndex =
      statements.push({
        sql: `UPDATE payments SET status = ?, amount = COALESCE(?, amount),
              method = COALESCE(?, method), payment_intent_id = COALESCE(?, payment_intent_id),
              checkout_session_id = COALESCE(checkout_session_id, ?),
              method_brand = COALESCE(?, method_brand), method_last4 = COALESCE(?, method_last4),
              receipt_number = COALESCE(?, receipt_number),
              completed_at = CASE WHEN ? = 'succeeded' THEN ? ELSE completed_at END,
              updated_at = ?
            WHERE ${move.sql}`,
        args: [
          target,
          paid?.amount ?? null,
          paid?.method ?? null,
          paid?.paymentIntentId ?? null,
          input.sessionId,
          paid?.receipt.brand ?? null,
          paid?.receipt.last4 ?? null,
          paid?.receipt.receiptNumber ?? null,
          target,
          at,
          at,
          ...move.args,
        ],
      }) - 1;
  }
  if (event) statements.push(recordEvent(event, at));
  statements.push({
    sql: "SELECT status FROM payments WHERE id = ? AND provider = 'stripe'",
    args: [input.paymentId],
  });

  const results = await db.$client.batch(statements, "write");
  const seen = event ? (results[0]?.rows.length ?? 0) > 0 : false;
  const update = updateIndex >= 0 ? results[updateIndex] : undefined;
  const status = results.at(-1)?.rows[0]?.status;
  return {
    changed: (update?.rowsAffected ?? 0) > 0,
    duplicate: seen,
    status: typeof status === "string" ? (status as Status) : null,
  };
}
