import type { InArgs, InStatement } from "@libsql/client";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { type Payment, payments } from "../../db/schema";
import { newId } from "../domain/tokens";
import { paymentDetail } from "./payment-sql";

// The invoice's one "in flight" Stripe payment (the partial unique index
// payments_one_in_flight_per_invoice allows one open or processing row per invoice): reserving
// it before Stripe is called, publishing the session's URL once Stripe answers, reading it back.

// The invoice's open Stripe payment, read in the same batch as an owner's change (void, edit,
// offline payment), so that the caller ends the session that was payable at that moment, and
// not one made afterwards for the invoice as it is now.

/** For a drizzle batch. */
export function openCheckoutSelect(db: Db, invoiceId: string) {
  return db
    .select({ id: payments.id })
    .from(payments)
    .where(
      and(
        eq(payments.invoiceId, invoiceId),
        eq(payments.provider, "stripe"),
        eq(payments.status, "open"),
      ),
    );
}

/** The same read for a batch of plain statements. */
export function openCheckoutStatement(db: Db, invoiceId: string): InStatement {
  const { sql, params } = openCheckoutSelect(db, invoiceId).toSQL();
  return { sql, args: params as InArgs };
}

export interface Reservation {
  paymentId: string;
  invoiceId: string;
  /** The invoice as read: the row is written only if it is still this version... */
  invoiceVersion: number;
  /** ...with this much received so far, so the amount below is still the balance due. */
  received: number;
  amount: number;
  stripeAccountId: string | null;
  expiresAt: Date;
  now: Date;
  /** An open row to give up in the same batch (stale or abandoned). */
  release?: { paymentId: string; onlyWithoutUrl: boolean };
}

/**
 * Inserts the open payment row with no URL yet. Two clicks racing here both try to insert; the
 * index refuses the second (a UNIQUE error the caller turns into "wait for the first"). Returns
 * false when the invoice changed since it was read (nothing is written then).
 */
export async function reserveSlot(db: Db, r: Reservation): Promise<boolean> {
  const at = r.now.getTime();
  const statements: InStatement[] = [];
  if (r.release) {
    statements.push({
      sql: `UPDATE payments SET status = 'expired', updated_at = ?
            WHERE id = ? AND status = 'open'${r.release.onlyWithoutUrl ? " AND checkout_url IS NULL" : ""}`,
      args: [at, r.release.paymentId],
    });
  }
  statements.push({
    sql: `INSERT INTO payments (id, invoice_id, provider, status, amount, currency,
            invoice_version, stripe_account_id, created_at, updated_at, expires_at)
          SELECT ?, id, 'stripe', 'open', ?, currency, version, ?, ?, ?, ? FROM invoices
          WHERE id = ? AND version = ? AND status <> 'void'
            AND NOT EXISTS (SELECT 1 FROM payments p
              WHERE p.invoice_id = invoices.id AND p.status = 'processing')
            AND (SELECT COALESCE(SUM(p.amount), 0) FROM payments p
              WHERE p.invoice_id = invoices.id AND p.status = 'succeeded') = ?`,
    args: [
      r.paymentId,
      r.amount,
      r.stripeAccountId,
      at,
      at,
      r.expiresAt.getTime(),
      r.invoiceId,
      r.invoiceVersion,
      r.received,
    ],
  });
  const results = await db.$client.batch(statements, "write");
  return (results.at(-1)?.rowsAffected ?? 0) === 1;
}

/**
 * Stores the session's id and URL on the reserved row, with the timeline entry. Only a row
 * still open and without a URL takes it: if a slow creation was meanwhile given up as
 * abandoned, this writes nothing and returns false (the caller then expires the session).
 */
export async function publishSession(
  db: Db,
  input: {
    paymentId: string;
    sessionId: string;
    url: string;
    amount: number;
    currency: string;
    now: Date;
  },
): Promise<boolean> {
  const at = input.now.getTime();
  const mine = "id = ? AND status = 'open' AND checkout_url IS NULL";
  const [, update] = await db.$client.batch(
    [
      {
        // Before the update below, which ends the condition both share.
        sql: `INSERT INTO invoice_events (id, invoice_id, kind, at, detail)
              SELECT ?, invoice_id, 'payment_started', ?, ? FROM payments WHERE ${mine}`,
        args: [
          newId("evt"),
          at,
          paymentDetail(null, input.amount, input.currency),
          input.paymentId,
        ],
      },
      {
        sql: `UPDATE payments SET checkout_session_id = ?, checkout_url = ?, updated_at = ?
              WHERE ${mine}`,
        args: [input.sessionId, input.url, at, input.paymentId],
      },
    ],
    "write",
  );
  return (update?.rowsAffected ?? 0) === 1;
}

/** The invoice's open or processing Stripe payment, if any. */
export async function readInFlight(db: Db, invoiceId: string): Promise<Payment | null> {
  const [row] = await db
    .select()
    .from(payments)
    .where(
      and(
        eq(payments.invoiceId, invoiceId),
        eq(payments.provider, "stripe"),
        inArray(payments.status, ["open", "processing"]),
      ),
    );
  return row ?? null;
}
