import type { InStatement } from "@libsql/client";
import { and, eq, inArray, isNull, ne, notExists, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client";
import { rowFields } from "../../db/row-fields";
import { invoiceEvents, invoices, type Payment, payments } from "../../db/schema";
import { toStatement } from "../../db/statement";
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
  return toStatement(openCheckoutSelect(db, invoiceId));
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
  const statements: InStatement[] = [];
  if (r.release) {
    statements.push(
      toStatement(
        db
          .update(payments)
          .set({ status: "expired", updatedAt: r.now })
          .where(
            and(
              eq(payments.id, r.release.paymentId),
              eq(payments.status, "open"),
              r.release.onlyWithoutUrl ? isNull(payments.checkoutUrl) : undefined,
            ),
          ),
      ),
    );
  }
  const p = alias(payments, "p");
  const row = rowFields(payments, {
    id: r.paymentId,
    invoiceId: invoices.id,
    provider: "stripe",
    status: "open",
    amount: r.amount,
    currency: invoices.currency,
    invoiceVersion: invoices.version,
    stripeAccountId: r.stripeAccountId,
    createdAt: r.now,
    updatedAt: r.now,
    expiresAt: r.expiresAt,
  });
  const received = db
    .select({ received: sql`COALESCE(SUM(${p.amount}), 0)` })
    .from(p)
    .where(and(eq(p.invoiceId, invoices.id), eq(p.status, "succeeded")));
  const unchanged = and(
    eq(invoices.id, r.invoiceId),
    eq(invoices.version, r.invoiceVersion),
    ne(invoices.status, "void"),
    notExists(
      db
        .select({ one: sql`1` })
        .from(p)
        .where(and(eq(p.invoiceId, invoices.id), eq(p.status, "processing"))),
    ),
    eq(received, r.received),
  );
  statements.push(
    toStatement(db.insert(payments).select(db.select(row).from(invoices).where(unchanged))),
  );
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
  const mine = and(
    eq(payments.id, input.paymentId),
    eq(payments.status, "open"),
    isNull(payments.checkoutUrl),
  );
  const entry = rowFields(invoiceEvents, {
    id: newId("evt"),
    invoiceId: payments.invoiceId,
    kind: "payment_started",
    at: input.now,
    detail: paymentDetail(null, input.amount, input.currency),
  });
  const [, update] = await db.$client.batch(
    [
      // Before the update below, which ends the condition both share.
      toStatement(db.insert(invoiceEvents).select(db.select(entry).from(payments).where(mine))),
      toStatement(
        db
          .update(payments)
          .set({ checkoutSessionId: input.sessionId, checkoutUrl: input.url, updatedAt: input.now })
          .where(mine),
      ),
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
