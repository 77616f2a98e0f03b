import { and, eq, isNull, lt, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { rowFields } from "../../db/row-fields";
import { invoiceEvents, payments } from "../../db/schema";
import { toStatement } from "../../db/statement";
import {
  CHARGEBACK_RANK,
  DISPUTE_RANKS,
  type DisputeStatus,
  disputeRank,
  disputeTimelineKind,
} from "../domain/dispute-order";
import { newId } from "../domain/tokens";
import {
  applyPaymentChange,
  notYetApplied,
  type PaymentChangeResult,
  type StripeEventRef,
  safeMoney,
} from "./payment-sql";

export interface DisputeInput {
  disputeId: string;
  /** The disputed charge's PaymentIntent: how the payment row is found. */
  paymentIntentId: string;
  /** The connected account the event came from (null: the platform); payments of others are not touched. */
  stripeAccountId: string | null;
  /** The dispute as Stripe has it now. */
  status: DisputeStatus;
  amount: number;
  currency: string;
  reason: string;
  event?: StripeEventRef;
  now: Date;
}

export type DisputeResult = PaymentChangeResult;

/** The stored dispute's rank, computed by the database from the same table as `disputeRank`. */
function storedRank(): SQL {
  const cases = Object.entries(DISPUTE_RANKS).map(
    ([status, rank]) => sql`WHEN ${status} THEN ${rank}`,
  );
  return sql`(CASE ${payments.disputeStatus} ${sql.join(cases, sql` `)} ELSE 0 END)`;
}

/**
 * Records a payment's dispute as Stripe reports it now, with a timeline entry and the event id,
 * in one atomic write batch. A state replaces the stored one only when it is further along
 * (see disputeRank), so a late `charge.dispute.created` never reopens a dispute already won or
 * lost, and a repeated state changes nothing. The ledger reads the stored status and amount.
 */
export async function recordDispute(db: Db, input: DisputeInput): Promise<DisputeResult> {
  const { event, now } = input;
  const target = db
    .select({ id: payments.id })
    .from(payments)
    .where(
      and(
        eq(payments.provider, "stripe"),
        input.stripeAccountId === null
          ? isNull(payments.stripeAccountId)
          : eq(payments.stripeAccountId, input.stripeAccountId),
        eq(payments.paymentIntentId, input.paymentIntentId),
      ),
    )
    .limit(1);
  const rank = disputeRank(input.status);
  const moves = and(eq(payments.id, target), lt(storedRank(), rank), notYetApplied(db, event));
  const kind = disputeTimelineKind(input.status);
  // An open dispute is news only when it starts (or an inquiry becomes a chargeback); moving to
  // under review is not. A decision is always news.
  const news =
    kind === "payment_disputed"
      ? and(moves, lt(storedRank(), rank >= CHARGEBACK_RANK ? CHARGEBACK_RANK : 1))
      : moves;
  const detail = `${safeMoney(input.amount, input.currency)} · ${input.status}${input.reason ? ` · ${input.reason}` : ""}`;
  const entry = rowFields(invoiceEvents, {
    id: newId("evt"),
    invoiceId: payments.invoiceId,
    kind,
    at: now,
    detail,
  });
  return applyPaymentChange(db, event, now, {
    timeline: toStatement(
      db.insert(invoiceEvents).select(db.select(entry).from(payments).where(news)),
    ),
    update: toStatement(
      db
        .update(payments)
        .set({
          disputeId: input.disputeId,
          disputeStatus: input.status,
          disputeAmount: input.amount,
          disputeReason: input.reason,
          updatedAt: now,
        })
        .where(moves),
    ),
    target: toStatement(target),
  });
}
