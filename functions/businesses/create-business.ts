import type { Db } from "../../db/client";
import { apiKeys, type Business, businesses, type PLANS } from "../../db/schema";
import { newId } from "../domain/tokens";
import { type ApiKey, newKeyRow } from "./api-key-rows";

/**
 * Creates a business and its first API key in one atomic batch. Only the bootstrap command
 * calls this: every later change goes through the API with that key.
 */
export async function createBusiness(
  db: Db,
  input: { name: string; plan?: (typeof PLANS)[number]; keyName?: string; now: Date },
): Promise<{ business: Business; key: string; keyRow: ApiKey }> {
  const businessId = newId("biz");
  const { key, row } = await newKeyRow(businessId, input.keyName ?? "bootstrap", input.now);
  const [inserted] = await db.batch([
    db
      .insert(businesses)
      .values({
        id: businessId,
        name: input.name,
        plan: input.plan ?? "free",
        createdAt: input.now,
        updatedAt: input.now,
      })
      .returning(),
    db.insert(apiKeys).values(row),
  ]);
  const business = inserted[0];
  if (!business) throw new Error("The business was not created");
  return { business, key, keyRow: row };
}
