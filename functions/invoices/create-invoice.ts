import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { businesses, invoiceEvents, invoices, lineItems } from "../../db/schema";
import { newId } from "../domain/tokens";
import type { Totals } from "../domain/totals";
import { onUniqueViolation } from "../domain/unique-violation";
import { AppError } from "../http/errors";
import { calendarDate } from "../i18n/format";
import { applyChanges, blankColumns, type ItemInput, type NewInvoice } from "./invoice-fields";
import { checkInvoice } from "./invoice-rules";

export interface CreateInvoiceInput {
  businessId: string;
  invoice: NewInvoice;
  now: Date;
}

/** Rows of line items for one invoice, in chunks small enough for one statement each. */
export function itemRows(invoiceId: string, items: ItemInput[], size = 100) {
  const rows = items.map((item, position) => ({
    id: newId("li"),
    invoiceId,
    position,
    description: item.description,
    quantity: item.quantity,
    unitPrice: item.unitPrice,
  }));
  const chunks: (typeof rows)[] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}

export function duplicateNumber(number: string) {
  return (columns: string[]) =>
    columns.includes("invoices.number")
      ? new AppError("duplicate_number", `Invoice number ${number} is already in use`)
      : null;
}

/**
 * Creates a draft. Currency and locale default to the business's, the issue date to today in
 * its time zone and the due date to the issue date. The invoice, its items and its "created"
 * event are one atomic batch; a number already used in the business is a 409.
 */
export async function createInvoice(
  db: Db,
  input: CreateInvoiceInput,
): Promise<{ invoiceId: string; totals: Totals }> {
  const [business] = await db
    .select({
      currency: businesses.defaultCurrency,
      locale: businesses.defaultLocale,
      timezone: businesses.timezone,
    })
    .from(businesses)
    .where(eq(businesses.id, input.businessId));
  if (!business) throw new AppError("not_found", "Business not found");

  const { invoice, now } = input;
  const base = blankColumns({
    number: invoice.number,
    issueDate: invoice.issueDate ?? calendarDate(now, business.timezone),
    currency: business.currency,
    locale: business.locale,
  });
  const { columns, items } = applyChanges(base, [], invoice);
  const totals = checkInvoice(columns, items);

  const invoiceId = newId("inv");
  const insertInvoice = db.insert(invoices).values({
    id: invoiceId,
    businessId: input.businessId,
    ...columns,
    status: "draft",
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
  await onUniqueViolation(
    () =>
      db.batch([
        insertInvoice,
        ...itemRows(invoiceId, items).map((rows) => db.insert(lineItems).values(rows)),
        db.insert(invoiceEvents).values({ id: newId("evt"), invoiceId, kind: "created", at: now }),
      ]),
    duplicateNumber(invoice.number),
  );
  return { invoiceId, totals };
}
