import type { Business } from "../../db/schema";
import { languageOf } from "../i18n/messages";
import type { OwnerMessages } from "../i18n/owner-messages";
import type { OwnerState } from "../invoices/owner-status";
import type { Badge, BadgeTone } from "../views/owner-page-model";

/**
 * The locale money and dates are formatted in: the business's own when it speaks the owner's
 * language (so "en-US" keeps US dates for an English browser), else the owner's language.
 */
export function ownerLocale(business: Pick<Business, "defaultLocale">, lang: string): string {
  return languageOf(business.defaultLocale) === lang ? business.defaultLocale : lang;
}

const TONES: Record<OwnerState, BadgeTone> = {
  draft: "neutral",
  due: "due",
  overdue: "late",
  nothing_due: "muted",
  processing: "due",
  partially_paid: "due",
  paid: "good",
  partially_refunded: "muted",
  refunded: "muted",
  void: "muted",
};

export function stateBadge(state: OwnerState, t: OwnerMessages): Badge {
  return { label: t[`state_${state}`], tone: TONES[state] };
}
