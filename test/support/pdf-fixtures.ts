import type { Db } from "../../db/client";
import {
  type Business,
  businesses,
  type Invoice,
  invoices,
  type LineItem,
  lineItems,
  type Payment,
  payments,
} from "../../db/schema";
import { newId } from "../../functions/domain/tokens";
import { sendInvoice } from "../../functions/invoices/send-invoice";
import { buildInvoiceView, type InvoiceFacts } from "../../functions/views/invoice-view";
import type { InvoiceView } from "../../functions/views/page-model";

// Invoices for PDF tests, the preview script and the benchmark: in memory (facts → view, no
// database) or stored (rows + a sent link). Each test states only what it cares about.

export const PDF_NOW = new Date("2026-11-25T18:00:00Z");

type ItemSpec = [description: string, quantity: number, unitPrice: number];

export interface PdfInvoiceSpec {
  business?: Partial<Business>;
  invoice?: Partial<Invoice>;
  items?: ItemSpec[];
  /** Succeeded payments, in minor units. */
  paid?: number[];
}

export function makeBusiness(overrides: Partial<Business> = {}): Business {
  return {
    id: newId("biz"),
    name: "Zoë Müller Plumbing & Heating",
    address: "1208 Harbor Street\nSuite 4\nOakland, CA 94607",
    phone: "(510) 555-0142",
    email: "billing@mueller-plumbing.example",
    website: "mueller-plumbing.example",
    logoUrl: null,
    brandColor: "#0e7490",
    accentColor: "#0f172a",
    defaultCurrency: "USD",
    defaultLocale: "en-US",
    timezone: "America/Los_Angeles",
    plan: "pro",
    stripeAccountId: null,
    stripeChargesEnabled: null,
    stripePayoutsEnabled: null,
    stripeRequirementsDue: "",
    createdAt: PDF_NOW,
    updatedAt: null,
    ...overrides,
  };
}

export function makeInvoice(businessId: string, overrides: Partial<Invoice> = {}): Invoice {
  return {
    id: newId("inv"),
    businessId,
    number: `INV-${Math.floor(Math.random() * 1e6)}`,
    status: "sent",
    customerName: "Agnieszka Wiśniewska",
    customerEmail: "agnieszka@example.com",
    customerPhone: "+1 510 555 0188",
    issueDate: "2026-11-18",
    dueDate: "2026-12-18",
    currency: "USD",
    locale: "en-US",
    amountMode: "items",
    fixedAmount: null,
    percentRate: null,
    percentBase: null,
    percentLabel: "",
    taxRate: 0,
    taxLabel: "",
    discountKind: "none",
    discountValue: 0,
    notes: "",
    terms: "",
    version: 1,
    sentAt: PDF_NOW,
    firstViewedAt: null,
    voidedAt: null,
    createdAt: PDF_NOW,
    updatedAt: null,
    ...overrides,
  };
}

export function manyItems(count: number): ItemSpec[] {
  return Array.from({ length: count }, (_, i) => [
    `Item ${i + 1}: ${i % 7 === 0 ? "inspection of the heating circuit, valves, pump and expansion vessel, with a written report" : "service visit"}`,
    1000 + (i % 4) * 500,
    2500 + i * 10,
  ]);
}

/** Facts as the database would return them, without a database. */
export function pdfFacts(spec: PdfInvoiceSpec = {}): InvoiceFacts {
  const business = makeBusiness(spec.business);
  const invoice = makeInvoice(business.id, spec.invoice);
  const items: LineItem[] = (spec.items ?? []).map(([description, quantity, unitPrice], i) => ({
    id: newId("li"),
    invoiceId: invoice.id,
    position: i,
    description,
    quantity,
    unitPrice,
  }));
  const paymentRows: Payment[] = (spec.paid ?? []).map((amount) => ({
    id: newId("pay"),
    invoiceId: invoice.id,
    provider: "offline",
    method: "check",
    status: "succeeded",
    amount,
    currency: invoice.currency,
    amountRefunded: 0,
    invoiceVersion: invoice.version,
    checkoutSessionId: null,
    checkoutUrl: null,
    stripeAccountId: null,
    paymentIntentId: null,
    reference: "",
    methodBrand: null,
    methodLast4: null,
    receiptNumber: null,
    disputeId: null,
    disputeStatus: null,
    disputeAmount: 0,
    disputeReason: "",
    createdAt: PDF_NOW,
    updatedAt: null,
    completedAt: new Date(PDF_NOW.getTime() - 86_400_000),
    expiresAt: null,
  }));
  return { invoice, business, snapshot: null, items, payments: paymentRows };
}

export function pdfView(spec: PdfInvoiceSpec = {}, now = PDF_NOW): InvoiceView {
  return buildInvoiceView(pdfFacts(spec), now);
}

/** Stores an invoice like `pdfFacts` describes and sends it; returns its portal token. */
export async function storePdfInvoice(
  db: Db,
  spec: PdfInvoiceSpec,
  signingSecret: string,
  now = PDF_NOW,
): Promise<{ token: string; invoiceId: string; number: string }> {
  const facts = pdfFacts(spec);
  await db.batch([
    db.insert(businesses).values(facts.business),
    db.insert(invoices).values({ ...facts.invoice, status: "draft", sentAt: null }),
    ...facts.items.map((item) => db.insert(lineItems).values(item)),
    ...facts.payments.map((payment) => db.insert(payments).values(payment)),
  ]);
  const sent = await sendInvoice(db, {
    businessId: facts.business.id,
    invoiceId: facts.invoice.id,
    newLink: false,
    signingSecret,
    now,
  });
  return { token: sent.token, invoiceId: facts.invoice.id, number: facts.invoice.number };
}

/** Text meant to break naive PDF code: emoji, bidi overrides, controls, a huge description. */
export const HOSTILE = {
  name: "Evil \u202eCorp\u202c 😈 <script>\u0000\u0007",
  description: `${"Ünïcödé ".repeat(10)}👨‍👩‍👧‍👦 🇪🇸 ☃\u200b\ufeff ${"x".repeat(300)} ${"Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(170)}`,
  notes:
    "Line one\r\nLine two\u2028Line three\tTabbed\u0085Next \ud800 lone surrogate 中文 עברית العربية",
};
