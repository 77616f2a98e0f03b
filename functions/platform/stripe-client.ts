import type Stripe from "stripe";
import type { Config } from "../env";

// The Stripe SDK as the Worker uses it: fetch for HTTP (workerd has no Node sockets), Web Crypto
// for webhook signatures, and, only for local testing, a different API origin (the fake).
//
// The SDK is about half of the Worker's own code, and only Pay Now, the return from Checkout,
// webhooks and an owner's change to an invoice with an open session need it. It is imported on
// first use, so its chunk is neither parsed nor evaluated when an isolate starts, and a portal
// view never loads it.

export type StripeClient = Stripe;
type StripeSdk = typeof Stripe;

/** A request to Stripe may take this long before it is abandoned (and retried once). */
export const STRIPE_TIMEOUT_MS = 8_000;

let sdk: StripeSdk | undefined;
let loading: Promise<StripeSdk> | undefined;

/** The SDK's constructor, imported once per isolate. */
export function loadStripeSdk(): Promise<StripeSdk> {
  loading ??= import("stripe").then((module) => {
    sdk = module.default;
    return sdk;
  });
  return loading;
}

/** Null when Stripe is not configured (no secret key): Pay Now is then never offered. */
export async function createStripeClient(
  config: Pick<Config, "STRIPE_SECRET_KEY" | "STRIPE_API_URL">,
): Promise<StripeClient | null> {
  if (!config.STRIPE_SECRET_KEY) return null;
  const Sdk = await loadStripeSdk();
  const options: Stripe.StripeConfig = {
    httpClient: Sdk.createFetchHttpClient(),
    // Every POST carries an idempotency key, so one retry of a lost request is safe.
    maxNetworkRetries: 1,
    timeout: STRIPE_TIMEOUT_MS,
    appInfo: { name: "invoice-portal" },
  };
  if (config.STRIPE_API_URL) {
    const url = new URL(config.STRIPE_API_URL);
    const protocol = url.protocol === "http:" ? "http" : "https";
    options.host = url.hostname;
    options.port = url.port || (protocol === "http" ? 80 : 443);
    options.protocol = protocol;
  }
  return new Sdk(config.STRIPE_SECRET_KEY, options);
}

/** A body whose signature matched but which is not a Stripe event (nothing can be done with it). */
export const MALFORMED_EVENT = "malformed";

/**
 * Verifies a webhook's signature on its raw bytes against each configured endpoint secret
 * (the platform's, then the Connect endpoint's) and returns the event, null when none match, or
 * MALFORMED_EVENT when one matches but the body is not an event (not JSON, not an object with
 * an id, a type and a data object). The SDK checks the signature before it parses the body, so
 * any other error it throws comes from the body, which must be answered with a 400, not a 500.
 */
export async function verifyStripeEvent(
  payload: Uint8Array,
  signature: string,
  secrets: (string | undefined)[],
): Promise<Stripe.Event | null | typeof MALFORMED_EVENT> {
  const Sdk = await loadStripeSdk();
  const cryptoProvider = Sdk.createSubtleCryptoProvider();
  for (const secret of secrets) {
    if (!secret) continue;
    let event: unknown;
    try {
      event = await Sdk.webhooks.constructEventAsync(
        payload,
        signature,
        secret,
        undefined,
        cryptoProvider,
      );
    } catch (error) {
      if (error instanceof Sdk.errors.StripeSignatureVerificationError) continue;
      return MALFORMED_EVENT;
    }
    return isEventShaped(event) ? event : MALFORMED_EVENT;
  }
  return null;
}

function isEventShaped(value: unknown): value is Stripe.Event {
  const event = value as Partial<Record<"id" | "type" | "data", unknown>> | null;
  const data = event?.data as { object?: unknown } | null | undefined;
  return (
    typeof event === "object" &&
    event !== null &&
    !Array.isArray(event) &&
    typeof event.id === "string" &&
    typeof event.type === "string" &&
    typeof data?.object === "object" &&
    data.object !== null
  );
}

// The checks below need the SDK's error classes. Only the SDK throws its errors, so while it has
// not been loaded in this isolate no error can be one of them, and nothing is imported to say so.

/** An error thrown by the Stripe SDK (Stripe answered with an error, or could not be reached). */
export function isStripeError(error: unknown): error is Stripe.errors.StripeError {
  return sdk !== undefined && error instanceof sdk.errors.StripeError;
}

/**
 * Stripe says the object an event names does not exist on the account the event came from:
 * not a payment of ours, and retrying would never change that. Only Stripe's `resource_missing`
 * code says so: a 404 without it is an unrecognized URL (a wrong API origin or version), which
 * says nothing about the object and must never release or ignore a payment.
 */
export function isMissingAtStripe(error: unknown): boolean {
  return (
    sdk !== undefined &&
    error instanceof sdk.errors.StripeError &&
    error.code === "resource_missing"
  );
}

/**
 * Stripe refuses to act on a connected account the platform has no access to (never connected,
 * or the business disconnected it): nothing on that account can be read, now or on a retry.
 */
export function isAccountOutOfReach(error: unknown): boolean {
  return sdk !== undefined && error instanceof sdk.errors.StripePermissionError;
}

/** Stripe could not answer (network, timeout, its own 5xx, rate limit): worth trying again. */
export function isStripeUnavailable(error: unknown): boolean {
  if (sdk === undefined) return false;
  const { errors } = sdk;
  return (
    error instanceof errors.StripeConnectionError ||
    error instanceof errors.StripeAPIError ||
    error instanceof errors.StripeRateLimitError ||
    (error instanceof errors.StripeError && (error.statusCode ?? 0) >= 500)
  );
}
