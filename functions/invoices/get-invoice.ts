import { and, asc, count, eq, isNull, max } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  businesses,
  type Invoice,
  invoices,
  type LineItem,
  lineItems,
  type Payment,
  type PortalLink,
  payments,
  portalLinks,
  views,
} from "../../db/schema";
import { AppError } from "../http/errors";

export interface InvoiceDetail {
  invoice: Invoice;
  /** The business's time zone: "today" (and so "overdue") is its calendar date. */
  timezone: string;
  items: LineItem[];
  payments: Payment[];
  activeLink: PortalLink | null;
  viewCount: number;
  lastViewedAt: Date | null;
}

/**
 * Everything the owner's invoice detail shows, in one round trip: five reads in one batch. The
 * reads after the first are keyed by the invoice id alone; they are only used when the first
 * read proves the invoice belongs to the business, so another business's invoice is a 404.
 */
export async function getInvoice(
  db: Db,
  input: { businessId: string; invoiceId: string },
): Promise<InvoiceDetail> {
  const { invoiceId } = input;
  const [heads, items, paymentRows, links, viewStats] = await db.batch([
    db
      .select({ invoice: invoices, timezone: businesses.timezone })
      .from(invoices)
      .innerJoin(businesses, eq(businesses.id, invoices.businessId))
      .where(and(eq(invoices.id, invoiceId), eq(invoices.businessId, input.businessId))),
    db
      .select()
      .from(lineItems)
      .where(eq(lineItems.invoiceId, invoiceId))
      .orderBy(asc(lineItems.position)),
    db
      .select()
      .from(payments)
      .where(eq(payments.invoiceId, invoiceId))
      .orderBy(asc(payments.createdAt)),
    db
      .select()
      .from(portalLinks)
      .where(and(eq(portalLinks.invoiceId, invoiceId), isNull(portalLinks.revokedAt))),
    db
      .select({ n: count(), last: max(views.viewedAt) })
      .from(views)
      .where(eq(views.invoiceId, invoiceId)),
  ]);
  const head = heads[0];
  if (!head) throw new AppError("not_found", "Invoice not found");
  return {
    invoice: head.invoice,
    timezone: head.timezone,
    items,
    payments: paymentRows,
    activeLink: links[0] ?? null,
    viewCount: viewStats[0]?.n ?? 0,
    lastViewedAt: viewStats[0]?.last ?? null,
  };
}
