// The JSON shapes the fake answers with: the documented fields of Stripe's Checkout Session,
// PaymentIntent, PaymentMethod, Charge, Refund and Event objects that this project reads (and
// the failure details Stripe adds when a payment fails), with their documented types and
// null-ness. Fields Stripe has and the fake leaves out are simply absent; none is invented.
// Nothing here is specific to the portal.

export type Metadata = Record<string, string>;

export interface CheckoutSessionJson {
  id: string;
  object: "checkout.session";
  allowed_payment_method_types: string[] | null;
  amount_subtotal: number;
  amount_total: number;
  cancel_url: string | null;
  client_reference_id: string | null;
  created: number;
  currency: string;
  customer_details: { email: string | null } | null;
  customer_email: string | null;
  expires_at: number;
  livemode: false;
  locale: string | null;
  metadata: Metadata;
  mode: "payment";
  /** Null until the customer confirms; an id, or the object when expanded. */
  payment_intent: string | PaymentIntentJson | null;
  payment_method_types: string[];
  payment_status: "paid" | "unpaid" | "no_payment_required";
  status: "open" | "complete" | "expired";
  success_url: string | null;
  /** Only while the session is open. */
  url: string | null;
}

export interface PaymentMethodJson {
  id: string;
  object: "payment_method";
  created: number;
  livemode: false;
  type: "card" | "us_bank_account";
}

export interface PaymentIntentJson {
  id: string;
  object: "payment_intent";
  amount: number;
  amount_received: number;
  created: number;
  currency: string;
  latest_charge: string | ChargeJson | null;
  livemode: false;
  metadata: Metadata;
  /** Why the last attempt failed (a declined or returned payment); null otherwise. */
  last_payment_error: LastPaymentErrorJson | null;
  payment_method: string | PaymentMethodJson | null;
  payment_method_types: string[];
  status: "processing" | "succeeded" | "requires_payment_method" | "canceled";
}

/** `payment_intent.last_payment_error`: an error object like the API's, about the payment. */
export interface LastPaymentErrorJson {
  type: "card_error";
  charge: string;
  code: string;
  doc_url: string;
  message: string;
  payment_method: PaymentMethodJson;
  payment_method_type: string;
}

export interface ChargeJson {
  id: string;
  object: "charge";
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  captured: boolean;
  created: number;
  currency: string;
  /** Set when the charge failed: one of Stripe's failure codes, and its message. */
  failure_code: string | null;
  failure_message: string | null;
  livemode: false;
  metadata: Metadata;
  paid: boolean;
  payment_intent: string | PaymentIntentJson | null;
  payment_method: string | null;
  /** The method as charged: the card's brand and last four, or the bank's name and last four. */
  payment_method_details:
    | { type: "card"; card: { brand: string; last4: string } }
    | { type: "us_bank_account"; us_bank_account: { bank_name: string; last4: string } };
  /** Where Stripe emails its receipt (from `payment_intent_data[receipt_email]`). */
  receipt_email: string | null;
  /** Set once Stripe has sent a receipt for a succeeded charge. */
  receipt_number: string | null;
  /** Whether the charge has been disputed. */
  disputed: boolean;
  refunded: boolean;
  status: "succeeded" | "pending" | "failed";
}

/** A dispute (chargeback) of a charge by the customer's bank. */
export interface DisputeJson {
  id: string;
  object: "dispute";
  amount: number;
  charge: string;
  created: number;
  currency: string;
  is_charge_refundable: boolean;
  livemode: false;
  metadata: Metadata;
  payment_intent: string | null;
  reason: string;
  status:
    | "warning_needs_response"
    | "warning_under_review"
    | "warning_closed"
    | "needs_response"
    | "under_review"
    | "won"
    | "lost";
}

/** A refund of (part of) a charge. Card refunds succeed at once; bank refunds are pending first. */
export interface RefundJson {
  id: string;
  object: "refund";
  amount: number;
  charge: string;
  created: number;
  currency: string;
  /** Only on a failed refund: why it failed. */
  failure_reason?: string;
  metadata: Metadata;
  payment_intent: string | null;
  reason: "duplicate" | "fraudulent" | "requested_by_customer" | null;
  status: "pending" | "succeeded" | "failed";
}

export interface EventJson {
  id: string;
  object: "event";
  /** Present on events from a connected account (Connect endpoints). */
  account?: string;
  api_version: string;
  created: number;
  data: {
    object:
      | CheckoutSessionJson
      | PaymentIntentJson
      | ChargeJson
      | RefundJson
      | DisputeJson
      | Record<string, unknown>;
  };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

export interface StripeErrorJson {
  error: { type: string; message: string; code?: string; param?: string; doc_url?: string };
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A Stripe-looking id: prefix and random alphanumerics (`cs_test_…` ids are longer). */
export function stripeId(prefix: string, length = 24): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let id = "";
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return `${prefix}_${id}`;
}

export const clone = <T>(value: T): T => structuredClone(value);
