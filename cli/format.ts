import type { z } from "zod";
import type {
  apiKeyResponse,
  businessResponse,
  createdKeyResponse,
  invoicePageResponse,
  invoiceResponse,
  previewResponse,
  sendResponse,
  timelineResponse,
} from "../functions/api/schemas/responses";
import { formatMoney } from "../functions/i18n/format";
import { ApiError, ConnectionError } from "./api-client";
import { UsageError } from "./args";

// Human-readable output for each API answer. Dates of instants are shown in the owner's own
// time zone (the machine's, or `timeZone` in tests).

export type Business = z.output<typeof businessResponse>;
export type Invoice = z.output<typeof invoiceResponse>;
export type InvoicePage = z.output<typeof invoicePageResponse>;
export type SendResult = z.output<typeof sendResponse>;
export type Preview = z.output<typeof previewResponse>;
export type Timeline = z.output<typeof timelineResponse>;
export type ApiKey = z.output<typeof apiKeyResponse>;
export type CreatedKey = z.output<typeof createdKeyResponse>;

export interface FormatOptions {
  timeZone?: string;
}

const STATE_LABELS: Record<string, string> = {
  draft: "Draft",
  due: "Due",
  overdue: "Overdue",
  processing: "Processing",
  partially_paid: "Partly paid",
  paid: "Paid",
  partially_refunded: "Partly refunded",
  refunded: "Refunded",
  void: "Void",
};

export function money(amount: number, currency: string): string {
  return formatMoney(amount, currency, "en-US");
}

export function day(instant: string, options: FormatOptions = {}): string {
  return new Intl.DateTimeFormat("en-US", {
    dateStyle: "medium",
    timeZone: options.timeZone,
  }).format(new Date(instant));
}

function dateTime(instant: string, options: FormatOptions): string {
  return new Intl.DateTimeFormat("en-US", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: options.timeZone,
  }).format(new Date(instant));
}

/** A calendar date (YYYY-MM-DD) as "Dec 20, 2026", the same day everywhere. */
function calendarDay(value: string): string {
  return day(`${value}T12:00:00Z`, { timeZone: "UTC" });
}

function rows(pairs: [string, string][]): string {
  const width = Math.max(...pairs.map(([label]) => label.length)) + 1;
  return pairs.map(([label, value]) => `${`${label}:`.padEnd(width + 1)}${value}`).join("\n");
}

export function table(header: string[], body: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), ...body.map(line)].join("\n");
}

export function formatBusiness(b: Business): string {
  return [
    `${b.name} (${b.id}), ${b.plan} plan`,
    rows([
      ["Address", b.address.replace(/\n/g, ", ") || "—"],
      ["Phone", b.phone || "—"],
      ["Email", b.email || "—"],
      ["Website", b.website || "—"],
      ["Colours", `brand ${b.brand_color}, accent ${b.accent_color}`],
      ["Logo", b.logo_url ?? "none"],
      ["Defaults", `${b.default_currency}, ${b.default_locale}, ${b.timezone}`],
      ["Stripe", b.stripe_account_id ?? "platform account (no connected account)"],
    ]),
  ].join("\n");
}

export function viewedLine(invoice: Invoice, options: FormatOptions = {}): string {
  return invoice.first_viewed_at
    ? `Customer viewed on ${day(invoice.first_viewed_at, options)}`
    : "Not viewed yet";
}

export function formatStatus(invoice: Invoice, options: FormatOptions = {}): string {
  const m = (amount: number) => money(amount, invoice.currency);
  const pairs: [string, string][] = [
    [
      "State",
      `${STATE_LABELS[invoice.state] ?? invoice.state}${invoice.status === "sent" ? "" : ` (${invoice.status})`}`,
    ],
    ["Total", m(invoice.total)],
    ["Paid", m(invoice.amount_paid)],
    ["Balance", m(invoice.balance_due)],
    ["Due", calendarDay(invoice.due_date)],
    ["Viewed", viewedLine(invoice, options)],
    ["Views", String(invoice.view_count)],
    ["Link", invoice.link?.portal_url ?? "No active link"],
  ];
  const payments = invoice.payments.map(
    (p) =>
      `  ${p.completed_at ? day(p.completed_at, options) : "—"}  ${m(p.amount)}  ${p.method ?? p.provider}  ${p.status}${p.reference ? `  ${p.reference}` : ""}`,
  );
  return [
    `Invoice ${invoice.number} for ${invoice.customer.name} (${invoice.id})`,
    rows(pairs),
    ...(payments.length ? ["Payments:", ...payments] : []),
  ].join("\n");
}

export function formatCreated(invoice: Invoice): string {
  return [
    `Created draft ${invoice.number} (${invoice.id}), total ${money(invoice.total, invoice.currency)}.`,
    `Send it with: npm run portal -- send ${invoice.number}`,
  ].join("\n");
}

export function formatSend(result: SendResult): string {
  return [
    result.created
      ? "A new link is active."
      : "The invoice already has this link; it is unchanged.",
    `Link: ${result.portal_url}`,
    "",
    "Text this to your customer:",
    `  ${result.text_message}`,
    "",
    `Preview (not counted as a view, valid 1 hour): ${result.preview_url}`,
  ].join("\n");
}

export function formatList(page: InvoicePage): string {
  if (page.data.length === 0) return "No invoices.";
  const body = page.data.map((row) => [
    row.number,
    row.customer.name,
    STATE_LABELS[row.state] ?? row.state,
    money(row.total, row.currency),
    money(row.balance_due, row.currency),
    row.due_date,
    row.viewed ? "Viewed" : "",
  ]);
  const text = table(["NUMBER", "CUSTOMER", "STATE", "TOTAL", "BALANCE", "DUE", "VIEWED"], body);
  return page.next_cursor ? `${text}\n\nMore: add --cursor ${page.next_cursor}` : text;
}

const EVENT_LABELS: Record<string, string> = {
  created: "Created",
  sent: "Sent",
  link_issued: "Link issued",
  link_revoked: "Link turned off",
  viewed: "Viewed by the customer",
  payment_started: "Payment started",
  payment_processing: "Payment processing",
  payment_succeeded: "Payment received",
  payment_failed: "Payment failed",
  payment_refunded: "Payment refunded",
  voided: "Voided",
};

export function formatTimeline(timeline: Timeline, options: FormatOptions = {}): string {
  if (timeline.data.length === 0) return "Nothing has happened yet.";
  return timeline.data
    .map((e) => {
      const detail = e.detail ? ` (${e.detail})` : "";
      return `${dateTime(e.at, options)}  ${EVENT_LABELS[e.kind] ?? e.kind}${detail}`;
    })
    .join("\n");
}

export function formatPreview(preview: Preview, options: FormatOptions = {}): string {
  return `${preview.preview_url}\nOpening it never counts as a view. Valid until ${dateTime(preview.expires_at, options)}.`;
}

export function formatKeys(keys: ApiKey[], options: FormatOptions = {}): string {
  return table(
    ["ID", "PREFIX", "NAME", "CREATED", "LAST USED", "REVOKED"],
    keys.map((k) => [
      k.id,
      `${k.prefix}…`,
      k.name,
      day(k.created_at, options),
      k.last_used_at ? day(k.last_used_at, options) : "never",
      k.revoked_at ? day(k.revoked_at, options) : "",
    ]),
  );
}

export function formatNewKey(key: CreatedKey | { key: string }): string {
  return [
    "API key (shown only now; store it somewhere safe):",
    `  ${key.key}`,
    "",
    `Use it with: export PORTAL_API_KEY=${key.key}`,
  ].join("\n");
}

/** An error as the lines to print and the exit code: 2 for usage, 1 for everything else. */
export function formatError(error: unknown): { text: string; exitCode: number } {
  if (error instanceof UsageError) return { text: error.message, exitCode: 2 };
  if (error instanceof ApiError) {
    const details = (error.body.details ?? []).map((d) => `  ${d.path}: ${d.message}`);
    const hint =
      error.status === 401 ? ["Check --key or PORTAL_API_KEY (bootstrap prints a key)."] : [];
    return {
      text: [
        `Error: ${error.body.message} (${error.body.code}, HTTP ${error.status})`,
        ...details,
        ...hint,
      ].join("\n"),
      exitCode: 1,
    };
  }
  if (error instanceof ConnectionError) {
    return { text: `Error: ${error.message}. Is the Worker running (npm start)?`, exitCode: 1 };
  }
  return { text: `Error: ${(error as Error).message ?? String(error)}`, exitCode: 1 };
}
