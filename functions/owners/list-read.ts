import { and, asc, desc, eq, inArray, isNull, lt, or, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { invoiceSnapshots, invoices, lineItems, payments, portalLinks } from "../../db/schema";
import type { LedgerPayment } from "../domain/ledger";
import { calendarDate } from "../i18n/format";
import type { Cursor } from "../invoices/list-cursor";
import { type ListFilter, matches, sqlConditions } from "../invoices/list-invoices";
import { type OwnerStatus, ownerStatus } from "../invoices/owner-status";
import { type SessionRow, sessionBusinessId, sessionRead } from "./sessions";

// The owner's invoice list in one database round trip: the session check, a page of invoices
// with their items, payments, active links and the business name they were sent under (for
// "Text a reminder"), and the sent invoices behind the outstanding and overdue figures, all in
// one batch keyed by the session cookie's hash.

export const LIST_FILTERS = ["all", "unpaid", "overdue", "not_viewed", "drafts", "paid"] as const;
export type ListFilterName = (typeof LIST_FILTERS)[number];

const FILTERS: Record<ListFilterName, ListFilter> = {
  all: {},
  unpaid: { status: "sent", paid: false },
  overdue: { overdue: true },
  not_viewed: { status: "sent", viewed: false },
  drafts: { status: "draft" },
  paid: { paid: true },
};

/** Rows read when a filter needs the computed state; a page may then hold fewer rows. */
const SCAN_SIZE = 200;

export interface ListedInvoice {
  invoice: typeof invoices.$inferSelect;
  status: OwnerStatus;
  /** The active link's sealed token, or null when the link was revoked (or never made). */
  tokenSealed: string | null;
  /** The business's name as the customer saw it when the invoice was sent. */
  sentAs: string | null;
}

export interface OwnerList {
  session: SessionRow;
  today: string;
  rows: ListedInvoice[];
  next: Cursor | null;
  /** Balances of sent invoices, per currency: everything due, and what is overdue. */
  outstanding: Map<string, { due: number; overdue: number }>;
}

/** What the ledger reads of a payment. */
type Money = LedgerPayment;

function group<T extends { invoiceId: string }>(rows: T[]): Map<string, T[]> {
  const byInvoice = new Map<string, T[]>();
  for (const row of rows)
    byInvoice.set(row.invoiceId, [...(byInvoice.get(row.invoiceId) ?? []), row]);
  return byInvoice;
}

/** The day after today in UTC: no time zone's "today" is later, so "due before it" is necessary. */
function latestToday(now: Date): string {
  return calendarDate(new Date(now.getTime() + 24 * 60 * 60 * 1000), "UTC");
}

export async function readOwnerList(
  db: Db,
  input: {
    sessionHash: string;
    filter: ListFilterName;
    search: string;
    cursor: Cursor | null;
    limit: number;
    now: Date;
  },
): Promise<OwnerList | null> {
  const { now, limit } = input;
  const business = sessionBusinessId(db, input.sessionHash, now);
  const filter: ListFilter = { ...FILTERS[input.filter], search: input.search || undefined };
  const computed = filter.paid !== undefined || filter.overdue !== undefined;
  const after = input.cursor
    ? or(
        lt(invoices.createdAt, new Date(input.cursor.createdAt)),
        and(
          eq(invoices.createdAt, new Date(input.cursor.createdAt)),
          lt(invoices.id, input.cursor.id),
        ),
      )
    : undefined;
  const where = and(...sqlConditions(business, filter, latestToday(now)), after) as SQL;
  const order = [desc(invoices.createdAt), desc(invoices.id)];
  const size = computed ? SCAN_SIZE : limit + 1;
  const pageIds = db
    .select({ id: invoices.id })
    .from(invoices)
    .where(where)
    .orderBy(...order)
    .limit(size);
  const sent = and(eq(invoices.businessId, business), eq(invoices.status, "sent"));
  const sentIds = db.select({ id: invoices.id }).from(invoices).where(sent);
  const itemColumns = {
    invoiceId: lineItems.invoiceId,
    quantity: lineItems.quantity,
    unitPrice: lineItems.unitPrice,
  };
  const [sessions, rows, items, paymentRows, links, snapshots, sentRows, sentItems, sentPayments] =
    await db.batch([
      sessionRead(db, input.sessionHash, now),
      db
        .select()
        .from(invoices)
        .where(where)
        .orderBy(...order)
        .limit(size),
      db
        .select(itemColumns)
        .from(lineItems)
        .where(inArray(lineItems.invoiceId, pageIds))
        .orderBy(asc(lineItems.position)),
      db.select().from(payments).where(inArray(payments.invoiceId, pageIds)),
      db
        .select({ invoiceId: portalLinks.invoiceId, tokenSealed: portalLinks.tokenSealed })
        .from(portalLinks)
        .where(and(inArray(portalLinks.invoiceId, pageIds), isNull(portalLinks.revokedAt))),
      db
        .select({
          invoiceId: invoiceSnapshots.invoiceId,
          businessName: invoiceSnapshots.businessName,
        })
        .from(invoiceSnapshots)
        .where(inArray(invoiceSnapshots.invoiceId, pageIds)),
      db.select().from(invoices).where(sent),
      db
        .select(itemColumns)
        .from(lineItems)
        .where(inArray(lineItems.invoiceId, sentIds))
        .orderBy(asc(lineItems.position)),
      db.select().from(payments).where(inArray(payments.invoiceId, sentIds)),
    ]);
  const session = sessions[0];
  if (!session) return null;
  const today = calendarDate(now, session.business.timezone);
  const statusOf = (
    invoice: typeof invoices.$inferSelect,
    itemMap: Map<string, { quantity: number; unitPrice: number }[]>,
    paymentMap: Map<string, Money[]>,
  ) =>
    ownerStatus(invoice, itemMap.get(invoice.id) ?? [], paymentMap.get(invoice.id) ?? [], {
      now,
      timeZone: session.business.timezone,
    });

  const pageItems = group(items);
  const pagePayments = group(paymentRows);
  const sealed = new Map(links.map((link) => [link.invoiceId, link.tokenSealed]));
  const sentAs = new Map(snapshots.map((snapshot) => [snapshot.invoiceId, snapshot.businessName]));
  const found: ListedInvoice[] = [];
  let next: Cursor | null = null;
  for (const [i, invoice] of rows.entries()) {
    const status = statusOf(invoice, pageItems, pagePayments);
    if (!matches(filter, status)) continue;
    if (found.length === limit) {
      next = cursorOf(found.at(-1)?.invoice ?? invoice);
      break;
    }
    found.push({
      invoice,
      status,
      tokenSealed: sealed.get(invoice.id) ?? null,
      sentAs: sentAs.get(invoice.id) ?? null,
    });
    // A computed filter read a bounded scan: continue after its last row.
    if (computed && i === rows.length - 1 && rows.length === size) next = cursorOf(invoice);
  }

  const outstanding = new Map<string, { due: number; overdue: number }>();
  const allItems = group(sentItems);
  const allPayments = group(sentPayments);
  for (const invoice of sentRows) {
    const status = statusOf(invoice, allItems, allPayments);
    const sums = outstanding.get(invoice.currency) ?? { due: 0, overdue: 0 };
    sums.due += status.ledger.balanceDue;
    if (status.overdue) sums.overdue += status.ledger.balanceDue;
    outstanding.set(invoice.currency, sums);
  }
  return { session, today, rows: found, next, outstanding };
}

function cursorOf(invoice: typeof invoices.$inferSelect): Cursor {
  return { createdAt: invoice.createdAt.getTime(), id: invoice.id };
}
