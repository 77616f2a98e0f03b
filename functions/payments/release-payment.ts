import type { Db } from "../../db/client";

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
  const result = await db.$client.execute({
    sql: `UPDATE payments SET status = 'expired', updated_at = ?
          WHERE id = ? AND provider = 'stripe' AND status = 'open'${
            input.onlyWithoutUrl ? " AND checkout_url IS NULL" : ""
          }`,
    args: [input.now.getTime(), input.paymentId],
  });
  return result.rowsAffected > 0;
}
