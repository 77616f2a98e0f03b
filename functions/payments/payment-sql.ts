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
