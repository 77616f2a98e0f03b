import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { businesses, invoiceSnapshots, invoices, logoImages, portalLinks } from "../../db/schema";
import { isWellFormedToken, sha256Hex } from "../domain/tokens";
import { portalLinkReads, type ResolvedLink, toResolvedLink } from "../links/resolve-portal-link";

// The PDF needs what the page needs plus the logo's bytes when the logo is one we store: the
// portal's reads with the logo as a fourth read in the same batch, so the PDF also costs one
// database round trip.

export interface StoredLogo {
  id: string;
  bytes: Uint8Array;
}

export type ResolvedPdfLink =
  | Exclude<ResolvedLink, { kind: "active" }>
  | (Extract<ResolvedLink, { kind: "active" }> & { logo: StoredLogo | null });

export async function resolvePdfLink(db: Db, token: string): Promise<ResolvedPdfLink> {
  if (!isWellFormedToken(token)) return { kind: "not_found" };
  const tokenHash = await sha256Hex(token);
  // The logo shown is the snapshot's (or, for an unsent draft, the profile's), and only ours:
  // `/logos/<id>`. Read only for an active link.
  const logoUrl = sql`CASE WHEN ${invoiceSnapshots.invoiceId} IS NULL THEN ${businesses.logoUrl} ELSE ${invoiceSnapshots.logoUrl} END`;
  const storedLogoId = db
    .select({
      id: sql<string>`CASE WHEN ${logoUrl} LIKE '/logos/%' THEN substr(${logoUrl}, 8) END`,
    })
    .from(portalLinks)
    .innerJoin(invoices, eq(invoices.id, portalLinks.invoiceId))
    .innerJoin(businesses, eq(businesses.id, invoices.businessId))
    .leftJoin(invoiceSnapshots, eq(invoiceSnapshots.invoiceId, invoices.id))
    .where(and(eq(portalLinks.tokenHash, tokenHash), isNull(portalLinks.revokedAt)));

  const [heads, items, paymentRows, logos] = await db.batch([
    ...portalLinkReads(tokenHash),
    db
      .select({ id: logoImages.id, bytes: logoImages.bytes })
      .from(logoImages)
      .where(inArray(logoImages.id, storedLogoId)),
  ]);
  const resolved = toResolvedLink([heads, items, paymentRows]);
  if (resolved.kind !== "active") return resolved;
  const logoRow = logos[0];
  const logo = logoRow ? { id: logoRow.id, bytes: new Uint8Array(logoRow.bytes) } : null;
  return { ...resolved, logo };
}
