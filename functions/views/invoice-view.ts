import type { Business, Invoice, InvoiceSnapshot, LineItem, Payment } from "../../db/schema";
import { invoiceLedger, type Ledger } from "../domain/ledger";
import { computeTotals, type Totals } from "../domain/totals";
import {
  formatDate,
  formatInstantDate,
  formatMoney,
  formatQuantity,
  formatRate,
  safeLocale,
} from "../i18n/format";
import { fill, languageOf, type Messages, messagesFor } from "../i18n/messages";
import { businessView } from "./business-view";
import type { InvoiceView } from "./page-model";
import { receiptView } from "./receipt-view";
import { isolate } from "./text-direction";

export interface InvoiceFacts {
  invoice: Invoice;
  business: Business;
  snapshot: InvoiceSnapshot | null;
  items: LineItem[];
  payments: Payment[];
}

/** The branding to show: the snapshot taken at send, or the current profile for an unsent draft. */
export function brandingOf(facts: Pick<InvoiceFacts, "business" | "snapshot">) {
  return (
    facts.snapshot ?? {
      businessName: facts.business.name,
      address: facts.business.address,
      phone: facts.business.phone,
      email: facts.business.email,
      website: facts.business.website,
      logoUrl: facts.business.logoUrl,
      brandColor: facts.business.brandColor,
      accentColor: facts.business.accentColor,
    }
  );
}

export function invoiceTotals(facts: Pick<InvoiceFacts, "invoice" | "items">): Totals {
  return computeTotals({ ...facts.invoice, items: facts.items });
}

/** The invoice's money, counted once by the ledger, with "overdue" in the business's time zone. */
export function ledgerOf(
  facts: Pick<InvoiceFacts, "invoice" | "items" | "payments"> & {
    business: Pick<Business, "timezone">;
  },
  now: Date,
): Ledger {
  return invoiceLedger({
    total: invoiceTotals(facts).total,
    voided: facts.invoice.status === "void",
    dueDate: facts.invoice.dueDate,
    timeZone: facts.business.timezone,
    now,
    payments: facts.payments,
  });
}

/** Everything the page and the PDF show about an invoice, formatted for its locale. */
export function buildInvoiceView(facts: InvoiceFacts, now: Date): InvoiceView {
  const { invoice } = facts;
  const locale = safeLocale(invoice.locale);
  const messages: Messages = messagesFor(locale);
  const money = (amount: number) => formatMoney(amount, invoice.currency, locale);
  const totals = invoiceTotals(facts);
  const timeZone = facts.business.timezone;
  // Every figure below is the ledger's; this only formats it.
  const ledger = ledgerOf(facts, now);
  const { state } = ledger;

  const detailValues = {
    date: formatDate(invoice.dueDate, locale),
    paid: money(ledger.received),
    balance: money(ledger.balanceDue),
    refunded: money(ledger.refunded),
  };
  let stateDetail = fill(messages[`detail_${state}`], detailValues);
  if (state === "paid") {
    stateDetail = ledger.paidAt
      ? fill(messages.detail_paid, { date: formatInstantDate(ledger.paidAt, locale, timeZone) })
      : messages.detail_paid_nodate;
  }

  let amountDescription: string | null = null;
  if (invoice.amountMode === "fixed") amountDescription = messages.fixedAmount;
  if (invoice.amountMode === "percent") {
    const values = {
      rate: formatRate(invoice.percentRate ?? 0, locale),
      base: money(invoice.percentBase ?? 0),
      label: isolate(invoice.percentLabel.trim()),
    };
    amountDescription = fill(values.label ? messages.percentOfLabeled : messages.percentOf, values);
  }

  return {
    locale,
    // The labels' language (English for locales without a catalogue), as the revoked page does.
    lang: languageOf(locale),
    currency: invoice.currency,
    number: invoice.number,
    issueDate: formatDate(invoice.issueDate, locale),
    dueDate: formatDate(invoice.dueDate, locale),
    state,
    stateLabel: messages[`state_${state}`],
    stateDetail,
    customer: {
      name: invoice.customerName,
      email: invoice.customerEmail,
      phone: invoice.customerPhone,
    },
    business: businessView(brandingOf(facts)),
    amountMode: invoice.amountMode,
    lines:
      invoice.amountMode === "items"
        ? facts.items.map((item, i) => ({
            description: item.description,
            quantity: formatQuantity(item.quantity, locale),
            unitPrice: money(item.unitPrice),
            amount: money(totals.lineAmounts[i] ?? 0),
          }))
        : [],
    amountDescription,
    subtotal: { label: messages.subtotal, amount: money(totals.subtotal) },
    discount:
      totals.discount > 0
        ? {
            label:
              invoice.discountKind === "percent"
                ? fill(messages.discountPercent, {
                    rate: formatRate(invoice.discountValue, locale),
                  })
                : messages.discount,
            amount: `−${money(totals.discount)}`,
          }
        : null,
    tax:
      invoice.taxRate > 0
        ? {
            label: fill(messages.taxRate, {
              label: invoice.taxLabel.trim() || messages.tax,
              rate: formatRate(invoice.taxRate, locale),
            }),
            amount: money(totals.tax),
          }
        : null,
    total: { label: messages.total, amount: money(totals.total) },
    amountPaid:
      ledger.received > 0 ? { label: messages.amountPaid, amount: money(ledger.received) } : null,
    balanceDue: { label: messages.balanceDue, amount: money(ledger.balanceDue) },
    receipt: receiptView(ledger, facts.payments, { locale, timeZone, messages }),
    notes: invoice.notes,
    terms: invoice.terms,
    // Edits bump invoice.version; payments and the calendar change the state and amounts.
    version: [invoice.id, invoice.version, state, ledger.received, ledger.refunded].join("."),
  };
}
