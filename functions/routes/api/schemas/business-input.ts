import { z } from "zod";
import { PLANS } from "../../../../db/schema";
import { logoAddressProblem } from "../../../businesses/logo-address";
import type { BusinessChanges } from "../../../businesses/update-business";
import { websiteHref } from "../../../views/business-view";
import {
  currencyCode,
  emailAddress,
  hexColor,
  line,
  localeTag,
  nameLine,
  paragraph,
  phoneNumber,
  timeZone,
} from "./common";

// PATCH /business: every field optional; only the fields given change.

const httpsUrl = z
  .url({ protocol: /^https$/, error: "must be an https URL" })
  .max(2048, "must be at most 2048 characters");

export const updateBusinessBody = z.strictObject({
  name: nameLine(200)
    .refine((v) => v !== "", "must not be empty")
    .optional(),
  address: paragraph(500).optional(),
  phone: phoneNumber.optional(),
  email: emailAddress.optional(),
  website: line(200)
    .refine((v) => v === "" || websiteHref(v) !== null, "must be a web address")
    .optional(),
  logo_url: httpsUrl
    .superRefine((url, ctx) => {
      const problem = logoAddressProblem(url);
      if (problem) ctx.addIssue({ code: "custom", message: problem, input: url });
    })
    .nullable()
    .optional()
    .meta({
      description:
        "An https URL of a PNG or JPEG image on a public host, or null for none. The image is " +
        "fetched once, checked like an upload and stored: logo_url then reads /logos/….",
    }),
  brand_color: hexColor.optional(),
  accent_color: hexColor.optional(),
  default_currency: currencyCode.optional(),
  default_locale: localeTag.optional(),
  timezone: timeZone.optional(),
  plan: z.enum(PLANS).optional(),
  stripe_account_id: z
    .string()
    .regex(/^acct_[A-Za-z0-9]{1,64}$/, "must be a Stripe account id (acct_…)")
    .nullable()
    .optional(),
});

export function toBusinessChanges(body: z.output<typeof updateBusinessBody>): BusinessChanges {
  const changes: BusinessChanges = {
    name: body.name,
    address: body.address,
    phone: body.phone,
    email: body.email,
    website: body.website,
    logoUrl: body.logo_url,
    brandColor: body.brand_color,
    accentColor: body.accent_color,
    defaultCurrency: body.default_currency,
    defaultLocale: body.default_locale,
    timezone: body.timezone,
    plan: body.plan,
    stripeAccountId: body.stripe_account_id,
  };
  // Absent fields stay as they are; only present ones (null included) are written.
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
}
