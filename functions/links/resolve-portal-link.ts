import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { type ReadBuilder, reusableRead } from "../../db/reusable-read";
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

// Built once per isolate (db/reusable-read.ts): every view runs these same three reads.
const linkHeadRead = reusableRead((db) =>
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
    .where(eq(portalLinks.tokenHash, sql.placeholder("tokenHash"))),
);

const invoiceOfToken = (db: ReadBuilder) =>
  db
    .select({ id: portalLinks.invoiceId })
    .from(portalLinks)
    .where(eq(portalLinks.tokenHash, sql.placeholder("tokenHash")));

const lineItemsRead = reusableRead((db) =>
  db
    .select()
    .from(lineItems)
    .where(inArray(lineItems.invoiceId, invoiceOfToken(db)))
    .orderBy(asc(lineItems.position)),
);

const paymentsRead = reusableRead((db) =>
  db
    .select()
    .from(payments)
    .where(inArray(payments.invoiceId, invoiceOfToken(db))),
);

/**
 * The three reads that resolve a token, each keyed by the token's hash so none waits for
 * another's answer: run them in one batch (one database round trip), with any extra reads a
 * caller needs appended to the same batch.
 */
export function portalLinkReads(tokenHash: string) {
  const values = { tokenHash };
  return [linkHeadRead(values), lineItemsRead(values), paymentsRead(values)] as const;
}

type Reads = ReturnType<typeof portalLinkReads>;
type ReadResults = readonly [
  Reads[0]["_"]["result"],
  Reads[1]["_"]["result"],
  Reads[2]["_"]["result"],
];

/** Turns the answers of `portalLinkReads` into what the link leads to. */
export function toResolvedLink([heads, items, paymentRows]: ReadResults): ResolvedLink {
  const head = heads[0];
  if (!head) return { kind: "not_found" };
  const { link, invoice, business, snapshot } = head;
  if (link.revokedAt) return { kind: "revoked", link, invoice, business, snapshot };
  return { kind: "active", link, invoice, business, snapshot, items, payments: paymentRows };
}

/** Resolves a secret portal token to everything the page and Checkout need, in one round trip. */
export async function resolvePortalLink(db: Db, token: string): Promise<ResolvedLink> {
  if (!isWellFormedToken(token)) return { kind: "not_found" };
  const reads = portalLinkReads(await sha256Hex(token));
  return toResolvedLink(await db.batch(reads));
}
