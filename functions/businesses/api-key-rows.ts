import type { apiKeys } from "../../db/schema";
import { newApiKey, newId, sha256Hex } from "../domain/tokens";

export type ApiKey = typeof apiKeys.$inferSelect;

/** Characters of a key kept in the clear, enough to tell keys apart ("sk_portal_" + 4). */
export const KEY_PREFIX_LENGTH = 14;

/** A new key and the row that stores it: the hash only, never the key. */
export async function newKeyRow(
  businessId: string,
  name: string,
  now: Date,
): Promise<{ key: string; row: ApiKey }> {
  const key = newApiKey();
  return {
    key,
    row: {
      id: newId("key"),
      businessId,
      name,
      prefix: key.slice(0, KEY_PREFIX_LENGTH),
      keyHash: await sha256Hex(key),
      createdAt: now,
      lastUsedAt: null,
      revokedAt: null,
    },
  };
}
