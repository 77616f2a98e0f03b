import { and, eq, isNull } from "drizzle-orm";
import {
  businesses,
  invoiceEvents,
  invoiceSnapshots,
  invoices,
  type PortalLink,
  portalLinks,
} from "../../db/schema";
import { openToken, sealToken } from "../domain/token-seal";
import { newId, newPortalToken, sha256Hex } from "../domain/tokens";
import type { Db } from "../http/db";
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
  const { business } = row;
  const event = (kind: "sent" | "link_issued" | "link_revoked", detail = "") =>
    db
      .insert(invoiceEvents)
      .values({ id: newId("evt"), invoiceId: input.invoiceId, kind, at, detail });

  await db.batch([
    // The snapshot is taken once, at the first send: later branding edits never change it.
    db
      .insert(invoiceSnapshots)
      .values({
        invoiceId: input.invoiceId,
        businessName: business.name,
        address: business.address,
        phone: business.phone,
        email: business.email,
        website: business.website,
        logoUrl: business.logoUrl,
        brandColor: business.brandColor,
        accentColor: business.accentColor,
        takenAt: at,
      })
      .onConflictDoNothing(),
    db
      .update(portalLinks)
      .set({ revokedAt: at, endReason: "rotated" })
      .where(and(eq(portalLinks.invoiceId, input.invoiceId), isNull(portalLinks.revokedAt))),
    db.insert(portalLinks).values(link),
    db
      .update(invoices)
      .set({ status: "sent", sentAt: row.invoice.sentAt ?? at, updatedAt: at })
      .where(eq(invoices.id, input.invoiceId)),
    ...(row.invoice.status === "draft" ? [event("sent")] : []),
    ...(active ? [event("link_revoked", "rotated")] : []),
    event("link_issued"),
  ]);
  return { token, link, created: true };
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
