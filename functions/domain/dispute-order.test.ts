import { describe, expect, it } from "vitest";
import { DISPUTE_STATUSES } from "../../db/schema";
import { disputeRank, disputeTimelineKind, isDisputeStatus } from "./dispute-order";

describe("dispute order", () => {
  it("puts inquiries before chargebacks and decisions last", () => {
    const order = [
      null,
      "warning_needs_response",
      "warning_under_review",
      "warning_closed",
      "needs_response",
      "under_review",
      "lost",
    ] as const;
    const ranks = order.map((status) => disputeRank(status));
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(new Set(ranks).size).toBe(ranks.length);
  });

  it("never lets a decision be replaced by another", () => {
    expect(disputeRank("won")).toBe(disputeRank("lost"));
    expect(disputeRank("prevented")).toBe(disputeRank("won"));
  });

  it("knows every status the schema stores, and nothing else", () => {
    for (const status of DISPUTE_STATUSES) expect(isDisputeStatus(status), status).toBe(true);
    expect(isDisputeStatus("charge_refunded")).toBe(false);
    expect(isDisputeStatus("toString")).toBe(false);
  });

  it("names the timeline entry of each chapter", () => {
    expect(disputeTimelineKind("needs_response")).toBe("payment_disputed");
    expect(disputeTimelineKind("won")).toBe("dispute_won");
    expect(disputeTimelineKind("lost")).toBe("dispute_lost");
    expect(disputeTimelineKind("warning_closed")).toBe("dispute_closed");
  });
});
