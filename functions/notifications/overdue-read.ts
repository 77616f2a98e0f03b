import { and, eq, gte, isNotNull, lt, notExists, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { readInvoicesWithMoney } from "../../db/invoices-with-money";
import { type Invoice, invoices, overdueDigestMarks, type Payment } from "../../db/schema";
import { invoiceLedger } from "../domain/ledger";
import { computeTotals } from "../domain/totals";

// What one business's digest could name, in one database round trip: its sent invoices past
// their due date that no digest has named yet, with the items and payments the ledger counts.
// (As the owner's list reads every sent invoice for its overdue figure: whether one is late is
// the ledger's answer, not a column.)

export interface OverdueInvoice {
  id: string;
  number: string;
  currency: string;
  dueDate: string;
  /** From the ledger: what the customer still owes. */
  balanceDue: number;
}

/**
 * Whether the business's digest for `today` went out, or another run is sending it now (a claim
 * younger than `staleBefore`): asked first, so a business done for the day costs one small read.
 */
export async function digestDoneToday(
  db: Db,
  input: { businessId: string; today: string; staleBefore: Date },
): Promise<boolean> {
  const rows = await db
    .select({ invoiceId: overdueDigestMarks.invoiceId })
    .from(overdueDigestMarks)
    .where(
      and(
        eq(overdueDigestMarks.businessId, input.businessId),
        eq(overdueDigestMarks.digestDate, input.today),
        or(
          isNotNull(overdueDigestMarks.sentAt),
          gte(overdueDigestMarks.claimedAt, input.staleBefore),
        ),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Overdue by the ledger and in no digest yet, oldest due date first. */
export async function readNewlyOverdue(
  db: Db,
  input: {
    businessId: string;
    timeZone: string;
    /** The business's calendar day now (YYYY-MM-DD). */
    today: string;
    now: Date;
  },
): Promise<OverdueInvoice[]> {
  const { businessId, today } = input;
  const named = db
    .select({ one: sql`1` })
    .from(overdueDigestMarks)
    .where(
      and(eq(overdueDigestMarks.invoiceId, invoices.id), isNotNull(overdueDigestMarks.sentAt)),
    );
  // Only sent invoices can be late (a draft is not the customer's yet); due before today is
  // necessary for "overdue", and the ledger decides the rest (payments, processing debits).
  const candidates = and(
    eq(invoices.businessId, businessId),
    eq(invoices.status, "sent"),
    lt(invoices.dueDate, today),
    notExists(named),
  );
  const {
    rows,
    items: itemsOf,
    payments: paymentsOf,
  } = await readInvoicesWithMoney(db, candidates);
  return rows
    .map((invoice) => ({
      invoice,
      balanceDue: overdueBalance(invoice, itemsOf, paymentsOf, input),
    }))
    .filter((row): row is { invoice: Invoice; balanceDue: number } => row.balanceDue !== null)
    .sort((a, b) => byKey(a.invoice, b.invoice))
    .map(({ invoice, balanceDue }) => ({
      id: invoice.id,
      number: invoice.number,
      currency: invoice.currency,
      dueDate: invoice.dueDate,
      balanceDue,
    }));
}

/** Oldest due date first, then by number: the order an owner chases them in. */
function byKey(a: Invoice, b: Invoice): number {
  const left = `${a.dueDate} ${a.number}`;
  const right = `${b.dueDate} ${b.number}`;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The balance due of an invoice the ledger calls overdue, else null. */
function overdueBalance(
  invoice: Invoice,
  itemsOf: Map<string, { quantity: number; unitPrice: number }[]>,
  paymentsOf: Map<string, Payment[]>,
  clock: { now: Date; timeZone: string },
): number | null {
  const totals = computeTotals({ ...invoice, items: itemsOf.get(invoice.id) ?? [] });
  const ledger = invoiceLedger({
    total: totals.total,
    voided: invoice.status === "void",
    dueDate: invoice.dueDate,
    timeZone: clock.timeZone,
    now: clock.now,
    payments: paymentsOf.get(invoice.id) ?? [],
  });
  return ledger.overdue ? ledger.balanceDue : null;
}
