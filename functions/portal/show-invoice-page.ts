import type { Db } from "../../db/client";
import { verifyPreview } from "../domain/preview";
import type { Config } from "../env";
import { resolvePortalLink } from "../links/resolve-portal-link";
import { checkoutParam, checkoutReturn } from "../payments/checkout-return";
import { payableOf } from "../payments/payable";
import type { OnPaymentNews } from "../payments/payment-news";
import type { StripeClient } from "../platform/stripe-client";
import { invoicePage } from "../views/invoice-page";
import { notFoundPage, revokedPage } from "../views/link-pages";
import type { InvoicePage, PortalPage } from "../views/page-model";

export interface ShowPageDeps {
  db: Db;
  config: Config;
  now: () => Date;
  /** Built on first use: only a return from Checkout may need Stripe. */
  stripe: () => Promise<StripeClient | null>;
  /** Told when a return from Checkout records a payment change the owner hears about. */
  onPaymentNews?: OnPaymentNews;
}

export interface ShowPageInput {
  token: string;
  /** The owner's signed preview parameter, if any. */
  preview: string | undefined;
  /** `?checkout=` and `?session_id=` of a customer coming back from Checkout. */
  checkout: string | undefined;
  sessionId: string | undefined;
  acceptLanguage: string | undefined;
  scriptNonce: string;
}

/**
 * The page behind a secret link: the invoice, or the 404 and 410 pages. GET never writes on its
 * own; the one exception is a return from Checkout, which copies Stripe's record of the payment
 * (see `checkoutReturn`). Without a checkout parameter the page is one database read.
 */
export async function showInvoicePage(
  deps: ShowPageDeps,
  input: ShowPageInput,
): Promise<PortalPage> {
  const { db, config, now } = deps;
  const { token } = input;
  const resolved = await resolvePortalLink(db, token);
  if (resolved.kind === "not_found") return notFoundPage(input.acceptLanguage);
  if (resolved.kind === "revoked") return revokedPage(resolved);
  const at = now();
  const preview = await verifyPreview(config.SIGNING_SECRET, resolved.link.id, input.preview, at);
  let facts = resolved;
  let notice: InvoicePage["notice"] = null;
  const param = checkoutParam(input.checkout);
  if (param) {
    const back = await checkoutReturn(
      { db, stripe: await deps.stripe(), now, onNews: deps.onPaymentNews },
      { token, facts, param, sessionId: input.sessionId },
    );
    facts = back.facts;
    notice = back.notice;
  }
  const payable = payableOf(facts, config, at);
  // "Not completed, try again" speaks only while there is something to try again: a stale
  // cancel link (or a retry after the payment went through elsewhere) must not contradict Paid.
  if (notice === "payment_canceled" && payable.blocker) notice = null;
  return invoicePage({
    facts,
    token,
    config,
    now: at,
    preview,
    scriptNonce: input.scriptNonce,
    pay: payable.blocker ? null : { url: `/p/${token}/pay`, amount: payable.amount },
    payOffline: payable.blocker === "below_minimum",
    notice,
  });
}
