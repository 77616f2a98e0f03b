import type { InStatement } from "@libsql/client";
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
export function notYetApplied(event: StripeEventRef | undefined): { sql: string; args: string[] } {
  if (!event) return { sql: "", args: [] };
  return { sql: " AND NOT EXISTS (SELECT 1 FROM stripe_events WHERE id = ?)", args: [event.id] };
}

export function recordEvent(event: StripeEventRef, at: number): InStatement {
  return {
    sql: "INSERT INTO stripe_events (id, type, processed_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING",
    args: [event.id, event.type, at],
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
