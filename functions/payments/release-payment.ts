import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { payments } from "../../db/schema";

/**
 * Gives up an open Stripe payment that no customer can complete (its session was expired at
 * Stripe, or was never created), so the invoice's one in-flight slot is free for a new session.
 * Only an open row moves; `onlyWithoutUrl` also requires that no session URL was ever stored,
 * for rows abandoned half-way through creation.
 */
export async function releasePayment(
  db: Db,
  input: { paymentId: string; now: Date; onlyWithoutUrl?: boolean },
): Promise<boolean> {
  const result = await db
    .update(payments)
    .set({ status: "expired", updatedAt: input.now })
    .where(
      and(
        eq(payments.id, input.paymentId),
        eq(payments.provider, "stripe"),
        eq(payments.status, "open"),
        input.onlyWithoutUrl ? isNull(payments.checkoutUrl) : undefined,
      ),
    );
  return result.rowsAffected > 0;
}
