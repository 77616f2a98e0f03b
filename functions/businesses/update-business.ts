import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { type Business, businesses } from "../../db/schema";
import { AppError } from "../http/errors";

export type BusinessChanges = Partial<
  Pick<
    Business,
    | "name"
    | "address"
    | "phone"
    | "email"
    | "website"
    | "logoUrl"
    | "brandColor"
    | "accentColor"
    | "defaultCurrency"
    | "defaultLocale"
    | "timezone"
    | "plan"
    | "stripeAccountId"
  >
>;

/**
 * Edits the business profile and its current branding. Invoices already sent keep the
 * snapshot taken when they were sent; only later sends use the new branding.
 */
export async function updateBusiness(
  db: Db,
  input: { businessId: string; changes: BusinessChanges; now: Date },
): Promise<Business> {
  const [business] = await db
    .update(businesses)
    .set({
      ...input.changes,
      // An account set by hand has no readiness reported yet: what was known belonged to the
      // account it replaces (a hand-linked account keeps Pay Now until Stripe says otherwise).
      ...(input.changes.stripeAccountId !== undefined
        ? { stripeChargesEnabled: null, stripePayoutsEnabled: null, stripeRequirementsDue: "" }
        : {}),
      updatedAt: input.now,
    })
    .where(eq(businesses.id, input.businessId))
    .returning();
  if (!business) throw new AppError("not_found", "Business not found");
  return business;
}
