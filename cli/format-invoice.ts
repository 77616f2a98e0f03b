import {
  calendarDay,
  dateTime,
  day,
  type FormatOptions,
  type Invoice,
  type InvoicePage,
  money,
  type Preview,
  rows,
  type SendResult,
  type Timeline,
  table,
} from "./format";

// Human-readable invoices, lists, send results and timelines.

const STATE_LABELS: Record<string, string> = {
  draft: "Draft",
  due: "Due",
  overdue: "Overdue",
  nothing_due: "Nothing to pay",
  processing: "Processing",
  partially_paid: "Partly paid",
  paid: "Paid",
  partially_refunded: "Partly refunded",
  refunded: "Refunded",
  void: "Void",
};

export function viewedLine(invoice: Invoice, options: FormatOptions = {}): string {
  return invoice.first_viewed_at
    ? `Customer viewed on ${day(invoice.first_viewed_at, options)}`
    : "Not viewed yet";
}

/** "Refund due: $12.00 (paid after void)": money the owner holds and owes back, when there is. */
function refundLine(invoice: Invoice): [string, string][] {
  if (invoice.refund_due <= 0) return [];
  const why = invoice.status === "void" ? "paid after void" : "overpaid";
  return [["Refund due", `${money(invoice.refund_due, invoice.currency)} (${why})`]];
}

export function formatStatus(invoice: Invoice, options: FormatOptions = {}): string {
  const m = (amount: number) => money(amount, invoice.currency);
  const pairs: [string, string][] = [
    [
      "State",
      `${STATE_LABELS[invoice.state] ?? invoice.state}${invoice.status === "sent" ? "" : ` (${invoice.status})`}`,
    ],
    ["Total", m(invoice.total)],
    ["Paid", m(invoice.amount_paid)],
    // Given back by the business: shown, but never owed again, so the balance stays as it is.
    ...(invoice.amount_refunded > 0
      ? ([["Refunded", m(invoice.amount_refunded)]] as [string, string][])
      : []),
    // Taken back by the customer's bank; owed again (in the balance) only once the dispute is lost.
    ...(invoice.amount_disputed > 0
      ? ([["Disputed", m(invoice.amount_disputed)]] as [string, string][])
      : []),
    ["Balance", m(invoice.balance_due)],
    ...refundLine(invoice),
    ["Due", calendarDay(invoice.due_date)],
    ["Viewed", viewedLine(invoice, options)],
    ["Views", String(invoice.view_count)],
    ["Link", invoice.link?.portal_url ?? "No active link"],
  ];
  const payments = invoice.payments.map(
    (p) =>
      `  ${p.completed_at ? day(p.completed_at, options) : "—"}  ${m(p.amount)}  ${p.method ?? p.provider}  ${p.status}${p.reference ? `  ${p.reference}` : ""}`,
  );
  return [
    `Invoice ${invoice.number} for ${invoice.customer.name} (${invoice.id})`,
    rows(pairs),
    ...(payments.length ? ["Payments:", ...payments] : []),
  ].join("\n");
}

export function formatCreated(invoice: Invoice): string {
  return [
    `Created draft ${invoice.number} (${invoice.id}), total ${money(invoice.total, invoice.currency)}.`,
    `Send it with: npm run portal -- send ${invoice.number}`,
  ].join("\n");
}

export function formatSend(result: SendResult): string {
  return [
    result.created
      ? "A new link is active."
      : "The invoice already has this link; it is unchanged.",
    `Link: ${result.portal_url}`,
    "",
    "Text this to your customer:",
    `  ${result.text_message}`,
    "",
    `Preview (not counted as a view, valid 1 hour): ${result.preview_url}`,
  ].join("\n");
}

export function formatList(page: InvoicePage): string {
  if (page.data.length === 0) return "No invoices.";
  // The refund column only when some row has money to give back, so it stands out when it does.
  const refunds = page.data.some((row) => row.refund_due > 0);
  const body = page.data.map((row) => [
    row.number,
    row.customer.name,
    STATE_LABELS[row.state] ?? row.state,
    money(row.total, row.currency),
    money(row.balance_due, row.currency),
    ...(refunds ? [row.refund_due > 0 ? money(row.refund_due, row.currency) : ""] : []),
    row.due_date,
    row.viewed ? "Viewed" : "",
  ]);
  const header = ["NUMBER", "CUSTOMER", "STATE", "TOTAL", "BALANCE"];
  if (refunds) header.push("REFUND DUE");
  const text = table([...header, "DUE", "VIEWED"], body);
  return page.next_cursor ? `${text}\n\nMore: add --cursor ${page.next_cursor}` : text;
}

const EVENT_LABELS: Record<string, string> = {
  created: "Created",
  sent: "Sent",
  link_issued: "Link issued",
  link_revoked: "Link turned off",
  viewed: "Viewed by the customer",
  payment_started: "Payment started",
  payment_processing: "Payment processing",
  payment_succeeded: "Payment received",
  payment_failed: "Payment failed",
  payment_refunded: "Payment refunded",
  payment_disputed: "Payment disputed by the customer's bank",
  dispute_won: "Dispute won",
  dispute_lost: "Dispute lost",
  dispute_closed: "Dispute closed",
  voided: "Voided",
};

export function formatTimeline(timeline: Timeline, options: FormatOptions = {}): string {
  if (timeline.data.length === 0) return "Nothing has happened yet.";
  return timeline.data
    .map((e) => {
      const detail = e.detail ? ` (${e.detail})` : "";
      return `${dateTime(e.at, options)}  ${EVENT_LABELS[e.kind] ?? e.kind}${detail}`;
    })
    .join("\n");
}

export function formatPreview(preview: Preview, options: FormatOptions = {}): string {
  return `${preview.preview_url}\nOpening it never counts as a view. Valid until ${dateTime(preview.expires_at, options)}.`;
}
