import { fill, type Messages, messagesFor } from "../i18n/messages";
import { readableOnWhite } from "../views/business-view";
import type { InvoiceView, ReceiptView } from "../views/page-model";
import { sanitizeLine, sanitizeText } from "./sanitize";
import { STAMPS } from "./theme";

// What the PDF says, taken from the same view model as the page: every string already
// formatted for the invoice's locale and currency, here only made safe to draw (sanitised)
// and arranged. No money or dates are computed here.

export interface PdfRow {
  description: string;
  quantity: string;
  unitPrice: string;
  amount: string;
}

export interface PdfTotal {
  label: string;
  amount: string;
  emphasis: "none" | "strong" | "band";
}

export interface PdfContent {
  lang: string;
  locale: string;
  title: string;
  heading: string;
  number: string;
  meta: { label: string; value: string }[];
  business: { name: string; lines: string[] };
  billTo: { label: string; lines: string[] };
  balance: { label: string; amount: string };
  /** Line items, or the one row of a fixed or percent amount (without qty and unit price). */
  itemized: boolean;
  columns: PdfRow;
  rows: PdfRow[];
  totals: PdfTotal[];
  sections: { heading: string; text: string }[];
  stamp: { text: string; state: keyof typeof STAMPS } | null;
  pageOf: (page: number, pages: number) => string;
  colors: { brand: string; onBrand: string; brandText: string; accent: string };
}

/** The receipt as lines of "Label: value", one block per payment, for a text section. */
function receiptText(receipt: ReceiptView): string {
  return receipt.lines
    .map((entry) =>
      [
        `${receipt.labels.paidOn}: ${entry.paidOn}`,
        `${receipt.labels.amount}: ${entry.amount}`,
        `${receipt.labels.method}: ${entry.method}`,
        ...(entry.reference ? [`${entry.reference.label}: ${entry.reference.value}`] : []),
      ].join("\n"),
    )
    .join("\n\n");
}

export function pdfContent(view: InvoiceView, messages: Messages = messagesFor(view.locale)) {
  const { business } = view;
  const line = sanitizeLine;
  const number = line(view.number);
  const stamp = STAMPS[view.state];
  const totals: PdfTotal[] = [{ ...view.subtotal, emphasis: "none" }];
  if (view.discount) totals.push({ ...view.discount, emphasis: "none" });
  if (view.tax) totals.push({ ...view.tax, emphasis: "none" });
  totals.push({ ...view.total, emphasis: "strong" });
  // Subtracted from the total, so signed as on the page (the discount's amount already is).
  if (view.amountPaid) {
    totals.push({ ...view.amountPaid, amount: `−${view.amountPaid.amount}`, emphasis: "none" });
  }
  totals.push({ ...view.balanceDue, emphasis: "band" });

  const content: PdfContent = {
    lang: view.lang,
    locale: view.locale,
    title: line(fill(messages.pdfTitle, { number })),
    heading: line(messages.invoice),
    number,
    meta: [
      { label: messages.invoiceNumber, value: number },
      { label: messages.issueDate, value: view.issueDate },
      { label: messages.dueDate, value: view.dueDate },
      { label: messages.status, value: view.stateLabel },
    ].map((row) => ({ label: line(row.label), value: line(row.value) })),
    business: {
      name: line(business.name),
      lines: [...business.addressLines, business.phone, business.email, business.website]
        .map(line)
        .filter(Boolean),
    },
    billTo: {
      label: line(messages.billTo),
      lines: [view.customer.name, view.customer.email, view.customer.phone]
        .map(line)
        .filter(Boolean),
    },
    balance: { label: line(view.balanceDue.label), amount: line(view.balanceDue.amount) },
    itemized: view.amountMode === "items",
    columns: {
      description: line(messages.description),
      quantity: line(messages.quantity),
      unitPrice: line(messages.unitPrice),
      amount: line(messages.amount),
    },
    rows:
      view.amountMode === "items"
        ? view.lines.map((row) => ({
            description: sanitizeText(row.description),
            quantity: line(row.quantity),
            unitPrice: line(row.unitPrice),
            amount: line(row.amount),
          }))
        : [
            {
              description: sanitizeText(view.amountDescription ?? messages.fixedAmount),
              quantity: "",
              unitPrice: "",
              amount: line(view.subtotal.amount),
            },
          ],
    totals: totals.map((row) => ({ ...row, label: line(row.label), amount: line(row.amount) })),
    sections: [
      ...(view.receipt
        ? [
            {
              heading: line(view.receipt.heading),
              text: sanitizeText(receiptText(view.receipt)),
            },
          ]
        : []),
      { heading: line(messages.notes), text: sanitizeText(view.notes) },
      { heading: line(messages.terms), text: sanitizeText(view.terms) },
    ].filter((section) => section.text),
    stamp: stamp
      ? { text: line(messages[stamp.key]), state: view.state as keyof typeof STAMPS }
      : null,
    pageOf: (page, pages) => fill(messages.pageOf, { page: String(page), pages: String(pages) }),
    colors: {
      brand: business.brandColor,
      onBrand: business.onBrandColor,
      brandText: readableOnWhite(business.brandColor),
      accent: business.accentColor,
    },
  };
  return content;
}

/** Every string the PDF may draw, so the fonts it needs can be loaded before drawing. */
export function allText(content: PdfContent): string[] {
  return [
    content.title,
    content.heading,
    ...content.meta.flatMap((row) => [row.label, row.value]),
    content.business.name,
    ...content.business.lines,
    content.billTo.label,
    ...content.billTo.lines,
    content.balance.label,
    content.balance.amount,
    ...Object.values(content.columns),
    ...content.rows.flatMap((row) => Object.values(row)),
    ...content.totals.flatMap((row) => [row.label, row.amount]),
    ...content.sections.flatMap((section) => [section.heading, section.text]),
    content.stamp?.text ?? "",
    content.pageOf(10, 10),
  ];
}
