import type { Config } from "../env";
import { messagesFor } from "../i18n/messages";
import { buildInvoiceView, type InvoiceFacts } from "./invoice-view";
import type { InvoicePage } from "./page-model";

export interface InvoicePageInput {
  facts: InvoiceFacts;
  token: string;
  config: Config;
  now: Date;
  preview: boolean;
  scriptNonce: string;
  /** Pay Now form action when the invoice can be paid online right now. */
  payUrl: string | null;
  notice: InvoicePage["notice"];
}

export function invoicePage(input: InvoicePageInput): InvoicePage {
  const invoice = buildInvoiceView(input.facts, input.now);
  const base = `/p/${input.token}`;
  return {
    kind: "invoice",
    status: 200,
    invoice,
    links: {
      pdf: `${base}/pdf`,
      pay: input.payUrl,
      seen: input.preview ? null : `${base}/seen`,
    },
    messages: messagesFor(invoice.locale),
    badge:
      input.facts.business.plan === "free"
        ? { name: input.config.PRODUCT_NAME, url: input.config.PRODUCT_URL ?? null }
        : null,
    notice: input.notice,
    preview: input.preview,
    scriptNonce: input.scriptNonce,
  };
}
