// The JSON shapes the fake answers with: the documented fields of Stripe's Checkout Session,
// PaymentIntent, PaymentMethod, Charge and Event objects that this project reads, with their
// documented types and null-ness. Nothing here is specific to the portal.

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
  payment_method: string | PaymentMethodJson | null;
  payment_method_types: string[];
  status: "processing" | "succeeded" | "requires_payment_method" | "canceled";
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
  livemode: false;
  metadata: Metadata;
  paid: boolean;
  payment_intent: string | PaymentIntentJson | null;
  payment_method: string | null;
  refunded: boolean;
  status: "succeeded" | "pending" | "failed";
}

export interface EventJson {
  id: string;
  object: "event";
  /** Present on events from a connected account (Connect endpoints). */
  account?: string;
  api_version: string;
  created: number;
  data: { object: CheckoutSessionJson | ChargeJson | Record<string, unknown> };
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
