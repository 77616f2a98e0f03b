import type { CustomerState } from "../domain/ledger";
import type { Messages } from "../i18n/messages";

// What the portal page and the PDF render. Built once by a handler from one database read;
// every string is final (formatted for the invoice's locale and currency), so templates only
// place text and never compute money or dates.

/** The state the page and the PDF show: the ledger's, never recomputed here. */
export type InvoiceState = CustomerState;

export interface BusinessView {
  name: string;
  /** Postal address lines, as typed. */
  addressLines: string[];
  phone: string;
  /** `tel:` URL with only dialable characters, or null when the phone has none. */
  phoneHref: string | null;
  email: string;
  emailHref: string | null;
  website: string;
  /** Only http(s) URLs survive; anything else is dropped. */
  websiteHref: string | null;
  /** Same-origin path of a stored logo, or an https URL; null when none. */
  logoUrl: string | null;
  /** Validated #rrggbb colours, and a text colour that keeps AA contrast on the brand colour. */
  brandColor: string;
  onBrandColor: string;
  accentColor: string;
}

export interface LineView {
  description: string;
  quantity: string;
  unitPrice: string;
  amount: string;
}

export interface TotalRow {
  label: string;
  amount: string;
}

/** One payment on the receipt: every value final text, each with its label. */
export interface ReceiptLine {
  paidOn: string;
  amount: string;
  method: string;
  /** Stripe's receipt number, or the reference of the payment; null when there is none. */
  reference: { label: string; value: string } | null;
}

/** Shown once the invoice is paid: the payments that paid it, oldest first. */
export interface ReceiptView {
  heading: string;
  labels: { paidOn: string; amount: string; method: string };
  lines: ReceiptLine[];
}

export interface InvoiceView {
  /** BCP 47 locale used for formatting, and the language of the labels for `lang`. */
  locale: string;
  lang: string;
  currency: string;
  number: string;
  issueDate: string;
  dueDate: string;
  state: InvoiceState;
  /** Short word for the badge ("Paid") and a sentence that says what it means. */
  stateLabel: string;
  stateDetail: string;
  customer: { name: string; email: string; phone: string };
  business: BusinessView;
  amountMode: "items" | "fixed" | "percent";
  lines: LineView[];
  /** For fixed and percent modes: the sentence that describes the amount ("50% deposit of …"). */
  amountDescription: string | null;
  subtotal: TotalRow;
  discount: TotalRow | null;
  tax: TotalRow | null;
  total: TotalRow;
  amountPaid: TotalRow | null;
  balanceDue: TotalRow;
  /** The receipt, once the ledger says the invoice is paid; null before. */
  receipt: ReceiptView | null;
  notes: string;
  terms: string;
  /** Content version: changes whenever anything shown changes (ETag for the PDF). */
  version: string;
}

export interface PortalLinks {
  pdf: string;
  /** Form action for Pay Now, present only when the invoice can be paid online now. */
  pay: string | null;
  /** Beacon endpoint; null in owner preview so the owner's own look never counts as a view. */
  seen: string | null;
}

export interface InvoicePage {
  kind: "invoice";
  status: 200;
  invoice: InvoiceView;
  links: PortalLinks;
  messages: Messages;
  /** The Pay Now button's words, with the amount Checkout charges; null without a button. */
  payLabel: string | null;
  /** Instead of Pay Now, when the balance is below what Stripe can charge: how to pay. */
  payOffline: string | null;
  /** "Powered by" badge on the Free plan; null on Pro. */
  badge: { name: string; url: string | null } | null;
  /** Banner after returning from Checkout, from stored state (never from the query string). */
  notice: "payment_received" | "payment_processing" | "payment_canceled" | null;
  preview: boolean;
  /** Nonce for the one inline script (the view beacon), matching the CSP header. */
  scriptNonce: string;
}

export interface RevokedPage {
  kind: "revoked";
  status: 410;
  lang: string;
  messages: Messages;
  business: BusinessView;
  invoiceNumber: string;
}

export interface ErrorPage {
  kind: "not_found" | "unavailable";
  status: 404 | 503;
  lang: string;
  messages: Messages;
}

export type PortalPage = InvoicePage | RevokedPage | ErrorPage;
