import type { InStatement } from "@libsql/client";
import { eq, notExists, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { stripeEvents } from "../../db/schema";
import { toStatement } from "../../db/statement";
import { formatMoney } from "../i18n/format";

// Pieces shared by the payment verbs' atomic batches.

/** A Stripe event applied by a batch: its id is recorded in the same batch as its effect. */
export interface StripeEventRef {
  id: string;
  type: string;
}

/**
 * The condition every effect of an event carries: the event has not been applied yet. The
 * event's own insert comes LAST in the batch, so within one write transaction the effects see
 * "not applied" exactly once; a redelivery sees the recorded id and changes nothing.
 */
export function notYetApplied(db: Db, event: StripeEventRef | undefined): SQL | undefined {
  return event ? notExists(eventSeen(db, event)) : undefined;
}

/** The event's row, if it was applied before: read first in the batch to report a duplicate. */
export function eventSeen(db: Db, event: StripeEventRef) {
  return db.select({ one: sql`1` }).from(stripeEvents).where(eq(stripeEvents.id, event.id));
}

export function recordEvent(db: Db, event: StripeEventRef, at: Date): InStatement {
  return toStatement(
    db
      .insert(stripeEvents)
      .values({ id: event.id, type: event.type, processedAt: at })
      .onConflictDoNothing({ target: stripeEvents.id }),
  );
}

/** What a payment change did: no such payment, a change made, or an event applied before. */
export interface PaymentChangeResult {
  found: boolean;
  changed: boolean;
  duplicate: boolean;
  /** The payment's id, when found. */
  paymentId: string | null;
  /** The change's timeline entry was written: a new chapter the owner hears about. */
  noted: boolean;
}

/**
 * Runs one change to a Stripe payment as one atomic write batch: whether the event was applied
 * before (read first), the timeline entry (before the update, which ends the condition both
 * share), the update, the event's id (last, see `notYetApplied`), and the payment's id (to tell
 * "no such payment" from "nothing to change").
 */
export async function applyPaymentChange(
  db: Db,
  event: StripeEventRef | undefined,
  at: Date,
  change: { timeline: InStatement; update: InStatement; target: InStatement },
): Promise<PaymentChangeResult> {
  const results = await db.$client.batch(
    [
      // A read that returns no row keeps the positions below fixed when there is no event.
      event ? toStatement(eventSeen(db, event)) : { sql: "SELECT 0 WHERE 0", args: [] },
      change.timeline,
      change.update,
      ...(event ? [recordEvent(db, event, at)] : []),
      change.target,
    ],
    "write",
  );
  const id = results.at(-1)?.rows[0]?.id;
  return {
    found: id != null,
    changed: (results[2]?.rowsAffected ?? 0) > 0,
    duplicate: (results[0]?.rows.length ?? 0) > 0,
    paymentId: typeof id === "string" ? id : null,
    noted: (results[1]?.rowsAffected ?? 0) > 0,
  };
}

/** Timeline detail for the owner: the method and the amount ("card · $125.00"). */
export function paymentDetail(method: string | null, amount: number, currency: string): string {
  const money = safeMoney(amount, currency);
  return method ? `${method} · ${money}` : money;
}

export function safeMoney(amount: number, currency: string): string {
  try {
    return formatMoney(amount, currency, "en-US");
  } catch {
    return `${amount} ${currency}`;
  }
}
