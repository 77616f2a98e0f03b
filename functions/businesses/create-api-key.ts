import type { Db } from "../../db/client";
import { apiKeys } from "../../db/schema";
import { type ApiKey, newKeyRow } from "./api-key-rows";

/** Another key for the business. The key itself is returned once and never stored. */
export async function createApiKey(
  db: Db,
  input: { businessId: string; name: string; now: Date },
): Promise<{ key: string; row: ApiKey }> {
  const created = await newKeyRow(input.businessId, input.name, input.now);
  await db.insert(apiKeys).values(created.row);
  return created;
}
