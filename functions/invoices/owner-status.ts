import type { Invoice, LineItem } from "../../db/schema";
import {
  type CustomerState,
  invoiceLedger,
  type Ledger,
  type LedgerPayment,
} from "../domain/ledger";
import { computeTotals, type Totals, type TotalsInput } from "../domain/totals";

/** What the owner sees: the customer's states, plus "draft" for an invoice not sent yet. */
export type OwnerState = CustomerState | "draft";

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
  /** Every money figure, from the one ledger. */
  ledger: Ledger;
  state: OwnerState;
  viewed: boolean;
  /** The ledger's, except that a draft (not sent yet) is never late. */
  overdue: boolean;
}

/**
 * The owner's view of an invoice's money and state, from the one totals function and the
 * stored payments. `timeZone` is the business's: "overdue" starts at its midnight.
 */
export function ownerStatus(
  invoice: Omit<TotalsInput, "items"> & Pick<Invoice, "status" | "dueDate" | "firstViewedAt">,
  items: Pick<LineItem, "quantity" | "unitPrice">[],
  paymentRows: readonly LedgerPayment[],
  clock: { now: Date; timeZone: string },
): OwnerStatus {
  const totals = computeTotals({ ...invoice, items });
  const ledger = invoiceLedger({
    total: totals.total,
    voided: invoice.status === "void",
    dueDate: invoice.dueDate,
    timeZone: clock.timeZone,
    now: clock.now,
    payments: paymentRows,
  });
  const state: OwnerState =
    invoice.status === "draft" && ledger.paymentState === "unpaid" ? "draft" : ledger.state;
  return {
    totals,
    ledger,
    state,
    viewed: invoice.firstViewedAt !== null,
    overdue: state === "overdue",
  };
}
