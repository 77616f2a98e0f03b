import type { Config } from "../env";
import { formatMoney } from "../i18n/format";
import { fill, messagesFor } from "../i18n/messages";
import { buildInvoiceView, type InvoiceFacts } from "./invoice-view";
import type { InvoicePage } from "./page-model";

export interface InvoicePageInput {
  facts: InvoiceFacts;
  token: string;
  config: Config;
  now: Date;
  preview: boolean;
  scriptNonce: string;
  /** Pay Now when the invoice can be paid online right now: the form action and what it charges. */
  pay: { url: string; amount: number } | null;
  /** The balance is below what Stripe can charge: the page says to contact the business. */
  payOffline: boolean;
  notice: InvoicePage["notice"];
}

export function invoicePage(input: InvoicePageInput): InvoicePage {
  const invoice = buildInvoiceView(input.facts, input.now);
  const base = `/p/${input.token}`;
  const messages = messagesFor(invoice.locale);
  return {
    kind: "invoice",
    status: 200,
    invoice,
    links: {
      pdf: `${base}/pdf`,
      pay: input.pay?.url ?? null,
      seen: input.preview ? null : `${base}/seen`,
    },
    messages,
    // The amount Checkout will charge, which in three-decimal currencies is the balance as
    // Stripe takes it (see checkoutAmount).
    payLabel: input.pay
      ? fill(messages.payNowAmount, {
          amount: formatMoney(input.pay.amount, invoice.currency, invoice.locale),
        })
      : null,
    payOffline: input.payOffline
      ? fill(messages.payOffline, { business: invoice.business.name })
      : null,
    badge:
      input.facts.business.plan === "free"
        ? { name: input.config.PRODUCT_NAME, url: input.config.PRODUCT_URL ?? null }
        : null,
    notice: input.notice,
    preview: input.preview,
    scriptNonce: input.scriptNonce,
  };
}
