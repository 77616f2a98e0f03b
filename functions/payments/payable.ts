import type { ResolvedLink } from "../links/resolve-portal-link";
import { ledgerOf } from "../views/invoice-view";
import {
  checkoutAmount,
  type PayBlocker,
  payBlocker,
  type StripeSetup,
  stripeConfiguredFor,
} from "./pay-eligibility";

type ActiveLink = Extract<ResolvedLink, { kind: "active" }>;

export interface Payable {
  blocker: PayBlocker | null;
  /** What Checkout charges: the ledger's balance due, in the form Stripe takes it. */
  amount: number;
  /** Money received so far: the balance depends on it, so a write is guarded on it. */
  received: number;
}

/** Whether, and for how much, the invoice behind a resolved link can be paid online now. */
export function payableOf(facts: ActiveLink, stripe: StripeSetup, now: Date): Payable {
  const ledger = ledgerOf(facts, now);
  return {
    blocker: payBlocker({
      plan: facts.business.plan,
      currency: facts.invoice.currency,
      stripeConfigured: stripeConfiguredFor(stripe, facts.business.stripeAccountId ?? null),
      connectedChargesEnabled: facts.business.stripeAccountId
        ? (facts.business.stripeChargesEnabled ?? null)
        : null,
      ledger,
    }),
    amount: checkoutAmount(ledger.balanceDue, facts.invoice.currency),
    received: ledger.received,
  };
}
