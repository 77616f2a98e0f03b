import type { Invoice, LineItem, Payment } from "../../db/schema";
import { type PaymentSummary, refundDue, summarizePayments } from "../domain/payment-state";
import { computeTotals, type Totals, type TotalsInput } from "../domain/totals";
import { invoiceState } from "../views/invoice-view";
import type { InvoiceState } from "../views/page-model";

/** What the owner sees: the customer's states, plus "draft" for an invoice not sent yet. */
export type OwnerState = InvoiceState | "draft";

export const OWNER_STATES = [
  "draft",
  "due",
  "overdue",
  "nothing_due",
  "processing",
  "partially_paid",
  "paid",
  "partially_refunded",
  "refunded",
  "void",
] as const satisfies readonly OwnerState[];

export interface OwnerStatus {
  totals: Totals;
  summary: PaymentSummary;
  state: OwnerState;
  viewed: boolean;
  paid: boolean;
  overdue: boolean;
  /** Money received and kept that the owner owes back: see `refundDue`. */
  refundDue: number;
}

/**
 * The owner's view of an invoice's money and state, from the one totals function and the
 * stored payments. `today` is the calendar date in the business's time zone.
 */
export function ownerStatus(
  invoice: Omit<TotalsInput, "items"> & Pick<Invoice, "status" | "dueDate" | "firstViewedAt">,
  items: Pick<LineItem, "quantity" | "unitPrice">[],
  paymentRows: Pick<Payment, "status" | "amount" | "amountRefunded" | "completedAt">[],
  today: string,
): OwnerStatus {
  const totals = computeTotals({ ...invoice, items });
  const summary = summarizePayments(totals.total, paymentRows);
  const customerState = invoiceState(invoice, summary, today);
  const state: OwnerState =
    invoice.status === "draft" && summary.state === "unpaid" ? "draft" : customerState;
  return {
    totals,
    summary,
    state,
    viewed: invoice.firstViewedAt !== null,
    paid: summary.state === "paid",
    overdue: state === "overdue",
    refundDue: refundDue({ total: totals.total, voided: invoice.status === "void" }, summary),
  };
}
