import { openToken } from "../domain/token-seal";
import type { Config } from "../env";
import { calendarDate, formatInstantDate, formatMoney } from "../i18n/format";
import { fill } from "../i18n/messages";
import type { OwnerMessages } from "../i18n/owner-messages";
import { ownerStatus } from "../invoices/owner-status";
import { PREVIEW_TTL_MS, portalUrl, previewUrl } from "../invoices/preview-link";
import { textMessage } from "../invoices/text-message";
import { brandingOf, buildInvoiceView } from "../views/invoice-view";
import type { DetailView, FieldError } from "../views/owner-page-model";
import type { OwnerDetail } from "./detail-read";
import { ownerLocale, stateBadge } from "./formatting";
import { reminderSms } from "./reminder-sms";
import { smsHref } from "./sms-href";

export interface DetailExtras {
  payment?: { values: Record<string, string>; errors: FieldError };
}

/**
 * The detail page: what the customer sees (lines and totals from the portal's own view), plus
 * the owner's figures from the same status function as the owner API (paid, balance, refund
 * due, state), views, payments, the timeline and the ways to share the link.
 */
export async function detailView(
  read: OwnerDetail & { detail: NonNullable<OwnerDetail["detail"]> },
  input: { t: OwnerMessages; lang: string; config: Config; now: Date; extras?: DetailExtras },
): Promise<DetailView> {
  const { t, config, now } = input;
  const { detail, session, snapshot } = read;
  const { invoice } = detail;
  const business = session.business;
  const locale = ownerLocale(business, input.lang);
  const zone = business.timezone;
  const money = (amount: number) => formatMoney(amount, invoice.currency, locale);
  const day = (at: Date) => formatInstantDate(at, locale, zone);
  const today = calendarDate(now, zone);
  const status = ownerStatus(invoice, detail.items, detail.payments, { now, timeZone: zone });
  const { ledger } = status;
  const customer = buildInvoiceView(
    { invoice, business, snapshot, items: detail.items, payments: detail.payments },
    now,
  );

  const totals: DetailView["totals"] = [customer.subtotal];
  if (customer.discount) totals.push(customer.discount);
  if (customer.tax) totals.push(customer.tax);
  totals.push({ ...customer.total, strong: true });
  if (ledger.received > 0) totals.push({ label: t.amountPaid, amount: money(ledger.received) });
  if (ledger.refunded > 0) {
    totals.push({ label: t.refundedLabel, amount: `−${money(ledger.refunded)}` });
  }
  if (ledger.disputed > 0) {
    totals.push({ label: t.disputedLabel, amount: `−${money(ledger.disputed)}` });
  }
  if (status.state !== "void") {
    totals.push({ label: t.balanceDue, amount: money(ledger.balanceDue), strong: true });
  }
  if (ledger.refundDue > 0) totals.push({ label: t.refundDue, amount: money(ledger.refundDue) });

  let share: DetailView["share"] = null;
  const token = detail.activeLink
    ? await openToken(config.SIGNING_SECRET, detail.activeLink.tokenSealed)
    : null;
  if (detail.activeLink && token) {
    const url = portalUrl(config.PUBLIC_BASE_URL, token);
    const text = {
      locale: invoice.locale,
      customerName: invoice.customerName,
      number: invoice.number,
      businessName: brandingOf({ business, snapshot }).businessName,
      url,
    };
    const message = textMessage(text);
    const expires = new Date(now.getTime() + PREVIEW_TTL_MS);
    share = {
      url,
      message,
      smsHref: smsHref(invoice.customerPhone, message),
      // Only while the ledger says overdue: a reminder of money not yet late would be rude.
      reminderHref: status.overdue
        ? reminderSms(invoice, {
            businessName: text.businessName,
            balanceDue: ledger.balanceDue,
            url,
          })
        : null,
      previewHref: await previewUrl(
        config.PUBLIC_BASE_URL,
        config.SIGNING_SECRET,
        { id: detail.activeLink.id, token },
        expires,
      ),
      pdfHref: `${url}/pdf`,
    };
  }

  const paid = ledger.received > 0 || ledger.processing;
  return {
    name: "detail",
    id: invoice.id,
    number: invoice.number,
    state: stateBadge(status.state, t),
    viewed: invoice.firstViewedAt
      ? fill(t.customerViewedOn, { date: day(invoice.firstViewedAt) })
      : t.notViewedYet,
    viewStats:
      detail.viewCount > 1 && detail.lastViewedAt
        ? fill(t.viewCount, { count: String(detail.viewCount), date: day(detail.lastViewedAt) })
        : detail.viewCount === 1
          ? t.viewCountOne
          : null,
    customer: customer.customer,
    issueDate: customer.issueDate,
    dueDate: customer.dueDate,
    lines: customer.lines,
    amountDescription: customer.amountDescription,
    totals,
    payments: detail.payments.map((p) => ({
      date: day(p.completedAt ?? p.createdAt),
      method: p.method ? t[`method_${p.method}`] : "",
      amount: money(p.amount),
      status: [
        t[`pay_${p.status}`],
        p.amountRefunded > 0 ? fill(t.refunded, { amount: money(p.amountRefunded) }) : null,
        p.disputeStatus
          ? fill(t[`dispute_${p.disputeStatus}`], { amount: money(p.disputeAmount) })
          : null,
      ]
        .filter(Boolean)
        .join(" · "),
      reference: p.reference,
    })),
    timeline: read.events.map((e) => ({ date: day(e.at), text: t[`ev_${e.kind}`] })),
    notes: invoice.notes,
    terms: invoice.terms,
    share,
    canSend: invoice.status === "draft",
    linkRevoked: invoice.status === "sent" && !detail.activeLink,
    canVoid: invoice.status !== "void" && !paid,
    canEdit: invoice.status !== "void" && !paid,
    canPay: invoice.status !== "void" && ledger.balanceDue > 0 && !ledger.processing,
    payment: {
      values: input.extras?.payment?.values ?? { method: "cash" },
      errors: input.extras?.payment?.errors ?? {},
      today,
      currency: invoice.currency,
    },
  };
}
