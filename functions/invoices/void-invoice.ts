import type { Db } from "../../db/client";
import { newId } from "../domain/tokens";
import { AppError } from "../http/errors";
import { openCheckoutStatement } from "../payments/checkout-slot";
import { type CheckoutAccess, endOpenCheckout } from "../payments/end-open-checkout";

// An invoice with money received or on its way cannot be voided: refund it first.
const SETTLING = `SELECT 1 FROM payments WHERE invoice_id = invoices.id
  AND status IN ('succeeded', 'processing')`;
const VOIDABLE = `SELECT id FROM invoices WHERE id = ? AND business_id = ?
  AND status <> 'void' AND NOT EXISTS (${SETTLING})`;

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
  const at = input.now.getTime();
  const owned = [input.invoiceId, input.businessId];
  const [state, , update, open] = await db.$client.batch(
    [
      {
        sql: `SELECT status, EXISTS (${SETTLING}) AS settling FROM invoices
              WHERE id = ? AND business_id = ?`,
        args: owned,
      },
      {
        // Before the update below, which makes the invoice no longer voidable.
        sql: `INSERT INTO invoice_events (id, invoice_id, kind, at, detail)
              SELECT ?, id, 'voided', ?, '' FROM (${VOIDABLE})`,
        args: [newId("evt"), at, ...owned],
      },
      {
        sql: `UPDATE invoices SET status = 'void', voided_at = ?, updated_at = ?,
              version = version + 1 WHERE id IN (${VOIDABLE})`,
        args: [at, at, ...owned],
      },
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
