import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  type Business,
  type businesses,
  type Invoice,
  invoiceEvents,
  invoices,
  type Payment,
  payments,
  stripeEvents,
} from "../../db/schema";
import { sendInvoice } from "../../functions/invoices/send-invoice";
import type { PortalPage } from "../../functions/views/page-model";
import { type ItemSpec, makeBusiness, makeInvoice } from "./factories";

// Invoices ready to be paid online, and small readers for what the payment flow wrote. Plain
// fetch and the libSQL web client only, so they run in workerd as well as in Node.

export interface PayableInvoice {
  business: Business;
  invoice: Invoice;
  token: string;
}

/** A sent invoice of a Pro business with an active link: $125.00 unless told otherwise. */
export async function makePayableInvoice(
  db: Db,
  options: {
    signingSecret: string;
    business?: Partial<typeof businesses.$inferInsert>;
    invoice?: Partial<typeof invoices.$inferInsert>;
    items?: ItemSpec[];
  },
): Promise<PayableInvoice> {
  const business = await makeBusiness(db, { plan: "pro", ...options.business });
  const { invoice } = await makeInvoice(db, {
    businessId: business.id,
    customerEmail: "sam@example.com",
    items: options.items ?? [{ description: "Water heater repair", unitPrice: 12_500 }],
    ...options.invoice,
  });
  const sent = await sendInvoice(db, {
    businessId: business.id,
    invoiceId: invoice.id,
    newLink: false,
    signingSecret: options.signingSecret,
    now: new Date(),
  });
  const [current] = await db.select().from(invoices).where(eq(invoices.id, invoice.id));
  return { business, invoice: current ?? invoice, token: sent.token };
}

export async function paymentsOf(db: Db, invoiceId: string): Promise<Payment[]> {
  return db
    .select()
    .from(payments)
    .where(eq(payments.invoiceId, invoiceId))
    .orderBy(asc(payments.createdAt), asc(payments.id));
}

export async function timelineOf(db: Db, invoiceId: string): Promise<string[]> {
  const rows = await db
    .select({ kind: invoiceEvents.kind })
    .from(invoiceEvents)
    .where(eq(invoiceEvents.invoiceId, invoiceId))
    .orderBy(asc(invoiceEvents.at));
  return rows.map((row) => row.kind);
}

export async function eventRecorded(db: Db, eventId: string): Promise<boolean> {
  const rows = await db.select().from(stripeEvents).where(eq(stripeEvents.id, eventId));
  return rows.length === 1;
}

/** Reads the page model from an app whose renderer answers it as JSON. */
export async function pageOf(response: Response): Promise<PortalPage> {
  const { page } = (await response.json()) as { page: PortalPage };
  return page;
}
