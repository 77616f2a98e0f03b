import type { Payment } from "../../db/schema";

// The customer-facing state of an invoice, derived from the stored payments rather than kept
// as a second copy that could drift from them.

export type PaymentState =
  | "unpaid"
  | "processing"
  | "partially_paid"
  | "paid"
  | "partially_refunded"
  | "refunded";

export interface PaymentSummary {
  state: PaymentState;
  /** Money received and kept: succeeded payments less refunds. */
  amountPaid: number;
  amountRefunded: number;
  balanceDue: number;
  /** When the invoice became fully paid (the latest succeeded payment), if it is. */
  paidAt: Date | null;
}

type PaymentFacts = Pick<Payment, "status" | "amount" | "amountRefunded" | "completedAt">;

export function summarizePayments(total: number, payments: PaymentFacts[]): PaymentSummary {
  const succeeded = payments.filter((p) => p.status === "succeeded");
  const received = succeeded.reduce((sum, p) => sum + p.amount, 0);
  const amountRefunded = succeeded.reduce((sum, p) => sum + p.amountRefunded, 0);
  const amountPaid = received - amountRefunded;
  const balanceDue = Math.max(0, total - amountPaid);
  const processing = payments.some((p) => p.status === "processing");
  const paidAt = succeeded.reduce<Date | null>(
    (latest, p) => (p.completedAt && (!latest || p.completedAt > latest) ? p.completedAt : latest),
    null,
  );

  let state: PaymentState;
  if (received > 0 && amountRefunded >= received) state = "refunded";
  else if (amountRefunded > 0) state = "partially_refunded";
  else if (processing) state = "processing";
  else if (received > 0 && balanceDue === 0) state = "paid";
  else if (received > 0) state = "partially_paid";
  else state = "unpaid";

  return {
    state,
    amountPaid,
    amountRefunded,
    balanceDue: state === "refunded" ? 0 : balanceDue,
    paidAt: state === "paid" ? paidAt : null,
  };
}

/**
 * Money the business holds and owes back to the customer, derived from the stored payments like
 * everything here and never stored. On a void invoice nothing was owed, so all the money kept
 * (a Checkout Session paid just before the void could expire it) is due back; otherwise what was
 * kept beyond the total (an old session paid after an edit lowered the total, or an online and an
 * offline payment for the same invoice). Refunds already made count against it; a bank debit
 * still processing is not money kept yet.
 */
export function refundDue(
  invoice: { total: number; voided: boolean },
  summary: Pick<PaymentSummary, "amountPaid">,
): number {
  const kept = Math.max(0, summary.amountPaid);
  return invoice.voided ? kept : Math.max(0, kept - invoice.total);
}
