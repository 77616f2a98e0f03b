import { and, eq, inArray, isNull, lt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { businesses, overdueDigestMarks } from "../../db/schema";
import { calendarDate, localHour } from "../i18n/format";
import { businessOwnerLanguage } from "../i18n/owner-messages";
import { overdueDigestNotice } from "./digest-notice";
import { digestDoneToday, type OverdueInvoice, readNewlyOverdue } from "./overdue-read";
import type { NotifyOwner } from "./owner-notice";

// The daily overdue digest: for each business, one notice naming the invoices that became
// overdue since its last digest. Invoices turn overdue at the business's midnight; the digest
// waits for the morning there, so the owner reads it when starting the day, not at midnight.
// Runs every hour: each business gets its digest from the first run in its morning window
// (DIGEST_HOUR to DIGEST_UNTIL on its own clock), at most one a day; the later runs of the
// window retry a business whose digest failed. An invoice that turns late after the window
// (a bank debit failing in the afternoon) is in the next morning's digest.
//
// Safe to repeat and to overlap: an invoice is claimed in the database before its digest is
// sent (one statement, so two runs cannot both claim it) and marked sent after; a failed send
// gives its claims back for the next run. One business failing does not stop the others.

/** The hour, on the business's clock, from which its digest is sent. */
export const DIGEST_HOUR = 8;
/** The hour its morning window ends: the runs from DIGEST_HOUR until then may send it. */
export const DIGEST_UNTIL = 12;

/**
 * How long a claim that was neither sent nor given back is left alone: longer than a scheduled
 * run may last (15 minutes), so only a run that died loses its claims.
 */
export const CLAIM_TTL_MS = 30 * 60 * 1000;

export interface DigestSent {
  businessId: string;
  invoices: OverdueInvoice[];
}

export interface DigestRun {
  sent: DigestSent[];
  failed: { businessId: string; error: unknown }[];
}

export async function sendOverdueDigests(
  db: Db,
  input: { now: Date; runId: string; notify: NotifyOwner },
): Promise<DigestRun> {
  const { now } = input;
  const all = await db
    .select({
      id: businesses.id,
      timezone: businesses.timezone,
      defaultLocale: businesses.defaultLocale,
    })
    .from(businesses);
  const run: DigestRun = { sent: [], failed: [] };
  // One business at a time: a digest is a few small requests, and the run has minutes.
  for (const business of all) {
    const hour = localHour(now, business.timezone);
    if (hour < DIGEST_HOUR || hour >= DIGEST_UNTIL) continue;
    try {
      const named = await digestFor(db, business, input);
      if (named.length) run.sent.push({ businessId: business.id, invoices: named });
    } catch (error) {
      run.failed.push({ businessId: business.id, error });
    }
  }
  return run;
}

/** One business's digest: the invoices it named, or none. */
async function digestFor(
  db: Db,
  business: { id: string; timezone: string; defaultLocale: string },
  input: { now: Date; runId: string; notify: NotifyOwner },
): Promise<OverdueInvoice[]> {
  const { now, runId } = input;
  const today = calendarDate(now, business.timezone);
  const staleBefore = new Date(now.getTime() - CLAIM_TTL_MS);
  if (await digestDoneToday(db, { businessId: business.id, today, staleBefore })) return [];
  const overdue = await readNewlyOverdue(db, {
    businessId: business.id,
    timeZone: business.timezone,
    today,
    now,
  });
  if (!overdue.length) return [];

  // Claim: a row no run has, or one whose run died. Another run's live claim or a sent mark is
  // left as it is and not returned, so that run's digest, not this one, names the invoice.
  const claimed = await db
    .insert(overdueDigestMarks)
    .values(
      overdue.map((invoice) => ({
        invoiceId: invoice.id,
        businessId: business.id,
        digestDate: today,
        runId,
        claimedAt: now,
      })),
    )
    .onConflictDoUpdate({
      target: overdueDigestMarks.invoiceId,
      set: { digestDate: today, runId, claimedAt: now },
      setWhere: and(
        isNull(overdueDigestMarks.sentAt),
        lt(overdueDigestMarks.claimedAt, staleBefore),
      ),
    })
    .returning({ invoiceId: overdueDigestMarks.invoiceId });
  const ids = new Set(claimed.map((row) => row.invoiceId));
  const named = overdue.filter((invoice) => ids.has(invoice.id));
  if (!named.length) return [];
  const mine = and(
    eq(overdueDigestMarks.runId, runId),
    inArray(
      overdueDigestMarks.invoiceId,
      named.map((invoice) => invoice.id),
    ),
  );

  const owner = businessOwnerLanguage(business);
  try {
    await input.notify(business.id, overdueDigestNotice(named, { ...owner, today }));
  } catch (error) {
    // Not sent: give the invoices back so the next run names them.
    await db.delete(overdueDigestMarks).where(and(mine, isNull(overdueDigestMarks.sentAt)));
    throw error;
  }
  await db.update(overdueDigestMarks).set({ sentAt: now }).where(mine);
  return named;
}
