import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { invoiceSnapshots, invoices, type PortalLink } from "../../db/schema";
import { onUniqueViolation } from "../domain/unique-violation";
import { AppError } from "../http/errors";
import { PREVIEW_TTL_MS, portalUrl, previewUrl } from "./preview-link";
import { sendInvoice } from "./send-invoice";
import { textMessage } from "./text-message";

export interface ShareResult {
  portalUrl: string;
  previewUrl: string;
  previewExpiresAt: Date;
  textMessage: string;
  link: PortalLink;
  created: boolean;
}

/**
 * Sends an invoice (or issues a new link) and returns what the owner needs to share it: the
 * portal URL, a preview URL for themselves, and a ready-to-text message. Two requests racing to
 * issue a link meet the database's one-active-link index, which refuses the loser's write.
 */
export async function shareInvoice(
  db: Db,
  input: {
    businessId: string;
    invoiceId: string;
    newLink: boolean;
    signingSecret: string;
    baseUrl: string;
    now: Date;
  },
): Promise<ShareResult> {
  const send = () =>
    onUniqueViolation(
      () => sendInvoice(db, input),
      (columns) =>
        columns.includes("portal_links.invoice_id")
          ? new AppError("conflict", "Another request changed this invoice's link; try again")
          : null,
    );
  // A plain send that lost the race to another send finds that send's link on a second read,
  // which is the answer it wanted ("the same active link"); a New Link that lost stays a 409.
  const sent = await send().catch((error: unknown) => {
    if (input.newLink || !(error instanceof AppError) || error.code !== "conflict") throw error;
    return send();
  });
  const [row] = await db
    .select({
      number: invoices.number,
      customerName: invoices.customerName,
      locale: invoices.locale,
      businessName: invoiceSnapshots.businessName,
    })
    .from(invoices)
    .innerJoin(invoiceSnapshots, eq(invoiceSnapshots.invoiceId, invoices.id))
    .where(eq(invoices.id, input.invoiceId));
  if (!row) throw new AppError("not_found", "Invoice not found");
  const url = portalUrl(input.baseUrl, sent.token);
  const previewExpiresAt = new Date(input.now.getTime() + PREVIEW_TTL_MS);
  return {
    portalUrl: url,
    previewUrl: await previewUrl(
      input.baseUrl,
      input.signingSecret,
      { id: sent.link.id, token: sent.token },
      previewExpiresAt,
    ),
    previewExpiresAt,
    textMessage: textMessage({ ...row, url }),
    link: sent.link,
    created: sent.created,
  };
}
