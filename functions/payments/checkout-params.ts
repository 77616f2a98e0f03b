import type Stripe from "stripe";
import type { Invoice } from "../../db/schema";
import { fill, messagesFor } from "../i18n/messages";
import { checkoutLocale } from "./checkout-locale";

// The Checkout Session a Pay Now click creates. Everything in it comes from the database row of
// the invoice and the payment row reserved for it, never from the request.

/** How long a Checkout Session stays payable (Stripe allows 30 minutes to 24 hours). */
export const SESSION_LIFETIME_MS = 60 * 60 * 1000;

export interface CheckoutParamsInput {
  invoice: Pick<Invoice, "id" | "number" | "currency" | "locale" | "customerEmail" | "version">;
  businessName: string;
  paymentId: string;
  /** Balance due in minor units, from the one totals function. */
  amount: number;
  expiresAt: Date;
  publicBaseUrl: string;
  token: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkoutParams(input: CheckoutParamsInput): Stripe.Checkout.SessionCreateParams {
  const { invoice } = input;
  const currency = invoice.currency.toLowerCase();
  const metadata = {
    invoice_id: invoice.id,
    payment_id: input.paymentId,
    invoice_version: String(invoice.version),
  };
  const portal = `${input.publicBaseUrl}/p/${input.token}`;
  const email = invoice.customerEmail.trim();
  return {
    mode: "payment",
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency,
          unit_amount: input.amount,
          product_data: {
            name: fill(messagesFor(invoice.locale).pdfTitle, { number: invoice.number }),
            // On the platform account Checkout shows the platform's name; this says who is paid.
            description: input.businessName.slice(0, 500) || undefined,
          },
        },
      },
    ],
    // Cards always; ACH Direct Debit for US dollars only. Since API version 2026-09-30 this list
    // filters the methods enabled in the Dashboard (it replaced `payment_method_types`).
    allowed_payment_method_types: currency === "usd" ? ["card", "us_bank_account"] : ["card"],
    // Stripe refuses a malformed address; the customer can type one on Checkout instead.
    customer_email: EMAIL.test(email) ? email : undefined,
    locale: checkoutLocale(invoice.locale) as Stripe.Checkout.SessionCreateParams.Locale,
    client_reference_id: invoice.id,
    metadata,
    // Stripe emails its own receipt once the payment succeeds (and numbers it), when it knows
    // where to send it; the customer's page and PDF carry the same receipt either way.
    payment_intent_data: EMAIL.test(email) ? { metadata, receipt_email: email } : { metadata },
    // Checkout fills in {CHECKOUT_SESSION_ID}; the page still trusts only stored state.
    success_url: `${portal}?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${portal}?checkout=canceled`,
    expires_at: Math.floor(input.expiresAt.getTime() / 1000),
  };
}
