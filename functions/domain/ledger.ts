import type { Payment } from "../../db/schema";
import { calendarDate } from "../i18n/format";

// The one place where an invoice's money is counted. Every surface (the customer's page and PDF,
// the owner API and CLI, offline payments, Pay Now, Checkout and the list filters) reads this
// answer and never adds or subtracts money itself, so they cannot disagree.
//
// The rule for refunds: a refund is money the business chose to give back. It is never owed
// again, so it lowers what the business keeps (and what it may still owe back) but never raises
// the balance due, as on Stripe's own invoices.
//
// The rule for disputes: money the customer's bank took back is not money kept. Stripe withdraws
// a chargeback's amount when it opens (needs_response), keeps it withdrawn while under review,
// and gives it back only when the business wins. So an open, under-review or lost dispute counts
// as disputed and lowers what is kept. Only a lost one is owed again (the customer has the money
// back for good); while the bank decides, the customer is not asked to pay twice. Inquiries
// (warning_*) and prevented disputes move no money, and a won dispute's money is reinstated.

/** The state of the money alone, whatever the calendar says. */
export type PaymentState =
  | "unpaid"
  | "processing"
  | "partially_paid"
  | "paid"
  | "partially_refunded"
  | "refunded";

/** What the customer sees, on the page and the PDF; the owner API's `state` adds "draft". */
export type CustomerState =
  | "due"
  | "overdue"
  /** Not void, and a total of 0 with nothing received (a 100% discount): nothing to pay. */
  | "nothing_due"
  | "processing"
  | "partially_paid"
  | "paid"
  | "partially_refunded"
  | "refunded"
  | "void";

export type LedgerPayment = Pick<
  Payment,
  "status" | "amount" | "amountRefunded" | "completedAt" | "disputeStatus" | "disputeAmount"
>;

type DisputeStatus = NonNullable<Payment["disputeStatus"]>;

/** Dispute statuses whose amount Stripe has withdrawn from the business's balance. */
const WITHDRAWN: ReadonlySet<DisputeStatus> = new Set(["needs_response", "under_review", "lost"]);

export interface LedgerInput {
  /** The invoice's total in minor units, from the one totals function. */
  total: number;
  voided: boolean;
  /** YYYY-MM-DD, a calendar day in the business's time zone. */
  dueDate: string;
  /** IANA time zone of the business: "overdue" starts at its midnight, not UTC's. */
  timeZone: string;
  now: Date;
  payments: readonly LedgerPayment[];
}

export interface Ledger {
  total: number;
  /** Succeeded payments, as charged. */
  received: number;
  /** Given back by the business, out of `received`. */
  refunded: number;
  /** Taken back by the customer's bank: chargebacks open, under review or lost. */
  disputed: number;
  /** Disputed and lost: owed again. */
  disputeLost: number;
  /** Money the business holds now: received less refunded and disputed. */
  kept: number;
  /** What the customer still owes: 0 on a void invoice, never negative. */
  balanceDue: number;
  /** Money kept that the business owes back: all of it on a void invoice, else beyond the total. */
  refundDue: number;
  /** A bank debit is on its way: no other payment may be taken until it settles. */
  processing: boolean;
  paymentState: PaymentState;
  state: CustomerState;
  /** Due, unpaid past its due date in the business's time zone, and not void or processing. */
  overdue: boolean;
  /** Payments covered the total (and the invoice is not void): the owner's "paid". */
  paid: boolean;
  /** When the payments covered the total: the latest succeeded payment, if it is paid. */
  paidAt: Date | null;
}

/** Money the ledger counts as received: a succeeded payment (a receipt is shown for each). */
export function isReceived(payment: Pick<LedgerPayment, "status">): boolean {
  return payment.status === "succeeded";
}

/** What the payments add up to. */
function figures(payments: readonly LedgerPayment[]) {
  let received = 0;
  let refunded = 0;
  let disputed = 0;
  let disputeLost = 0;
  let paidAt: Date | null = null;
  for (const p of payments) {
    if (!isReceived(p)) continue;
    received += p.amount;
    refunded += p.amountRefunded;
    if (p.disputeStatus && WITHDRAWN.has(p.disputeStatus)) {
      // A bank can only take back what was not refunded already.
      const taken = Math.max(0, Math.min(p.disputeAmount, p.amount - p.amountRefunded));
      disputed += taken;
      if (p.disputeStatus === "lost") disputeLost += taken;
    }
    if (p.completedAt && (!paidAt || p.completedAt > paidAt)) paidAt = p.completedAt;
  }
  const processing = payments.some((p) => p.status === "processing");
  return { received, refunded, disputed, disputeLost, processing, latest: paidAt };
}

export function invoiceLedger(input: LedgerInput): Ledger {
  const { total, voided } = input;
  const { received, refunded, disputed, disputeLost, processing, latest } = figures(input.payments);
  const kept = received - refunded - disputed;
  // Money that counts against the total. Refunds do not lower it (never owed again); a lost
  // dispute does: the customer has that money back.
  const credited = received - disputeLost;
  const balanceDue = voided ? 0 : Math.max(0, total - credited);
  // Nothing is owed on a void invoice, so all the money kept goes back; otherwise what was kept
  // beyond the total. A bank debit still processing is not money kept yet.
  const refundDue = Math.max(0, voided ? kept : kept - total);

  let paymentState: PaymentState;
  if (received > 0 && refunded >= received) paymentState = "refunded";
  else if (refunded > 0) paymentState = "partially_refunded";
  else if (processing) paymentState = "processing";
  else if (credited > 0 && credited >= total) paymentState = "paid";
  else if (credited > 0) paymentState = "partially_paid";
  else paymentState = "unpaid";

  const today = calendarDate(input.now, input.timeZone);
  let state: CustomerState;
  if (voided) state = "void";
  else if (balanceDue > 0) {
    // Money still owed speaks first, refunds or not: the customer can pay it and it can be late.
    if (processing) state = "processing";
    else if (input.dueDate < today) state = "overdue";
    else state = credited > 0 ? "partially_paid" : "due";
  } else if (received === 0) {
    // A total of 0 (a 100% discount): nothing to pay, unless an old session's bank debit is
    // on its way, which the customer should see as such.
    state = processing ? "processing" : "nothing_due";
  } else if (refunded >= received) state = "refunded";
  else if (refunded > 0) state = "partially_refunded";
  else state = "paid";

  const paid = !voided && credited > 0 && balanceDue === 0;
  return {
    total,
    received,
    refunded,
    disputed,
    disputeLost,
    kept,
    balanceDue,
    refundDue,
    processing,
    paymentState,
    state,
    overdue: state === "overdue",
    paid,
    paidAt: paid ? latest : null,
  };
}
