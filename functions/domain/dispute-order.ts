import type { Payment } from "../../db/schema";

export type DisputeStatus = NonNullable<Payment["disputeStatus"]>;

// Where a dispute stands in its life, so a webhook can tell a newer state from an older one
// whatever order the events arrive in. An inquiry (warning_*) comes before a chargeback, which
// may escalate from it; a chargeback's decision (won, lost) and a prevented one are final.
const RANK: Record<DisputeStatus, number> = {
  warning_needs_response: 1,
  warning_under_review: 2,
  warning_closed: 3,
  needs_response: 4,
  under_review: 5,
  won: 6,
  lost: 6,
  prevented: 6,
};

/** 0 for no dispute yet; a state replaces a stored one only when its rank is higher. */
export function disputeRank(status: DisputeStatus | null): number {
  return status ? RANK[status] : 0;
}

/** The rank table, for the guard the write batch evaluates in the database. */
export const DISPUTE_RANKS: Readonly<Record<DisputeStatus, number>> = RANK;

/** A chargeback's first rank: below it, any dispute stored was at most an inquiry. */
export const CHARGEBACK_RANK = RANK.needs_response;

export function isDisputeStatus(value: unknown): value is DisputeStatus {
  return typeof value === "string" && Object.hasOwn(RANK, value);
}

/** The owner's timeline entry for a dispute reaching this status, when it is a new chapter. */
export function disputeTimelineKind(
  status: DisputeStatus,
): "payment_disputed" | "dispute_won" | "dispute_lost" | "dispute_closed" {
  if (status === "won") return "dispute_won";
  if (status === "lost") return "dispute_lost";
  if (status === "warning_closed" || status === "prevented") return "dispute_closed";
  return "payment_disputed";
}
