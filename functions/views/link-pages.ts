import type { Business, Invoice, InvoiceSnapshot } from "../../db/schema";
import { acceptedLanguage, fill, languageOf, messagesFor } from "../i18n/messages";
import { businessView } from "./business-view";
import { brandingOf } from "./invoice-view";
import type { ErrorPage, RevokedPage } from "./page-model";

// The two pages a secret link can lead to instead of its invoice, built in one place so the
// page, Pay Now and the PDF answer an unknown or revoked link the same way.

/** An unknown link: reveals nothing, in the browser's language. */
export function notFoundPage(acceptLanguage: string | undefined): ErrorPage {
  const lang = acceptedLanguage(acceptLanguage);
  return { kind: "not_found", status: 404, lang, messages: messagesFor(lang) };
}

export interface RevokedFacts {
  invoice: Invoice;
  business: Business;
  snapshot: InvoiceSnapshot | null;
}

/** A revoked or replaced link: the business's contact, so the customer can ask for a new one. */
export function revokedPage(facts: RevokedFacts): RevokedPage {
  return {
    kind: "revoked",
    status: 410,
    lang: languageOf(facts.invoice.locale),
    messages: messagesFor(facts.invoice.locale),
    business: businessView(brandingOf(facts)),
    invoiceNumber: facts.invoice.number,
  };
}

/** The same two pages as one line of plain text, for answers that are not HTML (the PDF link). */
export function linkPageText(page: ErrorPage | RevokedPage): string {
  const { messages } = page;
  if (page.kind !== "revoked") return `${messages.notFoundTitle}. ${messages.notFoundBody}`;
  const values = { number: page.invoiceNumber, business: page.business.name };
  return `${messages.revokedTitle}. ${fill(messages.revokedBody, values)}`;
}
