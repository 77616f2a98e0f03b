import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { businesses } from "../../db/schema";
import { toStatement } from "../../db/statement";
import { eventSeen, notYetApplied, recordEvent, type StripeEventRef } from "./payment-sql";

export interface AccountReadiness {
  accountId: string;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  /** `requirements.currently_due`: what Stripe still needs before it may disable the account. */
  currentlyDue: readonly string[];
  event?: StripeEventRef;
  now: Date;
}

/**
 * Keeps a connected account's readiness on its business, with the event id, in one atomic write
 * batch. The values are the account as Stripe has it when the event is handled (read from the
 * API, not the event's snapshot), so a late or repeated `account.updated` writes the same state.
 */
export async function recordAccountReadiness(
  db: Db,
  input: AccountReadiness,
): Promise<{ found: boolean; duplicate: boolean }> {
  const { event, now } = input;
  const results = await db.$client.batch(
    [
      event ? toStatement(eventSeen(db, event)) : { sql: "SELECT 0 WHERE 0", args: [] },
      toStatement(
        db
          .update(businesses)
          .set({
            stripeChargesEnabled: input.chargesEnabled,
            stripePayoutsEnabled: input.payoutsEnabled,
            stripeRequirementsDue: input.currentlyDue.join(","),
            updatedAt: now,
          })
          .where(and(eq(businesses.stripeAccountId, input.accountId), notYetApplied(db, event))),
      ),
      ...(event ? [recordEvent(db, event, now)] : []),
      toStatement(
        db
          .select({ id: businesses.id })
          .from(businesses)
          .where(eq(businesses.stripeAccountId, input.accountId)),
      ),
    ],
    "write",
  );
  return {
    found: (results.at(-1)?.rows.length ?? 0) > 0,
    duplicate: (results[0]?.rows.length ?? 0) > 0,
  };
}
