import type { ResultSet } from "@libsql/client";
import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/client";
import { invoices, lineItems, payments } from "../../db/schema";
import type { Totals } from "../domain/totals";
import { onUniqueViolation } from "../domain/unique-violation";
import { AppError } from "../http/errors";
import { openCheckoutSelect } from "../payments/checkout-slot";
import { type CheckoutAccess, endOpenCheckout } from "../payments/end-open-checkout";
import { duplicateNumber, itemRows } from "./create-invoice";
import { applyChanges, type InvoiceChanges } from "./invoice-fields";
import { checkInvoice } from "./invoice-rules";

export interface UpdateInvoiceInput {
  businessId: string;
  invoiceId: string;
  changes: InvoiceChanges;
  now: Date;
}

/** Money received or on its way: once there is any, what is owed is settled. */
const SETTLING = ["succeeded", "processing"] as const;

export function notEditable(reason: "void" | "paid"): AppError {
  return new AppError(
    "invoice_not_editable",
    reason === "void"
      ? "A void invoice cannot be edited"
      : "An invoice with a payment received or processing cannot be edited",
  );
}

/**
 * Still the version that was read, not void, and nothing paid: every statement of the edit
 * carries this condition, so an edit racing a payment or another edit changes nothing at all.
 */
function unchangedSince(invoiceId: string, version: number): SQL {
  return sql`EXISTS (SELECT 1 FROM invoices WHERE id = ${invoiceId} AND version = ${version}
    AND status <> 'void' AND NOT EXISTS (SELECT 1 FROM payments
    WHERE invoice_id = ${invoiceId} AND status IN ('succeeded', 'processing')))`;
}

/**
 * Edits a draft or a sent invoice that has no payment yet. Every edit bumps `version`, so a
 * Checkout Session made for the old amount is never reused and cached pages are refreshed.
 * Items are replaced as a whole. One atomic batch, guarded by the version read. Also returns
 * the Stripe payment that was open at the edit, whose session must now be ended.
 */
async function storeEdit(
  db: Db,
  input: UpdateInvoiceInput,
): Promise<{ version: number; totals: Totals; openCheckout: string | null }> {
  const { invoiceId, businessId, now } = input;
  const [rows, items, settling] = await db.batch([
    db
      .select()
      .from(invoices)
      .where(and(eq(invoices.id, invoiceId), eq(invoices.businessId, businessId))),
    db
      .select()
      .from(lineItems)
      .where(eq(lineItems.invoiceId, invoiceId))
      .orderBy(asc(lineItems.position)),
    db
      .select({ id: payments.id })
      .from(payments)
      .where(and(eq(payments.invoiceId, invoiceId), inArray(payments.status, SETTLING))),
  ]);
  const current = rows[0];
  if (!current) throw new AppError("not_found", "Invoice not found");
  if (current.status === "void") throw notEditable("void");
  if (settling.length > 0) throw notEditable("paid");

  const next = applyChanges(current, items, input.changes);
  const totals = checkInvoice(next.columns, next.items);
  const guard = unchangedSince(invoiceId, current.version);
  const statements: BatchItem<"sqlite">[] = [];
  if (next.itemsChanged) {
    statements.push(db.delete(lineItems).where(and(eq(lineItems.invoiceId, invoiceId), guard)));
    for (const chunk of itemRows(invoiceId, next.items)) {
      const values = chunk.map(
        (r) =>
          sql`(${r.id}, ${r.invoiceId}, ${r.position}, ${r.description}, ${r.quantity}, ${r.unitPrice})`,
      );
      statements.push(
        db.run(sql`INSERT INTO line_items (id, invoice_id, position, description, quantity, unit_price)
          SELECT * FROM (VALUES ${sql.join(values, sql`, `)}) WHERE ${guard}`),
      );
    }
  }
  const version = current.version + 1;
  const update = db
    .update(invoices)
    .set({ ...next.columns, version, updatedAt: now })
    .where(and(eq(invoices.id, invoiceId), eq(invoices.businessId, businessId), guard));
  // The update goes last: it moves the version on, which ends the guard for anything after it.
  const updateIndex = statements.push(update) - 1;
  // Not guarded: only read, and only used when the update went through.
  statements.push(openCheckoutSelect(db, invoiceId));
  const batch = statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]];
  const results = await onUniqueViolation(
    () => db.batch(batch),
    duplicateNumber(next.columns.number),
  );
  if ((results[updateIndex] as ResultSet | undefined)?.rowsAffected !== 1) {
    throw new AppError("conflict", "The invoice changed while it was being edited; try again");
  }
  const [open] = results.at(-1) as { id: string }[];
  return { version, totals, openCheckout: open?.id ?? null };
}

/**
 * Edits an invoice (see `storeEdit`).
 * Then ends the Checkout Session that was open at that moment, before answering, so it can no
 * longer be paid for what it was made.
 */
export async function updateInvoice(
  access: CheckoutAccess,
  input: UpdateInvoiceInput,
): Promise<{ version: number; totals: Totals; openCheckout: string | null }> {
  const result = await storeEdit(access.db, input);
  await endOpenCheckout(access, result.openCheckout, input.now);
  return result;
}
