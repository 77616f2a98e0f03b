import { empty, invalid, invalidInteger, missing, unknownParameter } from "./errors";
import type { FormObject, FormValue } from "./form";
import type { Metadata } from "./objects";

export { ApiError, invalid } from "./errors";

// Parameter checks for `POST /v1/checkout/sessions`, following the API reference: what is
// required, the allowed values, and the documented limits. Only the parameters this project
// sends are implemented; anything else is refused so a typo in the caller cannot pass silently.

/** Checkout's supported `locale` values (API reference, Checkout Session `locale`). */
export const CHECKOUT_LOCALES = new Set(
  "auto bg cs da de el en en-GB es es-419 et fi fil fr fr-CA hi-IN hr hu id it ja ko lt lv ms mt nb nl pl pt pt-BR ro ru sk sl sv th tr vi zh zh-HK zh-TW".split(
    " ",
  ),
);

/** Minimum charge amounts in the smallest unit, for the currencies the tests use. */
const MINIMUM_AMOUNT: Record<string, number> = {
  usd: 50,
  eur: 50,
  gbp: 30,
  cad: 50,
  aud: 50,
  mxn: 1000,
  jpy: 50,
};
const MAXIMUM_AMOUNT = 99_999_999;
// Three-decimal currencies: amounts in thousandths, but the last digit must be 0.
const THREE_DECIMAL = new Set(["bhd", "jod", "kwd", "omr", "tnd"]);

export const PAYMENT_METHOD_TYPES = ["card", "us_bank_account"] as const;
const CREATE_PARAMS = new Set([
  "mode",
  "line_items",
  "allowed_payment_method_types",
  "customer_email",
  "locale",
  "client_reference_id",
  "metadata",
  "payment_intent_data",
  "success_url",
  "cancel_url",
  "expires_at",
  "expand",
]);

export function str(value: FormValue | undefined, param: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw invalid(`Invalid string: ${param}`, param);
  return value;
}

/** A required string: absent is `parameter_missing`, "" is `parameter_invalid_empty`. */
function required(value: FormValue | undefined, param: string): string {
  const text = str(value, param);
  if (text === undefined) throw missing(param);
  if (text === "") throw empty(param);
  return text;
}

function int(value: FormValue | undefined, param: string): number | undefined {
  const text = str(value, param);
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text)) throw invalidInteger(param, text);
  return Number(text);
}

function obj(value: FormValue | undefined, param: string): FormObject | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) {
    throw invalid(`Invalid object: ${param}`, param);
  }
  return value;
}

function list(value: FormValue | undefined, param: string): FormValue[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw invalid(`Invalid array: ${param}`, param);
  return value;
}

export function metadata(value: FormValue | undefined, param: string): Metadata {
  const entries = Object.entries(obj(value, param) ?? {});
  if (entries.length > 50) throw invalid("Metadata can have at most 50 keys.", param);
  const result: Metadata = {};
  for (const [key, raw] of entries) {
    const text = str(raw, `${param}[${key}]`) ?? "";
    if (key.length > 40) throw invalid("Metadata keys can be at most 40 characters.", param);
    if (text.length > 500) throw invalid("Metadata values can be at most 500 characters.", param);
    result[key] = text;
  }
  return result;
}

function url(value: FormValue | undefined, param: string): string | null {
  const text = str(value, param);
  if (text === undefined) return null;
  try {
    const parsed = new URL(text);
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new Error();
  } catch {
    throw invalid("Not a valid URL", param, "url_invalid");
  }
  return text;
}

export interface SessionRequest {
  lineItems: { name: string; description: string | null; unitAmount: number; quantity: number }[];
  currency: string;
  amountTotal: number;
  allowedPaymentMethodTypes: string[] | null;
  paymentMethodTypes: string[];
  customerEmail: string | null;
  locale: string | null;
  clientReferenceId: string | null;
  metadata: Metadata;
  paymentIntentMetadata: Metadata;
  /** `payment_intent_data[receipt_email]`: Stripe emails its receipt there once paid. */
  receiptEmail: string | null;
  successUrl: string | null;
  cancelUrl: string | null;
  expiresAt: number;
}

function email(value: FormValue | undefined, param: string): string | null {
  const text = str(value, param) ?? null;
  if (text !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) {
    throw invalid(`Invalid email address: ${text}`, param, "email_invalid");
  }
  return text;
}

/** Checks a create request the way the API reference documents each parameter. */
export function readSessionRequest(params: FormObject, nowSeconds: number): SessionRequest {
  if (params.payment_method_types !== undefined) {
    // Removed from this endpoint in API version 2026-09-30.endive.
    throw unknownParameter("payment_method_types");
  }
  for (const name of Object.keys(params)) {
    if (!CREATE_PARAMS.has(name)) {
      throw unknownParameter(name, " (not implemented by the fake Stripe API)");
    }
  }
  const mode = required(params.mode, "mode");
  if (mode !== "payment")
    throw invalid(`Invalid mode: ${mode} (the fake supports payment)`, "mode");

  const rawItems = list(params.line_items, "line_items");
  if (!rawItems?.length) throw missing("line_items");
  const lineItems = rawItems.map((raw, i) => {
    const p = `line_items[${i}]`;
    const item = obj(raw, p) ?? {};
    const priceData = obj(item.price_data, `${p}[price_data]`);
    if (!priceData) throw missing(`${p}[price_data]`);
    const currency = required(priceData.currency, `${p}[price_data][currency]`);
    const unitAmount = int(priceData.unit_amount, `${p}[price_data][unit_amount]`);
    if (unitAmount === undefined) throw missing(`${p}[price_data][unit_amount]`);
    if (unitAmount < 0) throw invalid("This value must be greater than or equal to 0.", p);
    const product = obj(priceData.product_data, `${p}[price_data][product_data]`);
    const name = required(product?.name, `${p}[price_data][product_data][name]`);
    const quantity = int(item.quantity, `${p}[quantity]`);
    if (quantity === undefined) throw missing(`${p}[quantity]`);
    if (quantity < 1) throw invalid("Quantity must be at least 1.", `${p}[quantity]`);
    const description = str(product?.description, `${p}[price_data][product_data][description]`);
    return { currency, name, description: description ?? null, unitAmount, quantity };
  });
  const currency = lineItems[0]?.currency ?? "";
  if (!/^[a-z]{3}$/.test(currency)) {
    throw invalid(`Invalid currency: ${currency}.`, "line_items[0][price_data][currency]");
  }
  if (lineItems.some((item) => item.currency !== currency)) {
    throw invalid("All line items must use the same currency.", "line_items");
  }
  const amountTotal = lineItems.reduce((sum, item) => sum + item.unitAmount * item.quantity, 0);
  const minimum = MINIMUM_AMOUNT[currency];
  if (minimum !== undefined && amountTotal < minimum) {
    throw invalid(
      `The Checkout Session's total amount due must add up to at least ${minimum} ${currency}.`,
      "line_items",
      "amount_too_small",
    );
  }
  if (amountTotal > MAXIMUM_AMOUNT) {
    throw invalid("Amount must be no more than 99999999.", "line_items", "amount_too_large");
  }
  if (THREE_DECIMAL.has(currency) && lineItems.some((item) => item.unitAmount % 10 !== 0)) {
    throw invalid(
      `Amounts in ${currency} must be divisible by 10 (the last digit of the minor unit must be 0).`,
      "line_items",
      "invalid_amount",
    );
  }

  // Since API version 2026-09-30.endive, Checkout takes `allowed_payment_method_types` (a filter
  // on the dynamically eligible methods) instead of `payment_method_types`; the session reports
  // the methods that remain in `payment_method_types`. ACH Direct Debit is for USD only.
  const allowed = list(params.allowed_payment_method_types, "allowed_payment_method_types");
  const allowedTypes = allowed?.map((value, i) => {
    const type = str(value, `allowed_payment_method_types[${i}]`) ?? "";
    if (!(PAYMENT_METHOD_TYPES as readonly string[]).includes(type)) {
      throw invalid(
        `Invalid allowed_payment_method_types[${i}]: ${type} (the fake knows card and us_bank_account)`,
        "allowed_payment_method_types",
      );
    }
    return type;
  });
  const types = (allowedTypes ?? ["card"]).filter(
    (type) => type !== "us_bank_account" || currency === "usd",
  );
  if (types.length === 0) {
    throw invalid(
      "None of the allowed_payment_method_types can be used with this Checkout Session.",
      "allowed_payment_method_types",
    );
  }

  const customerEmail = str(params.customer_email, "customer_email") ?? null;
  if (customerEmail !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(customerEmail)) {
    throw invalid(`Invalid email address: ${customerEmail}`, "customer_email", "email_invalid");
  }
  const locale = str(params.locale, "locale") ?? null;
  if (locale !== null && !CHECKOUT_LOCALES.has(locale)) {
    throw invalid(`Invalid locale: ${locale}`, "locale");
  }
  const clientReferenceId = str(params.client_reference_id, "client_reference_id") ?? null;
  if (clientReferenceId !== null && clientReferenceId.length > 200) {
    throw invalid("client_reference_id can be at most 200 characters.", "client_reference_id");
  }
  const intentData = obj(params.payment_intent_data, "payment_intent_data") ?? {};
  for (const name of Object.keys(intentData)) {
    if (name !== "metadata" && name !== "receipt_email") {
      throw unknownParameter(`payment_intent_data[${name}]`);
    }
  }

  const expiresAt = int(params.expires_at, "expires_at") ?? nowSeconds + 24 * 3600;
  if (expiresAt < nowSeconds + 30 * 60 || expiresAt > nowSeconds + 24 * 3600) {
    throw invalid(
      "The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.",
      "expires_at",
    );
  }

  return {
    lineItems,
    currency,
    amountTotal,
    allowedPaymentMethodTypes: allowedTypes ?? null,
    paymentMethodTypes: types,
    customerEmail,
    locale,
    clientReferenceId,
    metadata: metadata(params.metadata, "metadata"),
    paymentIntentMetadata: metadata(intentData.metadata, "payment_intent_data[metadata]"),
    receiptEmail: email(intentData.receipt_email, "payment_intent_data[receipt_email]"),
    successUrl: url(params.success_url, "success_url"),
    cancelUrl: url(params.cancel_url, "cancel_url"),
    expiresAt,
  };
}
