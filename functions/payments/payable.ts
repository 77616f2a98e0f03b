import { summarizePayments } from "../domain/payment-state";
import type { ResolvedLink } from "../links/resolve-portal-link";
import { invoiceTotals } from "../views/invoice-view";
import {
  type PayBlocker,
  payBlocker,
  type StripeSetup,
  stripeConfiguredFor,
} from "./pay-eligibility";

type ActiveLink = Extract<ResolvedLink, { kind: "active" }>;

export interface Payable {
  blocker: PayBlocker | null;
  /** The balance due: what Checkout charges, from the one totals function. */
  amount: number;
  /** Money received and kept so far (a write is guarded on it staying the same). */
  amountPaid: number;
}

/** Whether, and for how much, the invoice behind a resolved link can be paid online now. */
export function payableOf(facts: ActiveLink, stripe: StripeSetup): Payable {
  const totals = invoiceTotals(facts);
  const summary = summarizePayments(totals.total, facts.payments);
  return {
    blocker: payBlocker({
      plan: facts.business.plan,
      stripeConfigured: stripeConfiguredFor(stripe, facts.business.stripeAccountId ?? null),
      invoiceStatus: facts.invoice.status,
      state: summary.state,
      balanceDue: summary.balanceDue,
    }),
    amount: summary.balanceDue,
    amountPaid: summary.amountPaid,
  };
}
