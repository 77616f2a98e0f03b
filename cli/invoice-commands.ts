import { UsageError } from "./args";
import {
  type Command,
  type CommandContext,
  invoicePath,
  type Output,
  readJsonFile,
  str,
} from "./command-kit";
import * as format from "./format";
import * as show from "./format-invoice";
import { decimalToMinor } from "./money";

// Invoices: create, edit, send and links, void, offline payments, status, list, timeline.

async function send(ctx: CommandContext, path: string, body?: unknown): Promise<Output> {
  const result = await ctx.client.request<format.SendResult>("POST", path, body);
  return { json: result, text: show.formatSend(result) };
}

export const invoiceCommands: Record<string, Command> = {
  async create(ctx) {
    const body = await readJsonFile(ctx.args[0] ?? "");
    const invoice = await ctx.client.request<format.Invoice>("POST", "/invoices", body);
    return { json: invoice, text: show.formatCreated(invoice) };
  },
  async edit(ctx) {
    const path = await invoicePath(ctx);
    const body = await readJsonFile(ctx.args[1] ?? "");
    const invoice = await ctx.client.request<format.Invoice>("PATCH", path, body);
    return {
      json: invoice,
      text: `Saved (version ${invoice.version}).\n${show.formatStatus(invoice, ctx.formatOptions)}`,
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
    return { json: invoice, text: show.formatStatus(invoice, ctx.formatOptions) };
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
    return { json: page, text: show.formatList(page) };
  },
  async preview(ctx) {
    const preview = await ctx.client.request<format.Preview>(
      "GET",
      await invoicePath(ctx, "/preview"),
    );
    return { json: preview, text: show.formatPreview(preview, ctx.formatOptions) };
  },
  async timeline(ctx) {
    const timeline = await ctx.client.request<format.Timeline>(
      "GET",
      await invoicePath(ctx, "/timeline"),
    );
    return { json: timeline, text: show.formatTimeline(timeline, ctx.formatOptions) };
  },
};
