import type { z } from "zod";
import type { Business } from "../../../db/schema";
import type { ApiKey } from "../../businesses/api-key-rows";
import type { apiKeyResponse, businessResponse } from "./schemas/responses";

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function presentBusiness(b: Business): z.input<typeof businessResponse> {
  return {
    id: b.id,
    name: b.name,
    address: b.address,
    phone: b.phone,
    email: b.email,
    website: b.website,
    logo_url: b.logoUrl,
    brand_color: b.brandColor,
    accent_color: b.accentColor,
    default_currency: b.defaultCurrency,
    default_locale: b.defaultLocale,
    timezone: b.timezone,
    plan: b.plan,
    stripe_account_id: b.stripeAccountId,
    stripe_account_status:
      b.stripeAccountId && b.stripeChargesEnabled !== null
        ? {
            charges_enabled: b.stripeChargesEnabled,
            payouts_enabled: b.stripePayoutsEnabled ?? false,
            requirements_due: b.stripeRequirementsDue ? b.stripeRequirementsDue.split(",") : [],
          }
        : null,
    created_at: b.createdAt.toISOString(),
    updated_at: iso(b.updatedAt),
  };
}

export function presentKey(k: ApiKey): z.input<typeof apiKeyResponse> {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    created_at: k.createdAt.toISOString(),
    last_used_at: iso(k.lastUsedAt),
    revoked_at: iso(k.revokedAt),
  };
}
