import { asc, inArray, type SQL } from "drizzle-orm";
import type { Db } from "./client";
import { type Invoice, invoices, lineItems, type Payment, payments } from "./schema";

// A selection of invoices with what the ledger counts for each of them, in one batch (one
// database round trip): the invoices, and through the same selection as a subquery their line
// items' quantities and prices and their payments. For reads that judge many invoices at once.

export interface ItemMoney {
  invoiceId: string;
  quantity: number;
  unitPrice: number;
}

export interface InvoicesWithMoney {
  rows: Invoice[];
  /** Line items by invoice id, in their order on the invoice. */
  items: Map<string, ItemMoney[]>;
  /** Payments by invoice id. */
  payments: Map<string, Payment[]>;
}

export async function readInvoicesWithMoney(
  db: Db,
  where: SQL | undefined,
  shape: { orderBy?: SQL[]; limit?: number } = {},
): Promise<InvoicesWithMoney> {
  // The subquery must pick exactly the invoices the first statement returns, order and limit too.
  const select = <Q extends { orderBy(...columns: SQL[]): Q; limit(n: number): Q }>(query: Q) => {
    let shaped = shape.orderBy ? query.orderBy(...shape.orderBy) : query;
    if (shape.limit !== undefined) shaped = shaped.limit(shape.limit);
    return shaped;
  };
  const ids = select(db.select({ id: invoices.id }).from(invoices).where(where).$dynamic());
  const [rows, items, paymentRows] = await db.batch([
    select(db.select().from(invoices).where(where).$dynamic()),
    db
      .select({
        invoiceId: lineItems.invoiceId,
        quantity: lineItems.quantity,
        unitPrice: lineItems.unitPrice,
      })
      .from(lineItems)
      .where(inArray(lineItems.invoiceId, ids))
      .orderBy(asc(lineItems.position)),
    db.select().from(payments).where(inArray(payments.invoiceId, ids)),
  ]);
  return { rows, items: byInvoice(items), payments: byInvoice(paymentRows) };
}

function byInvoice<T extends { invoiceId: string }>(rows: readonly T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const row of rows) {
    const list = grouped.get(row.invoiceId);
    if (list) list.push(row);
    else grouped.set(row.invoiceId, [row]);
  }
  return grouped;
}
