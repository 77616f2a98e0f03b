import Stripe from "stripe";
import type { Config } from "../env";

// The Stripe SDK as the Worker uses it: fetch for HTTP (workerd has no Node sockets), Web Crypto
// for webhook signatures, and, only for local testing, a different API origin (the fake).

export type StripeClient = Stripe;

/** A request to Stripe may take this long before it is abandoned (and retried once). */
export const STRIPE_TIMEOUT_MS = 8_000;

/** Null when Stripe is not configured (no secret key): Pay Now is then never offered. */
export function createStripeClient(
  config: Pick<Config, "STRIPE_SECRET_KEY" | "STRIPE_API_URL">,
): StripeClient | null {
  if (!config.STRIPE_SECRET_KEY) return null;
  const options: Stripe.StripeConfig = {
    httpClient: Stripe.createFetchHttpClient(),
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
  return new Stripe(config.STRIPE_SECRET_KEY, options);
}

const cryptoProvider = Stripe.createSubtleCryptoProvider();

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
  for (const secret of secrets) {
    if (!secret) continue;
    let event: unknown;
    try {
      event = await Stripe.webhooks.constructEventAsync(
        payload,
        signature,
        secret,
        undefined,
        cryptoProvider,
      );
    } catch (error) {
      if (error instanceof Stripe.errors.StripeSignatureVerificationError) continue;
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

/**
 * Stripe says the object an event names does not exist on the account the event came from:
 * not a payment of ours, and retrying would never change that. Only Stripe's `resource_missing`
 * code says so: a 404 without it is an unrecognized URL (a wrong API origin or version), which
 * says nothing about the object and must never release or ignore a payment.
 */
export function isMissingAtStripe(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeError && error.code === "resource_missing";
}

/**
 * Stripe refuses to act on a connected account the platform has no access to (never connected,
 * or the business disconnected it): nothing on that account can be read, now or on a retry.
 */
export function isAccountOutOfReach(error: unknown): boolean {
  return error instanceof Stripe.errors.StripePermissionError;
}

/** Stripe could not answer (network, timeout, its own 5xx, rate limit): worth trying again. */
export function isStripeUnavailable(error: unknown): boolean {
  return (
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeAPIError ||
    error instanceof Stripe.errors.StripeRateLimitError ||
    (error instanceof Stripe.errors.StripeError && (error.statusCode ?? 0) >= 500)
  );
}
