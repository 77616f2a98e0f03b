import { and, eq, exists, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client";
import { apiKeys } from "../../db/schema";
import { AppError } from "../http/errors";
import type { ApiKey } from "./api-key-rows";

/**
 * Revokes a key at once; requests with it are refused from then on. The key making the request
 * cannot revoke itself: rotating means creating a new key, switching to it, then revoking the
 * old one with the new, so an owner can never lock themselves out by mistake. Revoking a
 * revoked key changes nothing.
 */
export async function revokeApiKey(
  db: Db,
  input: { businessId: string; keyId: string; currentKeyId: string; now: Date },
): Promise<ApiKey> {
  if (input.keyId === input.currentKeyId) {
    throw new AppError(
      "key_in_use",
      "A key cannot revoke itself; revoke it using another key of this business",
    );
  }
  const owned = and(eq(apiKeys.id, input.keyId), eq(apiKeys.businessId, input.businessId));
  // The caller's key must still be active when the write runs, not only when it was
  // authenticated: otherwise two keys revoking each other at once would both succeed and leave
  // the business with no working key.
  const callerKey = alias(apiKeys, "caller");
  const callerActive = exists(
    db
      .select({ one: sql`1` })
      .from(callerKey)
      .where(and(eq(callerKey.id, input.currentKeyId), isNull(callerKey.revokedAt))),
  );
  const [caller, revoked, existing] = await db.batch([
    db
      .select({ revokedAt: apiKeys.revokedAt })
      .from(apiKeys)
      .where(eq(apiKeys.id, input.currentKeyId)),
    db
      .update(apiKeys)
      .set({ revokedAt: input.now })
      .where(and(owned, isNull(apiKeys.revokedAt), callerActive))
      .returning(),
    db.select().from(apiKeys).where(owned),
  ]);
  if (caller[0]?.revokedAt !== null) {
    throw new AppError("unauthorized", "This API key has been revoked");
  }
  const key = revoked[0] ?? existing[0];
  if (!key) throw new AppError("not_found", "API key not found");
  return key;
}
