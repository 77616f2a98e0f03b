import type { OwnerMessages } from "../i18n/owner-messages";

// What the owner app's pages render. Built by the Hono handlers from one database read; every
// string is final (money and dates formatted), so templates only place text.

export interface OwnerChrome {
  lang: string;
  t: OwnerMessages;
  /** Nonce of the page's inline scripts, matching its CSP header. */
  nonce: string;
  title: string;
  /** The signed-in business; null on the sign-in and setup pages. */
  businessName: string | null;
  nav: "invoices" | "settings" | "keys" | "devices" | null;
  /** A one-line confirmation after an action ("Payment recorded."). */
  notice: string | null;
}

export type BadgeTone = "neutral" | "due" | "late" | "good" | "muted";

export interface Badge {
  label: string;
  tone: BadgeTone;
}

export interface ListRowView {
  href: string;
  number: string;
  customer: string;
  total: string;
  balance: string | null;
  due: string;
  state: Badge;
  viewed: boolean;
  /** "Text a reminder" (an `sms:` link), only on an overdue invoice with an active link. */
  reminderHref: string | null;
}

export interface ListView {
  name: "list";
  outstanding: { currency: string; due: string; overdue: string }[];
  filters: { name: string; label: string; href: string; current: boolean }[];
  search: string;
  filter: string;
  rows: ListRowView[];
  nextHref: string | null;
  firstHref: string | null;
}

export interface FieldError {
  [field: string]: string;
}

export interface DetailView {
  name: "detail";
  id: string;
  number: string;
  state: Badge;
  viewed: string;
  viewStats: string | null;
  customer: { name: string; email: string; phone: string };
  issueDate: string;
  dueDate: string;
  lines: { description: string; quantity: string; unitPrice: string; amount: string }[];
  amountDescription: string | null;
  totals: { label: string; amount: string; strong?: boolean }[];
  payments: { date: string; method: string; amount: string; status: string; reference: string }[];
  timeline: { date: string; text: string }[];
  notes: string;
  terms: string;
  /** The customer's link and what to share it with, when the invoice has an active link. */
  share: {
    url: string;
    smsHref: string | null;
    /** "Text a reminder": an `sms:` link with the balance due, only while the invoice is overdue. */
    reminderHref: string | null;
    message: string;
    previewHref: string;
    pdfHref: string;
  } | null;
  canSend: boolean;
  linkRevoked: boolean;
  canVoid: boolean;
  canEdit: boolean;
  canPay: boolean;
  payment: { values: Record<string, string>; errors: FieldError; today: string; currency: string };
}

export interface FormItem {
  description: string;
  quantity: string;
  unitPrice: string;
}

export interface InvoiceFormView {
  name: "invoice_form";
  action: string;
  heading: string;
  cancelHref: string;
  values: Record<string, string>;
  items: FormItem[];
  errors: FieldError;
  currencyDigits: number;
}

export interface QrView {
  name: "qr";
  backHref: string;
  heading: string;
  svg: string;
  url: string;
}

export interface SignInView {
  name: "sign_in";
  error: string | null;
}

export interface SetupView {
  name: "setup";
  token: string;
  businessName: string;
}

export interface SettingsView {
  name: "settings";
  values: Record<string, string>;
  errors: FieldError;
  logoUrl: string | null;
  plan: string;
  /** Where online payments stand, linking to their page. */
  payments: Badge;
  preview: { name: string; brand: string; onBrand: string; accent: string };
  warnings: string[];
}

/** Online payments: where the business's Stripe setup stands, and the way (back) into it. */
export interface PaymentsView {
  name: "payments";
  badge: Badge;
  /** Plain sentences about the state, in order. */
  lines: string[];
  /** What Stripe still needs, one readable line per kind of thing. */
  requirements: string[];
  /** "Stripe account: acct_…", when the business has one. */
  account: string | null;
  /** Pay Now is a Pro feature: said here so a Free business knows why none shows. */
  freePlan: boolean;
  /** The button into Stripe's onboarding, or null when there is nothing to do there. */
  button: string | null;
  /** Stripe has yet to decide: the page offers to look again. */
  pending: boolean;
}

export interface KeysView {
  name: "keys";
  newKey: string | null;
  keys: { id: string; name: string; prefix: string; created: string; lastUsed: string | null }[];
  errors: FieldError;
}

export interface DevicesView {
  name: "devices";
  passkeys: { id: string; name: string; created: string; lastUsed: string | null }[];
  sessions: {
    id: string;
    label: string;
    created: string;
    current: boolean;
    /** The device turned notifications on. */
    notifications: boolean;
  }[];
  setupLink: { url: string; svg: string } | null;
  error: string | null;
  /** Web Push: the VAPID public key the browser subscribes with; null when push is not set up. */
  push: { publicKey: string; on: boolean } | null;
}

export interface MessageView {
  name: "message";
  heading: string;
  body: string;
  link: { href: string; label: string } | null;
}

export type OwnerView =
  | ListView
  | DetailView
  | InvoiceFormView
  | QrView
  | SignInView
  | SetupView
  | SettingsView
  | PaymentsView
  | KeysView
  | DevicesView
  | MessageView;

export interface OwnerPage {
  kind: "owner";
  status: 200 | 400 | 403 | 404 | 410 | 422 | 429 | 503;
  chrome: OwnerChrome;
  view: OwnerView;
}
