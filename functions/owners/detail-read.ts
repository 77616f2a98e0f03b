import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { type InvoiceSnapshot, invoiceEvents, invoiceSnapshots } from "../../db/schema";
import { type InvoiceDetail, invoiceDetailReads, toInvoiceDetail } from "../invoices/get-invoice";
import { type SessionRow, sessionBusinessId, sessionRead } from "./sessions";

// The invoice detail page in one database round trip: the session check, the same reads as the
// owner API's invoice (keyed by the session's business), its branding snapshot and timeline.

export interface OwnerDetail {
  session: SessionRow;
  detail: InvoiceDetail | null;
  snapshot: InvoiceSnapshot | null;
  events: (typeof invoiceEvents.$inferSelect)[];
}

export async function readOwnerDetail(
  db: Db,
  input: { sessionHash: string; invoiceId: string; now: Date },
): Promise<OwnerDetail | null> {
  const { invoiceId, now } = input;
  const business = sessionBusinessId(db, input.sessionHash, now);
  const [sessions, ...rest] = await db.batch([
    sessionRead(db, input.sessionHash, now),
    ...invoiceDetailReads(db, { businessId: business, invoiceId }),
    db.select().from(invoiceSnapshots).where(eq(invoiceSnapshots.invoiceId, invoiceId)),
    db
      .select()
      .from(invoiceEvents)
      .where(and(eq(invoiceEvents.invoiceId, invoiceId)))
      // rowid breaks ties: one batch writes its events with the same time, in order.
      .orderBy(asc(invoiceEvents.at), asc(sql`${invoiceEvents}.rowid`)),
  ]);
  const session = sessions[0];
  if (!session) return null;
  const [heads, items, paymentRows, links, viewStats, snapshots, events] = rest;
  const detail = toInvoiceDetail([heads, items, paymentRows, links, viewStats]);
  // Reads after the first are keyed by the invoice id only: used only when it is this business's.
  if (!detail) return { session, detail: null, snapshot: null, events: [] };
  return { session, detail, snapshot: snapshots[0] ?? null, events };
}
