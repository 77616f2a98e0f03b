import type { Business } from "../../db/schema";
import { fill } from "../i18n/messages";
import type { OwnerMessages } from "../i18n/owner-messages";
import type { Badge, PaymentsView } from "../views/owner-page-model";

// The "Online payments" page: where the business's Stripe setup stands, in the owner's words,
// and whether a button leads (back) into Stripe's hosted onboarding.

/** What the deployment offers, from its configuration (worked out by the route). */
export interface StripeOffer {
  /** A Stripe secret key is set: the portal can talk to Stripe at all. */
  key: boolean;
  /** Payments on the platform account can be confirmed (its webhook secret is set). */
  platform: boolean;
  /** Connected accounts' events can be verified (the Connect webhook secret is set). */
  connect: boolean;
}

export type PaymentsState =
  /** No Stripe keys, or not all the secrets Stripe's events need: nothing the owner can do. */
  | "no_stripe"
  | "stripe_incomplete"
  /** No account of its own; customers pay into the portal's own Stripe account. */
  | "platform"
  /** No account of its own, and the platform account does not take payments. */
  | "not_set_up"
  /** An account was made; Stripe is still checking or still needs something. */
  | "pending"
  /** Stripe lets the account take charges. */
  | "ready"
  /** An account entered by hand (API): Stripe has not said how it stands. */
  | "linked";

type Readiness = Pick<
  Business,
  | "plan"
  | "stripeAccountId"
  | "stripeChargesEnabled"
  | "stripePayoutsEnabled"
  | "stripeRequirementsDue"
>;

export function paymentsState(business: Readiness, offer: StripeOffer): PaymentsState {
  if (!offer.key) return "no_stripe";
  if (business.stripeAccountId) {
    if (!offer.connect) return "stripe_incomplete";
    if (business.stripeChargesEnabled === null) return "linked";
    return business.stripeChargesEnabled ? "ready" : "pending";
  }
  if (offer.platform) return "platform";
  return offer.connect ? "not_set_up" : "stripe_incomplete";
}

/**
 * Whether the owner may be sent into Stripe's onboarding (the POST and the refresh page check
 * the same rule). A connected account's payments are confirmed only through the Connect
 * endpoint: without its secret a new account could never be paid. An account entered by hand
 * was not made by this portal, so Stripe would refuse it an onboarding link.
 */
export function canStartSetup(business: Readiness, offer: StripeOffer): boolean {
  if (!offer.key || !offer.connect) return false;
  return !business.stripeAccountId || business.stripeChargesEnabled !== null;
}

/** Whether Stripe has anything left to ask: a finished account needs no button. */
function finished(business: Readiness): boolean {
  return (
    business.stripeChargesEnabled === true &&
    business.stripePayoutsEnabled === true &&
    business.stripeRequirementsDue === ""
  );
}

// Stripe names what it needs by field (`requirements.currently_due`, e.g. "individual.dob.day").
// The owner sees one plain line per kind of thing, in Stripe's order, each once.
const REQUIREMENT_GROUPS: [prefix: string, label: keyof OwnerMessages][] = [
  ["business_profile.", "req_business_profile"],
  ["business_type", "req_business_type"],
  ["external_account", "req_external_account"],
  ["tos_acceptance.", "req_tos_acceptance"],
  ["representative.", "req_representative"],
  ["individual.", "req_individual"],
  ["company.", "req_company"],
  ["owners.", "req_people"],
  ["directors.", "req_people"],
  ["executives.", "req_people"],
  ["person_", "req_people"],
  ["settings.", "req_settings"],
  ["documents.", "req_verification"],
];

export function readableRequirements(due: string, t: OwnerMessages): string[] {
  const lines: string[] = [];
  for (const field of due.split(",").filter(Boolean)) {
    const group = field.includes(".verification.")
      ? "req_verification"
      : (REQUIREMENT_GROUPS.find(([prefix]) => field.startsWith(prefix))?.[1] ?? "req_other");
    const line = t[group];
    if (!lines.includes(line)) lines.push(line);
  }
  return lines;
}

const BADGES: Record<PaymentsState, [keyof OwnerMessages, Badge["tone"]]> = {
  no_stripe: ["paymentsOff", "muted"],
  stripe_incomplete: ["paymentsOff", "muted"],
  platform: ["paymentsOn", "good"],
  not_set_up: ["paymentsNotSetUp", "neutral"],
  pending: ["paymentsPending", "due"],
  ready: ["paymentsOn", "good"],
  linked: ["paymentsOn", "good"],
};

/** The one-word summary the settings page shows, linking here. Pay Now is a Pro feature. */
export function paymentsBadge(
  state: PaymentsState,
  plan: Business["plan"],
  t: OwnerMessages,
): Badge {
  const [label, tone] = plan === "pro" ? BADGES[state] : BADGES.no_stripe;
  return { label: t[label], tone };
}

export function paymentsView(
  business: Readiness,
  offer: StripeOffer,
  t: OwnerMessages,
): PaymentsView {
  const state = paymentsState(business, offer);
  const due = readableRequirements(business.stripeRequirementsDue, t);
  const account = business.stripeAccountId;
  const lines: string[] = [];
  switch (state) {
    case "no_stripe":
      lines.push(t.paymentsNoStripe);
      break;
    case "stripe_incomplete":
      lines.push(t.paymentsStripeIncomplete);
      break;
    case "platform":
      lines.push(t.paymentsPlatform);
      if (canStartSetup(business, offer)) lines.push(t.paymentsOwnAccountNote);
      break;
    case "not_set_up":
      lines.push(t.paymentsNotSetUpBody);
      break;
    case "pending":
      lines.push(due.length ? t.paymentsPendingBody : t.paymentsChecking);
      break;
    case "ready":
      lines.push(t.paymentsReadyBody);
      lines.push(business.stripePayoutsEnabled ? t.payoutsOn : t.payoutsOff);
      if (due.length) lines.push(t.paymentsDueSoon);
      break;
    case "linked":
      lines.push(t.paymentsLinked);
      break;
  }
  const button =
    canStartSetup(business, offer) && !finished(business)
      ? account
        ? t.continueSetup
        : state === "platform"
          ? t.useOwnStripe
          : t.setUpPayments
      : null;
  return {
    name: "payments",
    badge: paymentsBadge(state, business.plan, t),
    lines,
    requirements: state === "pending" || state === "ready" ? due : [],
    account: account ? fill(t.stripeAccount, { account }) : null,
    freePlan: business.plan !== "pro",
    button,
    pending: state === "pending",
  };
}
