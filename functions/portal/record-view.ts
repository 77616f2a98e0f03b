import type { Db } from "../../db/client";
import type { CLIENT_KINDS } from "../../db/schema";
import { newId, sha256Hex } from "../domain/tokens";

export interface ViewInput {
  token: string;
  at: Date;
  clientKind: (typeof CLIENT_KINDS)[number];
}

/**
 * Logs a customer's view of an active link and, the first time, stamps the invoice's first
 * view and its timeline. One atomic write batch keyed by the token hash: nothing is written for
 * a revoked or unknown link, and the first-view stamp can never be overwritten by a later view.
 */
export async function recordView(db: Db, input: ViewInput): Promise<void> {
  const tokenHash = await sha256Hex(input.token);
  const at = input.at.getTime();
  const activeLink =
    "SELECT id, invoice_id FROM portal_links WHERE token_hash = ? AND revoked_at IS NULL";
  await db.$client.batch(
    [
      {
        // Before the stamp below: only the first view adds a timeline entry.
        sql: `INSERT INTO invoice_events (id, invoice_id, kind, at, detail)
              SELECT ?, l.invoice_id, 'viewed', ?, ? FROM (${activeLink}) l
              JOIN invoices i ON i.id = l.invoice_id WHERE i.first_viewed_at IS NULL`,
        args: [newId("evt"), at, input.clientKind, tokenHash],
      },
      {
        sql: `INSERT INTO views (id, invoice_id, link_id, viewed_at, client_kind)
              SELECT ?, l.invoice_id, l.id, ?, ? FROM (${activeLink}) l`,
        args: [newId("view"), at, input.clientKind, tokenHash],
      },
      {
        sql: `UPDATE invoices SET first_viewed_at = ?
              WHERE first_viewed_at IS NULL AND id IN (SELECT invoice_id FROM (${activeLink}))`,
        args: [at, tokenHash],
      },
    ],
    "write",
  );
}
