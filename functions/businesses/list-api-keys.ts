import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { apiKeys } from "../../db/schema";
import type { ApiKey } from "./api-key-rows";

/** The business's keys, oldest first, revoked ones included so the owner sees the history. */
export function listApiKeys(db: Db, businessId: string): Promise<ApiKey[]> {
  return db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.businessId, businessId))
    .orderBy(asc(apiKeys.createdAt), asc(apiKeys.id));
}
