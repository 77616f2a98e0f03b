import type { ResultSet } from "@libsql/client";
import { and, asc, eq, exists, inArray, ne, notExists, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/client";
import { rowFields } from "../../db/row-fields";
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
function unchangedSince(db: Db, invoiceId: string, version: number): SQL {
  const settled = db
    .select({ one: sql`1` })
    .from(payments)
    .where(and(eq(payments.invoiceId, invoiceId), inArray(payments.status, SETTLING)));
  return exists(
    db
      .select({ one: sql`1` })
      .from(invoices)
      .where(
        and(
          eq(invoices.id, invoiceId),
          eq(invoices.version, version),
          ne(invoices.status, "void"),
          notExists(settled),
        ),
      ),
  );
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
  const guard = unchangedSince(db, invoiceId, current.version);
  const statements: BatchItem<"sqlite">[] = [];
  if (next.itemsChanged) {
    statements.push(db.delete(lineItems).where(and(eq(lineItems.invoiceId, invoiceId), guard)));
    for (const chunk of itemRows(invoiceId, next.items)) {
      // The chunk's rows go as one JSON parameter, selected from it only while the guard holds.
      const item = (key: keyof (typeof chunk)[number]) => sql`json_extract(value, ${`$.${key}`})`;
      const row = rowFields(lineItems, {
        id: item("id"),
        invoiceId,
        position: item("position"),
        description: item("description"),
        quantity: item("quantity"),
        unitPrice: item("unitPrice"),
      });
      statements.push(
        db.insert(lineItems).select(
          db
            .select(row)
            .from(sql`json_each(${JSON.stringify(chunk)})`)
            .where(guard),
        ),
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
