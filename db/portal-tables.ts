// The tables a customer's link reads and writes: businesses, invoices and what they hold, links,
// views, payments and the events of both. Everything a portal view, the PDF, Pay Now and the
// webhook need, and nothing else, so that only these are built when the Worker starts; the
// owner's tables are in owner-tables.ts, loaded with the owner's routes. db/schema.ts is both.
import { sql } from "drizzle-orm";
import { blob, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

// Closed sets, shared by the schema, validation and the view models.
export const PLANS = ["free", "pro"] as const;
export const AMOUNT_MODES = ["items", "fixed", "percent"] as const;
export const DISCOUNT_KINDS = ["none", "amount", "percent"] as const;
export const INVOICE_STATUSES = ["draft", "sent", "void"] as const;
export const LINK_END_REASONS = ["rotated", "revoked"] as const;
export const CLIENT_KINDS = ["phone", "tablet", "desktop", "unknown"] as const;
export const PAYMENT_PROVIDERS = ["stripe", "offline"] as const;
export const PAYMENT_METHODS = ["card", "us_bank_account", "cash", "check", "other"] as const;
// open: a Checkout Session the customer may still complete; processing: a bank debit on its way.
export const PAYMENT_STATUSES = ["open", "processing", "succeeded", "failed", "expired"] as const;
// Stripe's dispute statuses: `warning_*` are inquiries (no money moves), the rest chargebacks.
export const DISPUTE_STATUSES = [
  "warning_needs_response",
  "warning_under_review",
  "warning_closed",
  "needs_response",
  "under_review",
  "won",
  "lost",
  "prevented",
] as const;
export const TIMELINE_KINDS = [
  "created",
  "sent",
  "link_issued",
  "link_revoked",
  "viewed",
  "payment_started",
  "payment_processing",
  "payment_succeeded",
  "payment_failed",
  "payment_refunded",
  "payment_disputed",
  "dispute_won",
  "dispute_lost",
  "dispute_closed",
  "voided",
] as const;

/** When a row was made, set by the database. */
export const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(CAST(unixepoch('subsec') * 1000 AS INTEGER))`);

export const businesses = sqliteTable("businesses", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  address: text("address").notNull().default(""),
  phone: text("phone").notNull().default(""),
  email: text("email").notNull().default(""),
  website: text("website").notNull().default(""),
  // Current branding; invoices keep the copy taken when they were sent.
  logoUrl: text("logo_url"),
  brandColor: text("brand_color").notNull().default("#1f4fd1"),
  accentColor: text("accent_color").notNull().default("#0f172a"),
  defaultCurrency: text("default_currency").notNull().default("USD"),
  defaultLocale: text("default_locale").notNull().default("en-US"),
  timezone: text("timezone").notNull().default("UTC"),
  plan: text("plan", { enum: PLANS }).notNull().default("free"),
  // Stripe Connect account for direct charges; null uses the platform account when Stripe is set.
  stripeAccountId: text("stripe_account_id"),
  // The connected account's readiness, from Stripe's `account.updated` on the Connect endpoint.
  // null: never reported (an account linked by hand keeps today's behaviour, Pay Now offered);
  // false until Stripe lets an account made through onboarding take charges.
  stripeChargesEnabled: integer("stripe_charges_enabled", { mode: "boolean" }),
  stripePayoutsEnabled: integer("stripe_payouts_enabled", { mode: "boolean" }),
  // What Stripe still needs (requirements.currently_due), comma-separated.
  stripeRequirementsDue: text("stripe_requirements_due").notNull().default(""),
  createdAt: createdAt(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
});

// Logo images uploaded by a business, served from our own origin so the page never loads
// third-party content chosen by whoever typed the branding.
export const logoImages = sqliteTable("logo_images", {
  id: text("id").primaryKey(),
  businessId: text("business_id")
    .notNull()
    .references(() => businesses.id),
  contentType: text("content_type").notNull(),
  bytes: blob("bytes", { mode: "buffer" }).notNull(),
  createdAt: createdAt(),
});
export const invoices = sqliteTable(
  "invoices",
  {
    id: text("id").primaryKey(),
    businessId: text("business_id")
      .notNull()
      .references(() => businesses.id),
    number: text("number").notNull(),
    status: text("status", { enum: INVOICE_STATUSES }).notNull().default("draft"),
    customerName: text("customer_name").notNull().default(""),
    customerEmail: text("customer_email").notNull().default(""),
    customerPhone: text("customer_phone").notNull().default(""),
    // Calendar dates (YYYY-MM-DD): an invoice is due on a day, not at an instant.
    issueDate: text("issue_date").notNull(),
    dueDate: text("due_date").notNull(),
    currency: text("currency").notNull(),
    locale: text("locale").notNull(),
    amountMode: text("amount_mode", { enum: AMOUNT_MODES }).notNull().default("items"),
    // Money is integer minor units of `currency`; rates are thousandths of a percent
    // (8.875% = 8875) so common tax rates are exact.
    fixedAmount: integer("fixed_amount"),
    percentRate: integer("percent_rate"),
    percentBase: integer("percent_base"),
    percentLabel: text("percent_label").notNull().default(""),
    taxRate: integer("tax_rate").notNull().default(0),
    taxLabel: text("tax_label").notNull().default(""),
    discountKind: text("discount_kind", { enum: DISCOUNT_KINDS }).notNull().default("none"),
    discountValue: integer("discount_value").notNull().default(0),
    notes: text("notes").notNull().default(""),
    terms: text("terms").notNull().default(""),
    // Bumped on every edit of what the customer owes: ETags and stale Checkout Sessions use it.
    version: integer("version").notNull().default(1),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    firstViewedAt: integer("first_viewed_at", { mode: "timestamp_ms" }),
    voidedAt: integer("voided_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    // Invoice numbers are what owners and customers quote; they must not repeat in a business.
    uniqueIndex("invoices_business_number_unique").on(t.businessId, t.number),
    // The owner's list pages through a business's invoices newest first.
    index("invoices_business_created_idx").on(t.businessId, t.createdAt, t.id),
  ],
);

export const lineItems = sqliteTable(
  "line_items",
  {
    id: text("id").primaryKey(),
    invoiceId: text("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    description: text("description").notNull(),
    // Thousandths, so 1.5 hours is 1500: quantities are exact without floats.
    quantity: integer("quantity").notNull(),
    unitPrice: integer("unit_price").notNull(),
  },
  (t) => [
    // Items are always read in order for one invoice.
    uniqueIndex("line_items_invoice_position_unique").on(t.invoiceId, t.position),
  ],
);

// Who the business was, and how it looked, when the invoice was sent. The portal and the PDF
// read only this, so later branding edits never change an invoice already sent.
export const invoiceSnapshots = sqliteTable("invoice_snapshots", {
  invoiceId: text("invoice_id")
    .primaryKey()
    .references(() => invoices.id, { onDelete: "cascade" }),
  businessName: text("business_name").notNull(),
  address: text("address").notNull(),
  phone: text("phone").notNull(),
  email: text("email").notNull(),
  website: text("website").notNull(),
  logoUrl: text("logo_url"),
  brandColor: text("brand_color").notNull(),
  accentColor: text("accent_color").notNull(),
  takenAt: integer("taken_at", { mode: "timestamp_ms" }).notNull(),
});

export const portalLinks = sqliteTable(
  "portal_links",
  {
    id: text("id").primaryKey(),
    invoiceId: text("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "cascade" }),
    // SHA-256 of the token, hex: requests are resolved by this alone.
    tokenHash: text("token_hash").notNull(),
    // The token sealed with AES-GCM under a key derived from SIGNING_SECRET, so the owner can
    // be shown the same link again; without the Worker's secret a leaked database opens nothing.
    tokenSealed: text("token_sealed").notNull(),
    createdAt: createdAt(),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    endReason: text("end_reason", { enum: LINK_END_REASONS }),
  },
  (t) => [
    // Every portal request resolves a link by the hash of its token.
    uniqueIndex("portal_links_token_hash_unique").on(t.tokenHash),
    // At most one active link per invoice, enforced by the database, not only by code.
    uniqueIndex("portal_links_one_active_per_invoice")
      .on(t.invoiceId)
      .where(sql`revoked_at IS NULL`),
  ],
);

export const views = sqliteTable(
  "views",
  {
    id: text("id").primaryKey(),
    invoiceId: text("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "cascade" }),
    linkId: text("link_id")
      .notNull()
      .references(() => portalLinks.id, { onDelete: "cascade" }),
    viewedAt: integer("viewed_at", { mode: "timestamp_ms" }).notNull(),
    clientKind: text("client_kind", { enum: CLIENT_KINDS }).notNull(),
  },
  (t) => [
    // The owner reads an invoice's views (count, latest) on its detail.
    index("views_invoice_idx").on(t.invoiceId, t.viewedAt),
  ],
);

export const payments = sqliteTable(
  "payments",
  {
    id: text("id").primaryKey(),
    invoiceId: text("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "cascade" }),
    provider: text("provider", { enum: PAYMENT_PROVIDERS }).notNull(),
    method: text("method", { enum: PAYMENT_METHODS }),
    status: text("status", { enum: PAYMENT_STATUSES }).notNull(),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    amountRefunded: integer("amount_refunded").notNull().default(0),
    // The invoice version the amount was computed from: a session for an old amount is stale.
    invoiceVersion: integer("invoice_version").notNull(),
    checkoutSessionId: text("checkout_session_id"),
    checkoutUrl: text("checkout_url"),
    stripeAccountId: text("stripe_account_id"),
    paymentIntentId: text("payment_intent_id"),
    reference: text("reference").notNull().default(""),
    // For the customer's receipt, from the charge at fulfilment: the card's brand or the bank's
    // name, the last four digits, and Stripe's receipt number (set once Stripe emails a receipt).
    methodBrand: text("method_brand"),
    methodLast4: text("method_last4"),
    receiptNumber: text("receipt_number"),
    // The charge's dispute, as Stripe last reported it (a charge can be disputed only once; an
    // inquiry that becomes a chargeback replaces it). The ledger reads status and amount.
    disputeId: text("dispute_id"),
    disputeStatus: text("dispute_status", { enum: DISPUTE_STATUSES }),
    disputeAmount: integer("dispute_amount").notNull().default(0),
    disputeReason: text("dispute_reason").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
    completedAt: integer("completed_at", { mode: "timestamp_ms" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    // Webhooks find the payment by its Checkout Session.
    uniqueIndex("payments_checkout_session_unique").on(t.checkoutSessionId),
    // Refund events carry the PaymentIntent, not the session.
    index("payments_payment_intent_idx").on(t.paymentIntentId),
    index("payments_invoice_idx").on(t.invoiceId),
    // No double payment: one open or processing online payment per invoice at a time.
    uniqueIndex("payments_one_in_flight_per_invoice")
      .on(t.invoiceId)
      .where(sql`provider = 'stripe' AND status IN ('open', 'processing')`),
  ],
);

// Stripe event ids already applied; written in the same batch as the event's effect.
export const stripeEvents = sqliteTable("stripe_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  processedAt: integer("processed_at", { mode: "timestamp_ms" }).notNull(),
});

// What happened to an invoice, in order, for the owner's timeline.
export const invoiceEvents = sqliteTable(
  "invoice_events",
  {
    id: text("id").primaryKey(),
    invoiceId: text("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: TIMELINE_KINDS }).notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    detail: text("detail").notNull().default(""),
  },
  (t) => [
    // The timeline is read per invoice in time order.
    index("invoice_events_invoice_idx").on(t.invoiceId, t.at),
  ],
);
export type Business = typeof businesses.$inferSelect;
export type Invoice = typeof invoices.$inferSelect;
export type LineItem = typeof lineItems.$inferSelect;
export type InvoiceSnapshot = typeof invoiceSnapshots.$inferSelect;
export type PortalLink = typeof portalLinks.$inferSelect;
export type Payment = typeof payments.$inferSelect;
