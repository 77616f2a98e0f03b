import { readFile } from "node:fs/promises";
import type { ApiClient } from "./api-client";
import { UsageError } from "./args";
import type * as format from "./format";

// What every API command shares: its context and answer, reading files, and naming invoices by
// id (inv_…) or by number. Each command calls the API and returns the answer for --json and
// the text for people.

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

export type Command = (ctx: CommandContext) => Promise<Output>;

export const str = (value: string | boolean | undefined) =>
  typeof value === "string" ? value : undefined;

export async function readJsonFile(path: string): Promise<unknown> {
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

/** Pages read at most when looking an invoice up by number (100 rows each). */
const LOOKUP_PAGES = 50;

/** An invoice id, or the id of the invoice with exactly this number. */
export async function resolveInvoice(client: ApiClient, ref: string): Promise<string> {
  if (/^inv_[A-Za-z0-9_-]+$/.test(ref)) return ref;
  // The search matches parts of numbers too ("7" finds "7-1", "17"…), so the exact number may
  // be on a later page than the first: follow the cursor.
  let cursor: string | null = null;
  for (let page = 0; page < LOOKUP_PAGES; page++) {
    const query = `q=${encodeURIComponent(ref)}&limit=100${cursor ? `&cursor=${cursor}` : ""}`;
    const found: format.InvoicePage = await client.request("GET", `/invoices?${query}`);
    const match = found.data.find((row) => row.number === ref);
    if (match) return match.id;
    cursor = found.next_cursor;
    if (!cursor) break;
  }
  throw new UsageError(`No invoice has the number or id "${ref}"`);
}

export async function invoicePath(ctx: CommandContext, suffix = ""): Promise<string> {
  return `/invoices/${await resolveInvoice(ctx.client, ctx.args[0] ?? "")}${suffix}`;
}
