import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { type Business, businesses } from "../../db/schema";
import { AppError } from "../http/errors";

export async function getBusiness(db: Db, businessId: string): Promise<Business> {
  const [business] = await db.select().from(businesses).where(eq(businesses.id, businessId));
  if (!business) throw new AppError("not_found", "Business not found");
  return business;
}
