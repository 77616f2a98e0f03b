import { and, eq, isNull } from "drizzle-orm";
import { apiKeys } from "../../db/schema";
import type { Db } from "../http/db";
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
  const [revoked, existing] = await db.batch([
    db
      .update(apiKeys)
      .set({ revokedAt: input.now })
      .where(and(owned, isNull(apiKeys.revokedAt)))
      .returning(),
    db.select().from(apiKeys).where(owned),
  ]);
  const key = revoked[0] ?? existing[0];
  if (!key) throw new AppError("not_found", "API key not found");
  return key;
}
