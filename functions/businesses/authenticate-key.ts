import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import { apiKeys } from "../../db/schema";
import { sha256Hex } from "../domain/tokens";

/** How stale `last_used_at` may get: updating it on every call would double the writes. */
export const LAST_USED_GRANULARITY_MS = 60_000;

export type KeyLookup =
  | { kind: "unknown" }
  | { kind: "revoked" }
  | { kind: "valid"; keyId: string; businessId: string; lastUsedAt: Date | null };

/** Finds an API key by the SHA-256 of what the caller presented: one indexed read. */
export async function findApiKey(db: Db, presented: string): Promise<KeyLookup> {
  if (!/^sk_portal_[A-Za-z0-9_-]{20,64}$/.test(presented)) return { kind: "unknown" };
  const [row] = await db
    .select({
      id: apiKeys.id,
      businessId: apiKeys.businessId,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.keyHash, await sha256Hex(presented)));
  if (!row) return { kind: "unknown" };
  if (row.revokedAt) return { kind: "revoked" };
  return { kind: "valid", keyId: row.id, businessId: row.businessId, lastUsedAt: row.lastUsedAt };
}

/** Whether `last_used_at` is old enough to be worth a write. */
export function needsTouch(lastUsedAt: Date | null, now: Date): boolean {
  return !lastUsedAt || now.getTime() - lastUsedAt.getTime() >= LAST_USED_GRANULARITY_MS;
}

/** Records that a key was used; the condition keeps concurrent requests to one write a minute. */
export async function touchApiKey(db: Db, keyId: string, now: Date): Promise<void> {
  const staleBefore = new Date(now.getTime() - LAST_USED_GRANULARITY_MS);
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiKeys.id, keyId),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, staleBefore)),
      ),
    );
}
