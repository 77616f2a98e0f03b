import type { Context } from "hono";
import { openToken } from "../../domain/token-seal";
import { getInvoice } from "../../invoices/get-invoice";
import { ownerStatus } from "../../invoices/owner-status";
import { portalUrl } from "../../invoices/preview-link";
import type { ApiEnv } from "./auth";
import { presentInvoice } from "./present-invoice";

/** The invoice as the API shows it: read in one round trip, totals from the one function. */
export async function invoiceAnswer(c: Context<ApiEnv>, invoiceId: string) {
  const { db, config } = c.var;
  const detail = await getInvoice(db, { businessId: c.var.caller.businessId, invoiceId });
  const status = ownerStatus(detail.invoice, detail.items, detail.payments, {
    now: c.var.now(),
    timeZone: detail.timezone,
  });
  const sealed = detail.activeLink?.tokenSealed;
  const token = sealed ? await openToken(config.SIGNING_SECRET, sealed) : null;
  return presentInvoice(detail, status, token ? portalUrl(config.PUBLIC_BASE_URL, token) : null);
}
