import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { invoiceEvents, invoices } from "../../db/schema";
import { AppError } from "../http/errors";

export interface TimelineEvent {
  id: string;
  kind: (typeof invoiceEvents.$inferSelect)["kind"];
  at: Date;
  detail: string;
}

/** What happened to an invoice, oldest first; events written together keep their order. */
export async function invoiceTimeline(
  db: Db,
  input: { businessId: string; invoiceId: string },
): Promise<TimelineEvent[]> {
  const [owned, events] = await db.batch([
    db
      .select({ id: invoices.id })
      .from(invoices)
      .where(and(eq(invoices.id, input.invoiceId), eq(invoices.businessId, input.businessId))),
    db
      .select({
        id: invoiceEvents.id,
        kind: invoiceEvents.kind,
        at: invoiceEvents.at,
        detail: invoiceEvents.detail,
      })
      .from(invoiceEvents)
      .where(eq(invoiceEvents.invoiceId, input.invoiceId))
      // rowid breaks ties: one batch writes its events with the same time, in order.
      .orderBy(asc(invoiceEvents.at), asc(sql`${invoiceEvents}.rowid`)),
  ]);
  if (owned.length === 0) throw new AppError("not_found", "Invoice not found");
  return events;
}
