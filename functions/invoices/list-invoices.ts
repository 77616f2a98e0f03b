import {
  and,
  desc,
  eq,
  isNotNull,
  isNull,
  lt,
  or,
  type SQL,
  type SQLWrapper,
  sql,
} from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client";
import { readInvoicesWithMoney } from "../../db/invoices-with-money";
import {
  businesses,
  type INVOICE_STATUSES,
  type Invoice,
  invoices,
  payments,
} from "../../db/schema";
import { calendarDate } from "../i18n/format";
import type { Cursor } from "./list-cursor";
import { type OwnerState, type OwnerStatus, ownerStatus } from "./owner-status";

export interface ListFilter {
  status?: (typeof INVOICE_STATUSES)[number];
  state?: OwnerState;
  viewed?: boolean;
  paid?: boolean;
  overdue?: boolean;
  /** Part of the number, the customer's name or email. */
  search?: string;
}

export interface ListRow {
  invoice: Invoice;
  status: OwnerStatus;
}

/** Rows read per round trip when a filter needs the computed totals; and round trips at most. */
const SCAN_SIZE = 200;
const SCAN_ROUNDS = 5;

function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Conditions SQL can check; each is necessary for its filter, the exact test comes after.
 * `businessId` may be a subquery (the owner app's session).
 */
export function sqlConditions(
  businessId: string | SQLWrapper,
  filter: ListFilter,
  today: string,
): SQL[] {
  const conditions: SQL[] = [eq(invoices.businessId, businessId)];
  if (filter.status) conditions.push(eq(invoices.status, filter.status));
  if (filter.state === "draft" || filter.state === "void") {
    conditions.push(eq(invoices.status, filter.state));
  }
  if (filter.viewed !== undefined) {
    conditions.push(
      filter.viewed ? isNotNull(invoices.firstViewedAt) : isNull(invoices.firstViewedAt),
    );
  }
  // Only a sent invoice can be nothing_due: a draft is "draft", a void one "void".
  if (filter.state === "nothing_due") conditions.push(eq(invoices.status, "sent"));
  if (filter.overdue || filter.state === "overdue") {
    conditions.push(eq(invoices.status, "sent"), lt(invoices.dueDate, today));
  }
  if (filter.paid) {
    const succeeded = and(eq(payments.invoiceId, invoices.id), eq(payments.status, "succeeded"));
    conditions.push(sql`EXISTS (SELECT 1 FROM ${payments} WHERE ${succeeded})`);
  }
  if (filter.search) {
    const pattern = likePattern(filter.search);
    const like = (column: SQLiteColumn) => sql`${column} LIKE ${pattern} ESCAPE '\\'`;
    conditions.push(
      or(like(invoices.number), like(invoices.customerName), like(invoices.customerEmail)) as SQL,
    );
  }
  return conditions;
}

/** The exact test of the filters that need the computed state. */
export function matches(filter: ListFilter, status: OwnerStatus): boolean {
  if (filter.state && status.state !== filter.state) return false;
  if (filter.paid !== undefined && status.ledger.paid !== filter.paid) return false;
  if (filter.overdue !== undefined && status.overdue !== filter.overdue) return false;
  return true;
}

async function readChunk(db: Db, where: SQL, size: number) {
  const read = await readInvoicesWithMoney(db, where, {
    orderBy: [desc(invoices.createdAt), desc(invoices.id)],
    limit: size,
  });
  return { ...read, full: read.rows.length === size };
}

/**
 * A page of a business's invoices, newest first, each with its computed totals and state.
 * Filters SQL can answer narrow the read; paid/overdue/state are then checked on the computed
 * state. When those filters match few rows the scan stops after a bounded amount of reading and
 * returns a cursor to continue from, so a page may hold fewer than `limit` rows.
 */
export async function listInvoices(
  db: Db,
  input: {
    businessId: string;
    filter: ListFilter;
    limit: number;
    cursor: Cursor | null;
    now: Date;
  },
): Promise<{ rows: ListRow[]; next: Cursor | null }> {
  const { filter, limit } = input;
  const [business] = await db
    .select({ timezone: businesses.timezone })
    .from(businesses)
    .where(eq(businesses.id, input.businessId));
  const clock = { now: input.now, timeZone: business?.timezone ?? "UTC" };
  const today = calendarDate(clock.now, clock.timeZone);
  const base = sqlConditions(input.businessId, filter, today);
  const computed =
    filter.paid !== undefined || filter.overdue !== undefined || filter.state !== undefined;
  const size = computed ? SCAN_SIZE : limit + 1;

  const found: ListRow[] = [];
  let cursor = input.cursor;
  for (let round = 0; round < SCAN_ROUNDS; round++) {
    const after = cursor
      ? or(
          lt(invoices.createdAt, new Date(cursor.createdAt)),
          and(eq(invoices.createdAt, new Date(cursor.createdAt)), lt(invoices.id, cursor.id)),
        )
      : undefined;
    const chunk = await readChunk(db, and(...base, after) as SQL, size);
    for (const [i, invoice] of chunk.rows.entries()) {
      const status = ownerStatus(
        invoice,
        chunk.items.get(invoice.id) ?? [],
        chunk.payments.get(invoice.id) ?? [],
        clock,
      );
      if (!matches(filter, status)) continue;
      found.push({ invoice, status });
      if (found.length === limit) {
        const more = i < chunk.rows.length - 1 || chunk.full;
        return { rows: found, next: more ? cursorOf(invoice) : null };
      }
    }
    const last = chunk.rows.at(-1);
    if (!chunk.full || !last) return { rows: found, next: null };
    cursor = cursorOf(last);
  }
  return { rows: found, next: cursor };
}

function cursorOf(invoice: Invoice): Cursor {
  return { createdAt: invoice.createdAt.getTime(), id: invoice.id };
}
