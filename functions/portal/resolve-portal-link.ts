import { asc, eq, inArray } from "drizzle-orm";
import {
  type Business,
  businesses,
  type Invoice,
  type InvoiceSnapshot,
  invoiceSnapshots,
  invoices,
  type LineItem,
  lineItems,
  type Payment,
  type PortalLink,
  payments,
  portalLinks,
} from "../../db/schema";
import { isWellFormedToken, sha256Hex } from "../domain/tokens";
import type { Db } from "../http/db";

export type ResolvedLink =
  | { kind: "not_found" }
  | {
      kind: "revoked";
      link: PortalLink;
      invoice: Invoice;
      business: Business;
      snapshot: InvoiceSnapshot | null;
    }
  | {
      kind: "active";
      link: PortalLink;
      invoice: Invoice;
      business: Business;
      snapshot: InvoiceSnapshot | null;
      items: LineItem[];
      payments: Payment[];
    };

/**
 * Resolves a secret portal token to everything the page, the PDF and Checkout need, in one
 * database round trip: three reads in one batch, each keyed by the token's hash, so no read
 * waits for another's answer.
 */
export async function resolvePortalLink(db: Db, token: string): Promise<ResolvedLink> {
  if (!isWellFormedToken(token)) return { kind: "not_found" };
  const tokenHash = await sha256Hex(token);
  const invoiceOfToken = db
    .select({ id: portalLinks.invoiceId })
    .from(portalLinks)
    .where(eq(portalLinks.tokenHash, tokenHash));

  const [heads, items, paymentRows] = await db.batch([
    db
      .select({
        link: portalLinks,
        invoice: invoices,
        business: businesses,
        snapshot: invoiceSnapshots,
      })
      .from(portalLinks)
      .innerJoin(invoices, eq(invoices.id, portalLinks.invoiceId))
      .innerJoin(businesses, eq(businesses.id, invoices.businessId))
      .leftJoin(invoiceSnapshots, eq(invoiceSnapshots.invoiceId, invoices.id))
      .where(eq(portalLinks.tokenHash, tokenHash)),
    db
      .select()
      .from(lineItems)
      .where(inArray(lineItems.invoiceId, invoiceOfToken))
      .orderBy(asc(lineItems.position)),
    db.select().from(payments).where(inArray(payments.invoiceId, invoiceOfToken)),
  ]);

  const head = heads[0];
  if (!head) return { kind: "not_found" };
  const { link, invoice, business, snapshot } = head;
  if (link.revokedAt) return { kind: "revoked", link, invoice, business, snapshot };
  return { kind: "active", link, invoice, business, snapshot, items, payments: paymentRows };
}
