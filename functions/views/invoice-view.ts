import type { Business, Invoice, InvoiceSnapshot, LineItem, Payment } from "../../db/schema";
import { type PaymentSummary, summarizePayments } from "../domain/payment-state";
import { computeTotals, type Totals } from "../domain/totals";
import {
  calendarDate,
  formatDate,
  formatInstantDate,
  formatMoney,
  formatQuantity,
  formatRate,
  safeLocale,
} from "../i18n/format";
import { fill, languageOf, type Messages, messagesFor } from "../i18n/messages";
import { businessView } from "./business-view";
import type { InvoiceState, InvoiceView } from "./page-model";
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

export function invoiceState(
  invoice: Pick<Invoice, "status" | "dueDate">,
  summary: PaymentSummary,
  today: string,
): InvoiceState {
  if (invoice.status === "void") return "void";
  if (summary.state === "unpaid") {
    // A total of 0 (a 100% discount) is nothing to pay: neither due nor ever late. Once money
    // was received it is paid (or refunded) like any other invoice, with any refund due shown
    // to the owner.
    if (summary.balanceDue === 0) return "nothing_due";
    return invoice.dueDate < today ? "overdue" : "due";
  }
  if (summary.state === "partially_paid" && invoice.dueDate < today) return "overdue";
  return summary.state;
}

/** Everything the page and the PDF show about an invoice, formatted for its locale. */
export function buildInvoiceView(facts: InvoiceFacts, now: Date): InvoiceView {
  const { invoice } = facts;
  const locale = safeLocale(invoice.locale);
  const messages: Messages = messagesFor(locale);
  const money = (amount: number) => formatMoney(amount, invoice.currency, locale);
  const totals = invoiceTotals(facts);
  const summary = summarizePayments(totals.total, facts.payments);
  const timeZone = facts.business.timezone;
  const state = invoiceState(invoice, summary, calendarDate(now, timeZone));

  // A refund is money the business chose to give back, not money the customer owes again: once
  // there are refunds, "amount paid" is what was received and the balance is what never was.
  const hasRefunds = summary.amountRefunded > 0;
  const amountPaid = hasRefunds ? summary.amountPaid + summary.amountRefunded : summary.amountPaid;
  let balanceDue = hasRefunds ? Math.max(0, totals.total - amountPaid) : summary.balanceDue;
  if (state === "void" || state === "refunded") balanceDue = 0;

  const detailValues = {
    date: formatDate(invoice.dueDate, locale),
    paid: money(summary.amountPaid),
    balance: money(summary.balanceDue),
    refunded: money(summary.amountRefunded),
  };
  let stateDetail = fill(messages[`detail_${state}`], detailValues);
  if (state === "paid") {
    stateDetail = summary.paidAt
      ? fill(messages.detail_paid, { date: formatInstantDate(summary.paidAt, locale, timeZone) })
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
    amountPaid: amountPaid > 0 ? { label: messages.amountPaid, amount: money(amountPaid) } : null,
    balanceDue: { label: messages.balanceDue, amount: money(balanceDue) },
    notes: invoice.notes,
    terms: invoice.terms,
    // Edits bump invoice.version; payments and the calendar change the state and amounts.
    version: [invoice.id, invoice.version, state, summary.amountPaid, summary.amountRefunded].join(
      ".",
    ),
  };
}
