import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { rateLimits } from "../../db/schema";
import { sha256Hex } from "../domain/tokens";

// Fixed-window counters in the database (the Worker keeps no state between requests). Signing
// in is limited per client address and per business, so guessing at one account from many
// addresses, or at many accounts from one, both run into a limit.

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const LIMITS = { client: 20, business: 50 } as const;

/** A client's key: a hash of its address, so addresses are never stored. */
export async function clientKey(address: string | undefined): Promise<string> {
  return `client:${(await sha256Hex(address ?? "unknown")).slice(0, 32)}`;
}

/**
 * Counts one attempt against each key and says whether any is over its limit. One batch: the
 * counts, and removal of windows that have passed.
 */
export async function countAttempt(
  db: Db,
  keys: { key: string; limit: number }[],
  now: Date,
): Promise<{ allowed: boolean }> {
  const windowStart = Math.floor(now.getTime() / SIGN_IN_WINDOW_MS) * SIGN_IN_WINDOW_MS;
  const upserts = keys.map(({ key }) =>
    db
      .insert(rateLimits)
      .values({ key, windowStart, count: 1 })
      .onConflictDoUpdate({
        target: [rateLimits.key, rateLimits.windowStart],
        set: { count: sql`${rateLimits.count} + 1` },
      })
      .returning({ count: rateLimits.count }),
  );
  const cleanup = db.delete(rateLimits).where(lt(rateLimits.windowStart, windowStart));
  const [first, ...rest] = upserts;
  if (!first) return { allowed: true };
  const results = await db.batch([first, ...rest, cleanup]);
  const allowed = keys.every((k, i) => {
    const rows = results[i] as { count: number }[];
    return (rows[0]?.count ?? 0) <= k.limit;
  });
  return { allowed };
}

/** Whether a key is already over its limit, without counting (for a read before the work). */
export function attemptsRead(db: Db, key: string, now: Date) {
  const windowStart = Math.floor(now.getTime() / SIGN_IN_WINDOW_MS) * SIGN_IN_WINDOW_MS;
  return db
    .select({ count: rateLimits.count })
    .from(rateLimits)
    .where(and(eq(rateLimits.key, key), eq(rateLimits.windowStart, windowStart)));
}
