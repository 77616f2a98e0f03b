import { and, eq, exists, inArray, ne, notExists, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { rowFields } from "../../db/row-fields";
import { invoiceEvents, invoices, payments } from "../../db/schema";
import { toStatement } from "../../db/statement";
import { newId } from "../domain/tokens";
import { AppError } from "../http/errors";
import { openCheckoutStatement } from "../payments/checkout-slot";
import { type CheckoutAccess, endOpenCheckout } from "../payments/end-open-checkout";

/**
 * Voids an invoice: nothing is owed any more and the portal says so. The link stays active so
 * the customer can see that. Voiding a void invoice changes nothing. One atomic batch: the state
 * read, the timeline event and the update see the same database. Also returns the Stripe payment
 * that was open when the invoice was voided, whose session must now be ended.
 */
async function storeVoid(
  db: Db,
  input: { businessId: string; invoiceId: string; now: Date },
): Promise<{ voided: boolean; openCheckout: string | null }> {
  const { now } = input;
  const owned = and(eq(invoices.id, input.invoiceId), eq(invoices.businessId, input.businessId));
  // An invoice with money received or on its way cannot be voided: refund it first.
  const settling = db
    .select({ one: sql`1` })
    .from(payments)
    .where(
      and(
        eq(payments.invoiceId, invoices.id),
        inArray(payments.status, ["succeeded", "processing"]),
      ),
    );
  const voidable = and(owned, ne(invoices.status, "void"), notExists(settling));
  const entry = rowFields(invoiceEvents, {
    id: newId("evt"),
    invoiceId: invoices.id,
    kind: "voided",
    at: now,
    detail: "",
  });
  const [state, , update, open] = await db.$client.batch(
    [
      toStatement(
        db
          .select({ status: invoices.status, settling: exists(settling).as("settling") })
          .from(invoices)
          .where(owned),
      ),
      // Before the update below, which makes the invoice no longer voidable.
      toStatement(db.insert(invoiceEvents).select(db.select(entry).from(invoices).where(voidable))),
      toStatement(
        db
          .update(invoices)
          .set({
            status: "void",
            voidedAt: now,
            updatedAt: now,
            version: sql`${invoices.version} + 1`,
          })
          .where(voidable),
      ),
      openCheckoutStatement(db, input.invoiceId),
    ],
    "write",
  );
  const row = state?.rows[0];
  if (!row) throw new AppError("not_found", "Invoice not found");
  if (update?.rowsAffected === 1) {
    const openCheckout = open?.rows[0]?.id;
    return { voided: true, openCheckout: openCheckout == null ? null : String(openCheckout) };
  }
  if (row.status === "void") return { voided: false, openCheckout: null };
  throw new AppError(
    "invoice_not_editable",
    "An invoice with a payment received or processing cannot be voided; refund it first",
  );
}

/**
 * Voids an invoice (see `storeVoid`).
 * Then ends the Checkout Session that was open at that moment, before answering, so it can no
 * longer be paid for what it was made.
 */
export async function voidInvoice(
  access: CheckoutAccess,
  input: { businessId: string; invoiceId: string; now: Date },
): Promise<{ voided: boolean; openCheckout: string | null }> {
  const result = await storeVoid(access.db, input);
  await endOpenCheckout(access, result.openCheckout, input.now);
  return result;
}
