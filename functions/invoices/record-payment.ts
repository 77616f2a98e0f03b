import type { ResultSet } from "@libsql/client";
import { and, eq, ne, notExists, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { rowFields } from "../../db/row-fields";
import { invoiceEvents, invoices, payments } from "../../db/schema";
import { newId } from "../domain/tokens";
import { AppError } from "../http/errors";
import { calendarDate } from "../i18n/format";
import { openCheckoutSelect } from "../payments/checkout-slot";
import { type CheckoutAccess, endOpenCheckout } from "../payments/end-open-checkout";
import { getInvoice } from "./get-invoice";
import { ownerStatus } from "./owner-status";

export const OFFLINE_METHODS = ["cash", "check", "other"] as const;

export interface RecordPaymentInput {
  businessId: string;
  invoiceId: string;
  /** Minor units of the invoice's currency; at most the balance due. */
  amount: number;
  method: (typeof OFFLINE_METHODS)[number];
  reference: string;
  /** The day the money was received (YYYY-MM-DD); today in the business's time zone if absent. */
  date?: string;
  now: Date;
}

/** Noon of a calendar day in a time zone: an instant whose date there is that day. */
export function noonIn(day: string, timeZone: string): Date {
  const guess = Date.parse(`${day}T12:00:00Z`);
  try {
    const parts: Record<string, number> = Object.fromEntries(
      new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
      })
        .formatToParts(guess)
        .map((p) => [p.type, Number(p.value)]),
    );
    const part = (name: string) => parts[name] ?? 0;
    // Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear takes the year as written.
    const wall = new Date(Date.UTC(2000, 0, 1, part("hour"), part("minute")));
    wall.setUTCFullYear(part("year"), part("month") - 1, part("day"));
    return new Date(guess - (wall.getTime() - guess));
  } catch {
    return new Date(guess);
  }
}

/**
 * Records money received outside Stripe (cash, a check), so the portal shows the invoice paid.
 * Overpaying is refused: the amount is at most the balance due. The payment and its timeline
 * event are one atomic batch, guarded by what was read (version and money received so far, which
 * with the total is all the balance depends on), so two payments recorded at once can never both
 * take the same balance. Also returns the Stripe payment that was open when this one was
 * recorded: its session is no longer for the balance.
 */
async function storePayment(
  db: Db,
  input: RecordPaymentInput,
): Promise<{ paymentId: string; openCheckout: string | null }> {
  const detail = await getInvoice(db, input);
  const { invoice } = detail;
  if (invoice.status === "void")
    throw new AppError("invoice_void", "A void invoice cannot be paid");
  const today = calendarDate(input.now, detail.timezone);
  const { ledger } = ownerStatus(invoice, detail.items, detail.payments, {
    now: input.now,
    timeZone: detail.timezone,
  });
  if (ledger.processing) {
    throw new AppError("invoice_not_payable", "A bank payment for this invoice is processing");
  }
  if (ledger.balanceDue === 0) {
    throw new AppError("invoice_not_payable", "Nothing is owed on this invoice");
  }
  if (input.amount > ledger.balanceDue) {
    throw new AppError("amount_exceeds_balance", "The amount is more than the balance due", [
      { path: "amount", message: `must be at most the balance due (${ledger.balanceDue})` },
    ]);
  }
  const day = input.date ?? today;
  if (day > today) {
    throw new AppError("validation_failed", "The payment date is in the future", [
      { path: "date", message: "must not be in the future" },
    ]);
  }

  const at = input.now;
  const completedAt = day === today ? at : noonIn(day, detail.timezone);
  const paymentId = newId("pay");
  const received = db
    .select({ received: sql`COALESCE(SUM(${payments.amount}), 0)` })
    .from(payments)
    .where(and(eq(payments.invoiceId, invoice.id), eq(payments.status, "succeeded")));
  // Both rows are selected from the invoice as it was read, so neither is written otherwise.
  const asRead = and(
    eq(invoices.id, invoice.id),
    eq(invoices.version, invoice.version),
    ne(invoices.status, "void"),
    notExists(
      db
        .select({ one: sql`1` })
        .from(payments)
        .where(and(eq(payments.invoiceId, invoice.id), eq(payments.status, "processing"))),
    ),
    eq(received, ledger.received),
  );
  const entry = rowFields(invoiceEvents, {
    id: newId("evt"),
    invoiceId: invoice.id,
    kind: "payment_succeeded",
    at,
    detail: input.reference ? `${input.method}: ${input.reference}` : input.method,
  });
  const payment = rowFields(payments, {
    id: paymentId,
    invoiceId: invoice.id,
    provider: "offline",
    method: input.method,
    status: "succeeded",
    amount: input.amount,
    currency: invoice.currency,
    invoiceVersion: invoice.version,
    reference: input.reference,
    createdAt: at,
    updatedAt: at,
    completedAt,
  });
  const results = (await db.batch([
    // The event first: the payment below changes the amount paid, which ends the guard.
    db.insert(invoiceEvents).select(db.select(entry).from(invoices).where(asRead)),
    db.insert(payments).select(db.select(payment).from(invoices).where(asRead)),
    openCheckoutSelect(db, invoice.id),
  ])) as [ResultSet, ResultSet, { id: string }[]];
  if (results[1].rowsAffected !== 1) {
    throw new AppError("conflict", "The invoice changed while the payment was recorded; try again");
  }
  return { paymentId, openCheckout: results[2][0]?.id ?? null };
}

/**
 * Records a payment received outside Stripe (see `storePayment`).
 * Then ends the Checkout Session that was open at that moment, before answering, so it can no
 * longer be paid for what it was made.
 */
export async function recordPayment(
  access: CheckoutAccess,
  input: RecordPaymentInput,
): Promise<{ paymentId: string; openCheckout: string | null }> {
  const result = await storePayment(access.db, input);
  await endOpenCheckout(access, result.openCheckout, input.now);
  return result;
}
