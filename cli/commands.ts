import { readFile } from "node:fs/promises";
import { sniffImageType } from "../functions/businesses/image-type";
import type { ApiClient } from "./api-client";
import { UsageError } from "./args";
import * as format from "./format";
import { decimalToMinor } from "./money";

// One function per API command: call the API, return the answer for --json and the text for
// people. Invoices can be named by id (inv_…) or by number.

export interface Output {
  json: unknown;
  text: string;
}

export interface CommandContext {
  client: ApiClient;
  args: string[];
  options: Record<string, string | boolean | undefined>;
  formatOptions: format.FormatOptions;
}

type Command = (ctx: CommandContext) => Promise<Output>;

const str = (value: string | boolean | undefined) =>
  typeof value === "string" ? value : undefined;

async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new UsageError(`Cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/** An invoice id, or the id of the invoice with exactly this number. */
export async function resolveInvoice(client: ApiClient, ref: string): Promise<string> {
  if (/^inv_[A-Za-z0-9_-]+$/.test(ref)) return ref;
  const page = await client.request<format.InvoicePage>(
    "GET",
    `/invoices?q=${encodeURIComponent(ref)}&limit=100`,
  );
  const match = page.data.find((row) => row.number === ref);
  if (!match) throw new UsageError(`No invoice has the number or id "${ref}"`);
  return match.id;
}

async function invoicePath(ctx: CommandContext, suffix = ""): Promise<string> {
  return `/invoices/${await resolveInvoice(ctx.client, ctx.args[0] ?? "")}${suffix}`;
}

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

async function send(ctx: CommandContext, path: string, body?: unknown): Promise<Output> {
  const result = await ctx.client.request<format.SendResult>("POST", path, body);
  return { json: result, text: format.formatSend(result) };
}

export const commands: Record<string, Command> = {
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
  async create(ctx) {
    const body = await readJsonFile(ctx.args[0] ?? "");
    const invoice = await ctx.client.request<format.Invoice>("POST", "/invoices", body);
    return { json: invoice, text: format.formatCreated(invoice) };
  },
  async edit(ctx) {
    const path = await invoicePath(ctx);
    const body = await readJsonFile(ctx.args[1] ?? "");
    const invoice = await ctx.client.request<format.Invoice>("PATCH", path, body);
    return {
      json: invoice,
      text: `Saved (version ${invoice.version}).\n${format.formatStatus(invoice, ctx.formatOptions)}`,
    };
  },
  async send(ctx) {
    return send(
      ctx,
      await invoicePath(ctx, "/send"),
      ctx.options["new-link"] ? { new_link: true } : undefined,
    );
  },
  async "new-link"(ctx) {
    return send(ctx, await invoicePath(ctx, "/link"));
  },
  async revoke(ctx) {
    const result = await ctx.client.request<{ revoked: boolean }>(
      "DELETE",
      await invoicePath(ctx, "/link"),
    );
    const text = result.revoked
      ? "The link is turned off. The customer sees a page asking them to contact you."
      : "The invoice had no active link.";
    return { json: result, text };
  },
  async void(ctx) {
    const invoice = await ctx.client.request<format.Invoice>(
      "POST",
      await invoicePath(ctx, "/void"),
    );
    return { json: invoice, text: `Invoice ${invoice.number} is void. Nothing is owed.` };
  },
  async pay(ctx) {
    const amountText = str(ctx.options.amount);
    const method = str(ctx.options.method);
    if (!amountText || !method)
      throw new UsageError("pay needs --amount 12.50 and --method cash|check|other");
    const path = await invoicePath(ctx);
    const invoice = await ctx.client.request<format.Invoice>("GET", path);
    let amount: number;
    try {
      amount = decimalToMinor(amountText, invoice.currency);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const body = {
      amount,
      method,
      reference: str(ctx.options.reference),
      date: str(ctx.options.date),
    };
    const result = await ctx.client.request<{ invoice: format.Invoice }>(
      "POST",
      `${path}/payments`,
      body,
    );
    const after = result.invoice;
    const text = `Recorded ${format.money(amount, after.currency)}. Balance ${format.money(after.balance_due, after.currency)}; state ${after.state}.`;
    return { json: result, text };
  },
  async status(ctx) {
    const invoice = await ctx.client.request<format.Invoice>("GET", await invoicePath(ctx));
    return { json: invoice, text: format.formatStatus(invoice, ctx.formatOptions) };
  },
  async list(ctx) {
    const query = new URLSearchParams();
    for (const name of ["status", "state", "limit", "cursor"]) {
      const value = str(ctx.options[name]);
      if (value !== undefined) query.set(name, value);
    }
    const search = str(ctx.options.search);
    if (search !== undefined) query.set("q", search);
    for (const flag of ["overdue", "paid", "viewed"])
      if (ctx.options[flag]) query.set(flag, "true");
    const page = await ctx.client.request<format.InvoicePage>(
      "GET",
      `/invoices${query.size ? `?${query}` : ""}`,
    );
    return { json: page, text: format.formatList(page) };
  },
  async preview(ctx) {
    const preview = await ctx.client.request<format.Preview>(
      "GET",
      await invoicePath(ctx, "/preview"),
    );
    return { json: preview, text: format.formatPreview(preview, ctx.formatOptions) };
  },
  async timeline(ctx) {
    const timeline = await ctx.client.request<format.Timeline>(
      "GET",
      await invoicePath(ctx, "/timeline"),
    );
    return { json: timeline, text: format.formatTimeline(timeline, ctx.formatOptions) };
  },
};
