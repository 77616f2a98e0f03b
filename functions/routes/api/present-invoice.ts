import type { z } from "zod";
import type { Invoice, Payment, PortalLink } from "../../../db/schema";
import { minorToDecimal } from "../../i18n/format";
import type { InvoiceDetail } from "../../invoices/get-invoice";
import type { OwnerStatus } from "../../invoices/owner-status";
import type {
  invoiceResponse,
  invoiceSummaryResponse,
  linkResponse,
  paymentResponse,
} from "./schemas/responses";

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** Thousandths as the shortest exact decimal: 8875 → "8.875", 50000 → "50". */
export function thousandthsToDecimal(value: number): string {
  return minorToDecimal(value, 3).replace(/\.?0+$/, "");
}

export function presentInvoiceSummary(
  invoice: Invoice,
  status: OwnerStatus,
): z.input<typeof invoiceSummaryResponse> {
  return {
    id: invoice.id,
    number: invoice.number,
    status: invoice.status,
    state: status.state,
    customer: {
      name: invoice.customerName,
      email: invoice.customerEmail,
      phone: invoice.customerPhone,
    },
    currency: invoice.currency,
    issue_date: invoice.issueDate,
    due_date: invoice.dueDate,
    total: status.ledger.total,
    amount_paid: status.ledger.received,
    amount_refunded: status.ledger.refunded,
    amount_disputed: status.ledger.disputed,
    balance_due: status.ledger.balanceDue,
    viewed: status.viewed,
    first_viewed_at: iso(invoice.firstViewedAt),
    paid: status.ledger.paid,
    overdue: status.overdue,
    refund_due: status.ledger.refundDue,
    sent_at: iso(invoice.sentAt),
    created_at: invoice.createdAt.toISOString(),
    updated_at: iso(invoice.updatedAt),
  };
}

export function presentLink(link: PortalLink, url: string | null): z.input<typeof linkResponse> {
  return { id: link.id, portal_url: url, created_at: link.createdAt.toISOString() };
}

export function presentPayment(p: Payment): z.input<typeof paymentResponse> {
  return {
    id: p.id,
    provider: p.provider,
    method: p.method,
    status: p.status,
    amount: p.amount,
    amount_refunded: p.amountRefunded,
    currency: p.currency,
    reference: p.reference,
    dispute:
      p.disputeId && p.disputeStatus
        ? {
            id: p.disputeId,
            status: p.disputeStatus,
            amount: p.disputeAmount,
            reason: p.disputeReason,
          }
        : null,
    created_at: p.createdAt.toISOString(),
    completed_at: iso(p.completedAt),
  };
}

export function presentInvoice(
  detail: InvoiceDetail,
  status: OwnerStatus,
  linkUrl: string | null,
): z.input<typeof invoiceResponse> {
  const { invoice } = detail;
  return {
    ...presentInvoiceSummary(invoice, status),
    locale: invoice.locale,
    version: invoice.version,
    amount_mode: invoice.amountMode,
    items:
      invoice.amountMode === "items"
        ? detail.items.map((item, i) => ({
            description: item.description,
            quantity: thousandthsToDecimal(item.quantity),
            unit_price: item.unitPrice,
            amount: status.totals.lineAmounts[i] ?? 0,
          }))
        : [],
    fixed_amount: invoice.amountMode === "fixed" ? invoice.fixedAmount : null,
    percent:
      invoice.amountMode === "percent"
        ? {
            rate: thousandthsToDecimal(invoice.percentRate ?? 0),
            base: invoice.percentBase ?? 0,
            label: invoice.percentLabel,
          }
        : null,
    tax:
      invoice.taxRate > 0 || invoice.taxLabel !== ""
        ? { rate: thousandthsToDecimal(invoice.taxRate), label: invoice.taxLabel }
        : null,
    discount:
      invoice.discountKind === "amount"
        ? { amount: invoice.discountValue }
        : invoice.discountKind === "percent"
          ? { percent: thousandthsToDecimal(invoice.discountValue) }
          : null,
    notes: invoice.notes,
    terms: invoice.terms,
    totals: {
      subtotal: status.totals.subtotal,
      discount: status.totals.discount,
      tax: status.totals.tax,
      total: status.totals.total,
    },
    payment_state: status.ledger.paymentState,
    view_count: detail.viewCount,
    last_viewed_at: iso(detail.lastViewedAt),
    voided_at: iso(invoice.voidedAt),
    link: detail.activeLink ? presentLink(detail.activeLink, linkUrl) : null,
    payments: detail.payments.map(presentPayment),
  };
}
