import type { ResolvedLink } from "../links/resolve-portal-link";
import { ledgerOf } from "../views/invoice-view";
import {
  type PayBlocker,
  payBlocker,
  type StripeSetup,
  stripeConfiguredFor,
} from "./pay-eligibility";

type ActiveLink = Extract<ResolvedLink, { kind: "active" }>;

export interface Payable {
  blocker: PayBlocker | null;
  /** The ledger's balance due: what Checkout charges. */
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
      stripeConfigured: stripeConfiguredFor(stripe, facts.business.stripeAccountId ?? null),
      ledger,
    }),
    amount: ledger.balanceDue,
    received: ledger.received,
  };
}
