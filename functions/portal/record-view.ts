import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { rowFields } from "../../db/row-fields";
import { type CLIENT_KINDS, invoiceEvents, invoices, portalLinks, views } from "../../db/schema";
import { toStatement } from "../../db/statement";
import { newId, sha256Hex } from "../domain/tokens";

export interface ViewInput {
  token: string;
  at: Date;
  clientKind: (typeof CLIENT_KINDS)[number];
}

export interface ViewResult {
  /** The invoice whose first view this was; null for any later view (or an inactive link). */
  firstViewOf: string | null;
}

/**
 * Logs a customer's view of an active link and, the first time, stamps the invoice's first
 * view and its timeline. One atomic write batch keyed by the token hash: nothing is written for
 * a revoked or unknown link, and the first-view stamp can never be overwritten by a later view.
 * Says whether this was the first view, so that exactly one view is told to the owner.
 */
export async function recordView(db: Db, input: ViewInput): Promise<ViewResult> {
  const { at, clientKind } = input;
  const activeLink = and(
    eq(portalLinks.tokenHash, await sha256Hex(input.token)),
    isNull(portalLinks.revokedAt),
  );
  const entry = rowFields(invoiceEvents, {
    id: newId("evt"),
    invoiceId: portalLinks.invoiceId,
    kind: "viewed",
    at,
    detail: clientKind,
  });
  const view = rowFields(views, {
    id: newId("view"),
    invoiceId: portalLinks.invoiceId,
    linkId: portalLinks.id,
    viewedAt: at,
    clientKind,
  });
  const results = await db.$client.batch(
    [
      // Before the stamp below: only the first view adds a timeline entry.
      toStatement(
        db.insert(invoiceEvents).select(
          db
            .select(entry)
            .from(portalLinks)
            .innerJoin(invoices, eq(invoices.id, portalLinks.invoiceId))
            .where(and(activeLink, isNull(invoices.firstViewedAt))),
        ),
      ),
      toStatement(db.insert(views).select(db.select(view).from(portalLinks).where(activeLink))),
      toStatement(
        db
          .update(invoices)
          .set({ firstViewedAt: at })
          .where(
            and(
              isNull(invoices.firstViewedAt),
              inArray(
                invoices.id,
                db.select({ id: portalLinks.invoiceId }).from(portalLinks).where(activeLink),
              ),
            ),
          ),
      ),
      toStatement(db.select({ id: portalLinks.invoiceId }).from(portalLinks).where(activeLink)),
    ],
    "write",
  );
  // The timeline entry is written only by the first view, in the same transaction as the stamp.
  const first = (results[0]?.rowsAffected ?? 0) > 0;
  // A raw batch result is keyed by column name.
  const invoiceId = results[3]?.rows[0]?.invoice_id;
  return { firstViewOf: first && typeof invoiceId === "string" ? invoiceId : null };
}
