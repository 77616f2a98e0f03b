import type { Db } from "../../db/client";
import { newId } from "../domain/tokens";
import { notYetApplied, recordEvent, type StripeEventRef, safeMoney } from "./payment-sql";

export interface RefundInput {
  paymentIntentId: string;
  /** Our payment id from the PaymentIntent's metadata, for a row that has no intent id yet. */
  paymentId: string | null;
  /** The connected account the event came from (null: the platform); payments of others are not touched. */
  stripeAccountId: string | null;
  /** Total refunded on the charge so far, as Stripe reports it now (not this refund alone). */
  amountRefunded: number;
  currency: string;
  event?: StripeEventRef;
  now: Date;
}

export interface RefundResult {
  found: boolean;
  changed: boolean;
  duplicate: boolean;
}

/**
 * Records how much of a Stripe payment has been refunded, with a timeline entry and the event
 * id, in one atomic write batch. Stripe reports the charge's running total, so applying it is
 * naturally idempotent and order-independent: the stored total only ever grows (an older,
 * smaller total arriving late changes nothing), and never past the amount paid.
 */
export async function refundCharge(db: Db, input: RefundInput): Promise<RefundResult> {
  const at = input.now.getTime();
  const fresh = notYetApplied(input.event);
  const target = `(SELECT id FROM payments WHERE provider = 'stripe' AND stripe_account_id IS ?
    AND (payment_intent_id = ? OR (payment_intent_id IS NULL AND id = ?)) LIMIT 1)`;
  const targetArgs = [input.stripeAccountId, input.paymentIntentId, input.paymentId ?? ""];
  const grows = {
    sql: `id = ${target} AND amount_refunded < MIN(amount, ?)${fresh.sql}`,
    args: [...targetArgs, input.amountRefunded, ...fresh.args],
  };
  const detail = `${safeMoney(input.amountRefunded, input.currency)} refunded in total`;
  const results = await db.$client.batch(
    [
      {
        sql: input.event ? "SELECT 1 FROM stripe_events WHERE id = ?" : "SELECT 0 WHERE 0",
        args: input.event ? [input.event.id] : [],
      },
      {
        // Before the update below, which ends the condition both share.
        sql: `INSERT INTO invoice_events (id, invoice_id, kind, at, detail)
              SELECT ?, invoice_id, 'payment_refunded', ?, ? FROM payments WHERE ${grows.sql}`,
        args: [newId("evt"), at, detail, ...grows.args],
      },
      {
        sql: `UPDATE payments SET amount_refunded = MIN(amount, ?),
                payment_intent_id = COALESCE(payment_intent_id, ?), updated_at = ?
              WHERE ${grows.sql}`,
        args: [input.amountRefunded, input.paymentIntentId, at, ...grows.args],
      },
      ...(input.event ? [recordEvent(input.event, at)] : []),
      { sql: `SELECT ${target} AS id`, args: targetArgs },
    ],
    "write",
  );
  return {
    found: results.at(-1)?.rows[0]?.id != null,
    changed: (results[2]?.rowsAffected ?? 0) > 0,
    duplicate: (results[0]?.rows.length ?? 0) > 0,
  };
}
