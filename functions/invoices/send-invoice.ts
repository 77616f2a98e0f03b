import type { ResultSet } from "@libsql/client";
import { and, eq, exists, inArray, isNull, ne, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client";
import { type RowSource, rowFields } from "../../db/row-fields";
import {
  type Business,
  businesses,
  type Invoice,
  invoiceEvents,
  invoiceSnapshots,
  invoices,
  type PortalLink,
  portalLinks,
} from "../../db/schema";
import { toStatement } from "../../db/statement";
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
  const results = (await db.batch(sendStatements(db, { row, active, link, at }))) as ResultSet[];
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
  input: { row: SendRow; active: PortalLink | undefined; link: PortalLink; at: Date },
) {
  const { row, active, link, at } = input;
  const { business } = row;
  const id = row.invoice.id;
  // Inserts select their row from the invoice while it is not void; updates ask the same.
  const notVoid = and(eq(invoices.id, id), ne(invoices.status, "void"));
  const whileNotVoid = <T extends SQLiteTable>(table: T, values: RowSource<T>) =>
    db.insert(table).select(db.select(rowFields(table, values)).from(invoices).where(notVoid));
  const event = (kind: "sent" | "link_issued" | "link_revoked", detail = "") =>
    whileNotVoid(invoiceEvents, { id: newId("evt"), invoiceId: id, kind, at, detail });
  const statements: BatchItem<"sqlite">[] = [
    // The snapshot is taken once, at the first send: later branding edits never change it.
    whileNotVoid(invoiceSnapshots, {
      invoiceId: id,
      businessName: business.name,
      address: business.address,
      phone: business.phone,
      email: business.email,
      website: business.website,
      logoUrl: business.logoUrl,
      brandColor: business.brandColor,
      accentColor: business.accentColor,
      takenAt: at,
    }).onConflictDoNothing({ target: invoiceSnapshots.invoiceId }),
    ...(row.invoice.status === "draft" ? [event("sent")] : []),
    ...(active ? [event("link_revoked", "rotated"), event("link_issued")] : [event("link_issued")]),
  ];
  if (active) {
    const stillNotVoid = exists(db.select({ one: sql`1` }).from(invoices).where(notVoid));
    statements.push(
      db
        .update(portalLinks)
        .set({ revokedAt: at, endReason: "rotated" })
        .where(and(eq(portalLinks.id, active.id), isNull(portalLinks.revokedAt), stillNotVoid)),
    );
  }
  statements.push(
    whileNotVoid(portalLinks, {
      id: link.id,
      invoiceId: id,
      tokenHash: link.tokenHash,
      tokenSealed: link.tokenSealed,
      createdAt: at,
    }),
    // Last, so the caller can tell from it whether the guard held.
    db
      .update(invoices)
      .set({
        status: "sent",
        sentAt: sql`COALESCE(${invoices.sentAt}, ${at.getTime()})`,
        updatedAt: at,
      })
      .where(notVoid),
  );
  return statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]];
}

/** Revoke Access: the invoice keeps no active link; the portal shows the revoked page. */
export async function revokeLink(
  db: Db,
  input: { businessId: string; invoiceId: string; now: Date },
): Promise<{ revoked: boolean }> {
  const owned = db
    .select({ id: invoices.id })
    .from(invoices)
    .where(and(eq(invoices.id, input.invoiceId), eq(invoices.businessId, input.businessId)));
  const active = and(inArray(portalLinks.invoiceId, owned), isNull(portalLinks.revokedAt));
  const entry = rowFields(invoiceEvents, {
    id: newId("evt"),
    invoiceId: portalLinks.invoiceId,
    kind: "link_revoked",
    at: input.now,
    detail: "revoked",
  });
  const results = await db.$client.batch(
    [
      toStatement(owned),
      // Logged before the update below, and only when there is an active link to revoke.
      toStatement(
        db.insert(invoiceEvents).select(db.select(entry).from(portalLinks).where(active)),
      ),
      toStatement(
        db.update(portalLinks).set({ revokedAt: input.now, endReason: "revoked" }).where(active),
      ),
    ],
    "write",
  );
  if (results[0]?.rows.length === 0) throw new AppError("not_found", "Invoice not found");
  return { revoked: (results[2]?.rowsAffected ?? 0) > 0 };
}
