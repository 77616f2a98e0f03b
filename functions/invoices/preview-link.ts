import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { invoices, portalLinks } from "../../db/schema";
import { signPreview } from "../domain/preview";
import { openToken } from "../domain/token-seal";
import { AppError } from "../http/errors";

/** How long an owner's preview link works. */
export const PREVIEW_TTL_MS = 60 * 60 * 1000;

export function portalUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/p/${token}`;
}

export async function previewUrl(
  baseUrl: string,
  secret: string,
  link: { id: string; token: string },
  expiresAt: Date,
): Promise<string> {
  const value = await signPreview(secret, link.id, expiresAt);
  return `${portalUrl(baseUrl, link.token)}?preview=${value}`;
}

/**
 * A signed link that shows the owner the portal exactly as the customer sees it, without
 * counting as a view. It needs the invoice's active link: a GET never creates one.
 */
export async function previewLink(
  db: Db,
  input: {
    businessId: string;
    invoiceId: string;
    signingSecret: string;
    baseUrl: string;
    now: Date;
  },
): Promise<{ url: string; expiresAt: Date }> {
  const [owned, links] = await db.batch([
    db
      .select({ id: invoices.id })
      .from(invoices)
      .where(and(eq(invoices.id, input.invoiceId), eq(invoices.businessId, input.businessId))),
    db
      .select()
      .from(portalLinks)
      .where(and(eq(portalLinks.invoiceId, input.invoiceId), isNull(portalLinks.revokedAt))),
  ]);
  if (owned.length === 0) throw new AppError("not_found", "Invoice not found");
  const link = links[0];
  const token = link ? await openToken(input.signingSecret, link.tokenSealed) : null;
  if (!link || !token) {
    throw new AppError(
      "no_active_link",
      "The invoice has no active link to preview; send it or issue a new link first",
    );
  }
  const expiresAt = new Date(input.now.getTime() + PREVIEW_TTL_MS);
  const url = await previewUrl(
    input.baseUrl,
    input.signingSecret,
    { id: link.id, token },
    expiresAt,
  );
  return { url, expiresAt };
}
