import type { InStatement } from "@libsql/client";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { rowFields } from "../../db/row-fields";
import {
  invoiceEvents,
  type PAYMENT_STATUSES,
  payments,
  type TIMELINE_KINDS,
} from "../../db/schema";
import { toStatement } from "../../db/statement";
import { newId } from "../domain/tokens";
import {
  eventSeen,
  notYetApplied,
  paymentDetail,
  recordEvent,
  type StripeEventRef,
} from "./payment-sql";
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
  const { outcome, event, now } = input;
  const target: Target | null =
    outcome.status === "open" || outcome.status === "no_payment" ? null : outcome.status;
  const statements: InStatement[] = [];
  let updateIndex = -1;
  if (event) statements.push(toStatement(eventSeen(db, event)));

  if (target) {
    const move = and(
      eq(payments.id, input.paymentId),
      eq(payments.provider, "stripe"),
      inArray(payments.status, ALLOWED_FROM[target]),
      notYetApplied(db, event),
    );
    const kind = TIMELINE[target];
    const paid =
      outcome.status === "processing" ||
      outcome.status === "succeeded" ||
      outcome.status === "failed"
        ? outcome
        : null;
    if (kind) {
      // Before the update below, which ends the condition both share.
      const entry = rowFields(invoiceEvents, {
        id: newId("evt"),
        invoiceId: payments.invoiceId,
        kind,
        at: now,
        detail: paid ? paymentDetail(paid.method, paid.amount, paid.currency) : "",
      });
      statements.push(
        toStatement(db.insert(invoiceEvents).select(db.select(entry).from(payments).where(move))),
      );
    }
    // A value Stripe does not report (undefined) leaves the stored one as it is.
    const update = db
      .update(payments)
      .set({
        status: target,
        amount: paid?.amount,
        method: paid?.method ?? undefined,
        paymentIntentId: paid?.paymentIntentId ?? undefined,
        methodBrand: paid?.receipt.brand ?? undefined,
        methodLast4: paid?.receipt.last4 ?? undefined,
        receiptNumber: paid?.receipt.receiptNumber ?? undefined,
        checkoutSessionId: sql`COALESCE(${payments.checkoutSessionId}, ${input.sessionId})`,
        completedAt: target === "succeeded" ? now : undefined,
        updatedAt: now,
      })
      .where(move);
    updateIndex = statements.push(toStatement(update)) - 1;
  }
  if (event) statements.push(recordEvent(db, event, now));
  statements.push(
    toStatement(
      db
        .select({ status: payments.status })
        .from(payments)
        .where(and(eq(payments.id, input.paymentId), eq(payments.provider, "stripe"))),
    ),
  );

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
