import { readFile } from "node:fs/promises";
import { sniffImageType } from "../functions/businesses/image-type";
import { UsageError } from "./args";
import { type Command, str } from "./command-kit";
import * as format from "./format";

// The business profile, its logo and its API keys.

const BUSINESS_FIELDS: Record<string, string> = {
  name: "name",
  address: "address",
  phone: "phone",
  email: "email",
  website: "website",
  color: "brand_color",
  accent: "accent_color",
  currency: "default_currency",
  locale: "default_locale",
  timezone: "timezone",
  plan: "plan",
  "stripe-account": "stripe_account_id",
};

export const businessCommands: Record<string, Command> = {
  async business(ctx) {
    const b = await ctx.client.request<format.Business>("GET", "/business");
    return { json: b, text: format.formatBusiness(b) };
  },
  async "business set"(ctx) {
    const body: Record<string, string | null> = {};
    for (const [option, field] of Object.entries(BUSINESS_FIELDS)) {
      const value = str(ctx.options[option]);
      if (value === undefined) continue;
      body[field] =
        field === "stripe_account_id" && value === "none" ? null : value.replace(/\\n/g, "\n");
    }
    if (Object.keys(body).length === 0)
      throw new UsageError("Give at least one field, e.g. --name or --color");
    const b = await ctx.client.request<format.Business>("PATCH", "/business", body);
    return { json: b, text: `Saved.\n${format.formatBusiness(b)}` };
  },
  async logo(ctx) {
    if (ctx.options.remove) {
      const b = await ctx.client.request<format.Business>("DELETE", "/business/logo");
      return { json: b, text: "Logo removed. Invoices already sent keep theirs." };
    }
    const path = ctx.args[0] ?? "";
    const bytes = new Uint8Array(
      await readFile(path).catch((e: Error) => {
        throw new UsageError(`Cannot read ${path}: ${e.message}`);
      }),
    );
    const contentType = sniffImageType(bytes);
    if (!contentType) throw new UsageError(`${path} is not a PNG or JPEG image`);
    const b = await ctx.client.request<format.Business>("PUT", "/business/logo", undefined, {
      bytes,
      contentType,
    });
    return {
      json: b,
      text: `Logo uploaded: ${b.logo_url}. Invoices already sent keep their logo.`,
    };
  },
  async keys(ctx) {
    const keys = await ctx.client.request<{ data: format.ApiKey[] }>("GET", "/keys");
    return { json: keys, text: format.formatKeys(keys.data, ctx.formatOptions) };
  },
  async "keys create"(ctx) {
    const key = await ctx.client.request<format.CreatedKey>("POST", "/keys", {
      name: str(ctx.options.name) ?? "",
    });
    return { json: key, text: format.formatNewKey(key) };
  },
  async "keys revoke"(ctx) {
    const key = await ctx.client.request<format.ApiKey>(
      "DELETE",
      `/keys/${encodeURIComponent(ctx.args[0] ?? "")}`,
    );
    return { json: key, text: `Key ${key.prefix}… is revoked.` };
  },
};
