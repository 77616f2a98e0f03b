import { and, eq, isNull, ne, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { rowFields } from "../../db/row-fields";
import { invoiceEvents, payments } from "../../db/schema";
import { toStatement } from "../../db/statement";
import { newId } from "../domain/tokens";
import {
  applyPaymentChange,
  notYetApplied,
  type PaymentChangeResult,
  type StripeEventRef,
  safeMoney,
} from "./payment-sql";

export interface RefundInput {
  paymentIntentId: string;
  /** Our payment id from the PaymentIntent's metadata, for a row that has no intent id yet. */
  paymentId: string | null;
  /** The connected account the event came from (null: the platform); payments of others are not touched. */
  stripeAccountId: string | null;
  /** Total refunded on the charge, as Stripe reports it now (not this refund alone). */
  amountRefunded: number;
  currency: string;
  event?: StripeEventRef;
  now: Date;
}

export type RefundResult = PaymentChangeResult;

/**
 * Records how much of a Stripe payment has been refunded, with a timeline entry and the event
 * id, in one atomic write batch. The total is the charge's running total read from Stripe while
 * handling the event (never an event's snapshot), so applying it is idempotent and does not
 * depend on the order events arrive in. It grows with each refund, goes down when a refund
 * fails (the money stayed with the business), and never passes the amount paid.
 */
export async function refundCharge(db: Db, input: RefundInput): Promise<RefundResult> {
  const { event, now } = input;
  const target = db
    .select({ id: payments.id })
    .from(payments)
    .where(
      and(
        eq(payments.provider, "stripe"),
        // Null-safe: a platform payment (no account) matches only an event of the platform.
        input.stripeAccountId === null
          ? isNull(payments.stripeAccountId)
          : eq(payments.stripeAccountId, input.stripeAccountId),
        or(
          eq(payments.paymentIntentId, input.paymentIntentId),
          and(isNull(payments.paymentIntentId), eq(payments.id, input.paymentId ?? "")),
        ),
      ),
    )
    .limit(1);
  const changes = and(
    eq(payments.id, target),
    ne(payments.amountRefunded, sql`MIN(${payments.amount}, ${input.amountRefunded})`),
    notYetApplied(db, event),
  );
  const detail = `${safeMoney(input.amountRefunded, input.currency)} refunded in total`;
  const entry = rowFields(invoiceEvents, {
    id: newId("evt"),
    invoiceId: payments.invoiceId,
    kind: "payment_refunded",
    at: now,
    detail,
  });
  return applyPaymentChange(db, event, now, {
    timeline: toStatement(
      db.insert(invoiceEvents).select(db.select(entry).from(payments).where(changes)),
    ),
    update: toStatement(
      db
        .update(payments)
        .set({
          amountRefunded: sql`MIN(${payments.amount}, ${input.amountRefunded})`,
          paymentIntentId: sql`COALESCE(${payments.paymentIntentId}, ${input.paymentIntentId})`,
          updatedAt: now,
        })
        .where(changes),
    ),
    target: toStatement(target),
  });
}
