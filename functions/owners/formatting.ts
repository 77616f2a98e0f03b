import type { OwnerMessages } from "../i18n/owner-messages";
import type { OwnerState } from "../invoices/owner-status";
import type { Badge, BadgeTone } from "../views/owner-page-model";

// Also used by owner notifications, which have no browser: it lives with the owner's labels.
export { ownerLocale } from "../i18n/owner-messages";

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
