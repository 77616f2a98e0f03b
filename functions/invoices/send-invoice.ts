import type { ResultSet } from "@libsql/client";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/client";
import {
  type Business,
  businesses,
  type Invoice,
  invoiceSnapshots,
  invoices,
  type PortalLink,
  portalLinks,
} from "../../db/schema";
import { openToken, sealToken } from "../domain/token-seal";
import { newId, newPortalToken, sha256Hex } from "../domain/tokens";
import { AppError } from "../http/errors";

export interface SendInput {
  businessId: string;
  invoiceId: string;
  /** Issue a fresh link and revoke the active one (New Link), even if one is active. */
  newLink: boolean;
  signingSecret: string;
  now: Date;
}

export interface SendResult {
  token: string;
  link: PortalLink;
  /** Whether this call created the link (false: the active link was returned again). */
  created: boolean;
}

/**
 * Sends an invoice: takes the branding snapshot on first send, marks it sent, and makes sure it
 * has exactly one active link. Sending again returns the same link unless a new one is asked
 * for. Everything is one atomic batch; the database's one-active-link index refuses a racing
 * second link, which surfaces as a conflict the caller can retry.
 */
export async function sendInvoice(db: Db, input: SendInput): Promise<SendResult> {
  const [rows, activeLinks] = await db.batch([
    db
      .select({ invoice: invoices, business: businesses, snapshot: invoiceSnapshots })
      .from(invoices)
      .innerJoin(businesses, eq(businesses.id, invoices.businessId))
      .leftJoin(invoiceSnapshots, eq(invoiceSnapshots.invoiceId, invoices.id))
      .where(and(eq(invoices.id, input.invoiceId), eq(invoices.businessId, input.businessId))),
    db
      .select()
      .from(portalLinks)
      .where(and(eq(portalLinks.invoiceId, input.invoiceId), isNull(portalLinks.revokedAt))),
  ]);
  const row = rows[0];
  if (!row) throw new AppError("not_found", "Invoice not found");
  if (row.invoice.status === "void") {
    throw new AppError("invoice_void", "A void invoice cannot be sent");
  }

  const active = activeLinks[0];
  if (active && !input.newLink) {
    const token = await openToken(input.signingSecret, active.tokenSealed);
    // A link sealed under an old secret cannot be shown again; issue a new one instead.
    if (token) return { token, link: active, created: false };
  }

  const at = input.now;
  const token = newPortalToken();
  const link: PortalLink = {
    id: newId("lnk"),
    invoiceId: input.invoiceId,
    tokenHash: await sha256Hex(token),
    tokenSealed: await sealToken(input.signingSecret, token),
    createdAt: at,
    revokedAt: null,
    endReason: null,
  };
  const results = (await db.batch(
    sendStatements(db, { row, active, link, at: at.getTime() }),
  )) as ResultSet[];
  // Every statement carries the not-void guard: none wrote if a void landed after the read.
  if (results.at(-1)?.rowsAffected !== 1) {
    throw new AppError("invoice_void", "A void invoice cannot be sent");
  }
  return { token, link, created: true };
}

type SendRow = { invoice: Invoice; business: Business };

/**
 * The send's writes, each guarded by "still not void" (a send never brings back an invoice voided
 * after the read). Only the link that was read is revoked: if another request issued a link in
 * between, the insert meets the one-active-link index and the whole batch changes nothing,
 * rather than quietly revoking a link that request has just handed to its caller.
 */
function sendStatements(
  db: Db,
  input: { row: SendRow; active: PortalLink | undefined; link: PortalLink; at: number },
) {
  const { row, active, link, at } = input;
  const { business } = row;
  const id = row.invoice.id;
  const guard = sql`EXISTS (SELECT 1 FROM invoices WHERE id = ${id} AND status <> 'void')`;
  const event = (kind: "sent" | "link_issued" | "link_revoked", detail = "") =>
    db.run(sql`INSERT INTO invoice_events (id, invoice_id, kind, at, detail)
      SELECT ${newId("evt")}, ${id}, ${kind}, ${at}, ${detail} WHERE ${guard}`);
  const statements: BatchItem<"sqlite">[] = [
    // The snapshot is taken once, at the first send: later branding edits never change it.
    db.run(sql`INSERT INTO invoice_snapshots (invoice_id, business_name, address, phone, email,
        website, logo_url, brand_color, accent_color, taken_at)
      SELECT ${id}, ${business.name}, ${business.address}, ${business.phone}, ${business.email},
        ${business.website}, ${business.logoUrl}, ${business.brandColor}, ${business.accentColor},
        ${at}
      WHERE ${guard} ON CONFLICT (invoice_id) DO NOTHING`),
    ...(row.invoice.status === "draft" ? [event("sent")] : []),
    ...(active ? [event("link_revoked", "rotated"), event("link_issued")] : [event("link_issued")]),
  ];
  if (active) {
    statements.push(
      db.run(sql`UPDATE portal_links SET revoked_at = ${at}, end_reason = 'rotated'
        WHERE id = ${active.id} AND revoked_at IS NULL AND ${guard}`),
    );
  }
  statements.push(
    db.run(sql`INSERT INTO portal_links (id, invoice_id, token_hash, token_sealed, created_at)
      SELECT ${link.id}, ${id}, ${link.tokenHash}, ${link.tokenSealed}, ${at} WHERE ${guard}`),
    // Last, so the caller can tell from it whether the guard held.
    db.run(sql`UPDATE invoices SET status = 'sent', sent_at = COALESCE(sent_at, ${at}),
        updated_at = ${at} WHERE id = ${id} AND status <> 'void'`),
  );
  return statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]];
}

/** Revoke Access: the invoice keeps no active link; the portal shows the revoked page. */
export async function revokeLink(
  db: Db,
  input: { businessId: string; invoiceId: string; now: Date },
): Promise<{ revoked: boolean }> {
  const at = input.now.getTime();
  const owned = "SELECT id FROM invoices WHERE id = ? AND business_id = ?";
  const results = await db.$client.batch(
    [
      { sql: owned, args: [input.invoiceId, input.businessId] },
      {
        // Logged before the update below, and only when there is an active link to revoke.
        sql: `INSERT INTO invoice_events (id, invoice_id, kind, at, detail)
              SELECT ?, invoice_id, 'link_revoked', ?, 'revoked' FROM portal_links
              WHERE invoice_id IN (${owned}) AND revoked_at IS NULL`,
        args: [newId("evt"), at, input.invoiceId, input.businessId],
      },
      {
        sql: `UPDATE portal_links SET revoked_at = ?, end_reason = 'revoked'
              WHERE invoice_id IN (${owned}) AND revoked_at IS NULL`,
        args: [at, input.invoiceId, input.businessId],
      },
    ],
    "write",
  );
  if (results[0]?.rows.length === 0) throw new AppError("not_found", "Invoice not found");
  return { revoked: (results[2]?.rowsAffected ?? 0) > 0 };
}
