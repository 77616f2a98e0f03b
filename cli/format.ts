import type { z } from "zod";
import { formatMoney } from "../functions/i18n/format";
import type {
  apiKeyResponse,
  businessResponse,
  createdKeyResponse,
  invoicePageResponse,
  invoiceResponse,
  previewResponse,
  sendResponse,
  timelineResponse,
} from "../functions/routes/api/schemas/responses";
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

export function money(amount: number, currency: string): string {
  return formatMoney(amount, currency, "en-US");
}

export function day(instant: string, options: FormatOptions = {}): string {
  return new Intl.DateTimeFormat("en-US", {
    dateStyle: "medium",
    timeZone: options.timeZone,
  }).format(new Date(instant));
}

export function dateTime(instant: string, options: FormatOptions): string {
  return new Intl.DateTimeFormat("en-US", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: options.timeZone,
  }).format(new Date(instant));
}

/** A calendar date (YYYY-MM-DD) as "Dec 20, 2026", the same day everywhere. */
export function calendarDay(value: string): string {
  return day(`${value}T12:00:00Z`, { timeZone: "UTC" });
}

export function rows(pairs: [string, string][]): string {
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
