import { z } from "zod";
import {
  DISPUTE_STATUSES,
  INVOICE_STATUSES,
  PAYMENT_METHODS,
  PAYMENT_PROVIDERS,
  PAYMENT_STATUSES,
  PLANS,
  TIMELINE_KINDS,
} from "../../../../db/schema";
import { ERROR_STATUS, type ErrorCode } from "../../../http/errors";
import { OWNER_STATES } from "../../../invoices/owner-status";

// What the API answers. The OpenAPI document is generated from these, and the route tests parse
// real answers with them, so the document cannot drift from the behaviour.

const instant = z.iso.datetime().meta({ description: "A UTC instant, ISO 8601." });
const day = z.iso.date();
const minor = z.int().meta({ description: "Money in minor units of the currency." });
const decimal = z.string().meta({ description: 'An exact decimal, e.g. "8.875" or "1.5".' });

export const businessResponse = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  phone: z.string(),
  email: z.string(),
  website: z.string(),
  logo_url: z.string().nullable(),
  brand_color: z.string(),
  accent_color: z.string(),
  default_currency: z.string(),
  default_locale: z.string(),
  timezone: z.string(),
  plan: z.enum(PLANS),
  stripe_account_id: z.string().nullable(),
  stripe_account_status: z
    .object({
      charges_enabled: z.boolean(),
      payouts_enabled: z.boolean(),
      requirements_due: z.array(z.string()),
    })
    .nullable()
    .meta({
      description:
        "The connected account's readiness as Stripe last reported it (account.updated); null " +
        "when none was reported (no account, or one linked by hand). Pay Now waits for " +
        "`charges_enabled`.",
    }),
  created_at: instant,
  updated_at: instant.nullable(),
});

export const apiKeyResponse = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().meta({ description: "The key's first characters, to tell keys apart." }),
  created_at: instant,
  last_used_at: instant.nullable().meta({ description: "Updated at most once a minute." }),
  revoked_at: instant.nullable(),
});

export const createdKeyResponse = apiKeyResponse.extend({
  key: z.string().meta({ description: "The secret key. Shown only in this answer." }),
});

export const keyListResponse = z.object({ data: z.array(apiKeyResponse) });

const customer = z.object({ name: z.string(), email: z.string(), phone: z.string() });

export const invoiceSummaryResponse = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(INVOICE_STATUSES).meta({ description: "What the owner did: draft, sent, void." }),
  state: z.enum(OWNER_STATES).meta({ description: "What the customer sees, or draft." }),
  customer,
  currency: z.string(),
  issue_date: day,
  due_date: day,
  total: minor,
  amount_paid: minor.meta({
    description: "Money in minor units received by succeeded payments; refunds do not lower it.",
  }),
  amount_refunded: minor.meta({
    description: "Money in minor units given back by the business, out of `amount_paid`.",
  }),
  amount_disputed: minor.meta({
    description:
      "Money in minor units taken back by the customer's bank: chargebacks open, under review " +
      "or lost (a won one is given back). Not kept; owed again only once the dispute is lost.",
  }),
  balance_due: minor.meta({
    description:
      "What the customer still owes: the total less `amount_paid` and less disputes lost, never " +
      "negative, 0 when void. A refund is never owed again, so it does not raise the balance.",
  }),
  viewed: z.boolean(),
  first_viewed_at: instant.nullable(),
  paid: z.boolean().meta({
    description: "Payments covered the total (refunded later or not), and the invoice is not void.",
  }),
  overdue: z.boolean().meta({
    description: "A balance is due and the due date has passed in the business's time zone.",
  }),
  refund_due: minor.meta({
    description:
      "Money in minor units received and kept that is owed back to the customer: all of it on a " +
      "void invoice (paid after it was voided), otherwise what was paid beyond the total. " +
      "Refunds already made count against it; 0 when nothing is owed back.",
  }),
  sent_at: instant.nullable(),
  created_at: instant,
  updated_at: instant.nullable(),
});

export const linkResponse = z.object({
  id: z.string(),
  portal_url: z
    .string()
    .nullable()
    .meta({ description: "null when the link was sealed under an earlier signing secret." }),
  created_at: instant,
});

export const paymentResponse = z.object({
  id: z.string(),
  provider: z.enum(PAYMENT_PROVIDERS),
  method: z.enum(PAYMENT_METHODS).nullable(),
  status: z.enum(PAYMENT_STATUSES),
  amount: minor,
  amount_refunded: minor,
  currency: z.string(),
  reference: z.string(),
  dispute: z
    .object({
      id: z.string(),
      status: z.enum(DISPUTE_STATUSES),
      amount: minor,
      reason: z.string(),
    })
    .nullable()
    .meta({ description: "The charge's dispute as Stripe last reported it, if it has one." }),
  created_at: instant,
  completed_at: instant.nullable(),
});

export const invoiceResponse = invoiceSummaryResponse.extend({
  locale: z.string(),
  version: z.int().meta({ description: "Bumped on every edit." }),
  amount_mode: z.enum(["items", "fixed", "percent"]),
  items: z.array(
    z.object({ description: z.string(), quantity: decimal, unit_price: minor, amount: minor }),
  ),
  fixed_amount: minor.nullable(),
  percent: z.object({ rate: decimal, base: minor, label: z.string() }).nullable(),
  tax: z.object({ rate: decimal, label: z.string() }).nullable(),
  discount: z.union([z.object({ amount: minor }), z.object({ percent: decimal })]).nullable(),
  notes: z.string(),
  terms: z.string(),
  totals: z.object({ subtotal: minor, discount: minor, tax: minor, total: minor }),
  payment_state: z.enum([
    "unpaid",
    "processing",
    "partially_paid",
    "paid",
    "partially_refunded",
    "refunded",
  ]),
  view_count: z.int(),
  last_viewed_at: instant.nullable(),
  voided_at: instant.nullable(),
  link: linkResponse.nullable().meta({ description: "The active portal link, if any." }),
  payments: z.array(paymentResponse),
});

export const invoicePageResponse = z.object({
  data: z.array(invoiceSummaryResponse),
  next_cursor: z
    .string()
    .nullable()
    .meta({ description: "Pass as `cursor` for the next page; null at the end." }),
});

export const sendResponse = z.object({
  portal_url: z.string(),
  preview_url: z.string().meta({ description: "Opens the page without counting a view." }),
  preview_expires_at: instant,
  text_message: z.string().meta({ description: "A ready-to-send text in the invoice's language." }),
  link: linkResponse,
  created: z.boolean().meta({ description: "false when the active link was returned again." }),
});

export const revokeLinkResponse = z.object({
  revoked: z.boolean().meta({ description: "false when there was no active link." }),
});

export const paymentCreatedResponse = z.object({
  payment: paymentResponse,
  invoice: invoiceResponse,
});

export const previewResponse = z.object({ preview_url: z.string(), expires_at: instant });

export const timelineResponse = z.object({
  data: z.array(
    z.object({ id: z.string(), kind: z.enum(TIMELINE_KINDS), at: instant, detail: z.string() }),
  ),
});

export const errorResponse = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    requestId: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
