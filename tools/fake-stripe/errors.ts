import type { StripeErrorJson } from "./objects";

// Stripe's error answers: `{ error: { type, message, code?, param?, doc_url? } }` with the HTTP
// status Stripe uses. A `code` is one of the codes in Stripe's error-code reference, and then
// `doc_url` points at its page there; errors Stripe reports without a code carry neither.

export class ApiError extends Error {
  /** Refused before the endpoint ran (parameter validation): no idempotent result is saved. */
  beforeExecution = false;

  constructor(
    readonly status: number,
    readonly body: StripeErrorJson,
  ) {
    super(body.error.message);
  }
}

export function docUrl(code: string): string {
  return `https://docs.stripe.com/error-codes/${code.replaceAll("_", "-")}`;
}

export function stripeError(
  status: number,
  fields: { type: string; message: string; code?: string; param?: string },
): ApiError {
  const { type, message, code, param } = fields;
  return new ApiError(status, {
    error: {
      type,
      message,
      ...(code ? { code, doc_url: docUrl(code) } : {}),
      ...(param ? { param } : {}),
    },
  });
}

/** A 400 `invalid_request_error`; `code` only where Stripe documents one for the case. */
export function invalid(message: string, param?: string, code?: string): ApiError {
  return stripeError(400, { type: "invalid_request_error", message, code, param });
}

export function missing(param: string): ApiError {
  return invalid(`Missing required param: ${param}.`, param, "parameter_missing");
}

/** An empty string where a value is required: Stripe reads "" as unsetting the parameter. */
export function empty(param: string): ApiError {
  return invalid(
    `You passed an empty string for '${param}'. Empty values unset a parameter, and '${param}' cannot be unset: remove it from the request or give it a value.`,
    param,
    "parameter_invalid_empty",
  );
}

export function unknownParameter(param: string, note = ""): ApiError {
  return invalid(`Received unknown parameter: ${param}${note}`, param, "parameter_unknown");
}

export function invalidInteger(param: string, text: string): ApiError {
  return invalid(`Invalid integer: ${text}`, param, "parameter_invalid_integer");
}

export function notFound(kind: string, id: string, param: string): ApiError {
  return stripeError(404, {
    type: "invalid_request_error",
    code: "resource_missing",
    message: `No such ${kind}: '${id}'`,
    param,
  });
}

/**
 * Stripe's answer to a URL it has no endpoint for: a 404 without a code. The fake answers every
 * endpoint it does not implement the same way, and says so, so a caller can never take it for
 * a missing object (those carry `resource_missing`).
 */
export function unrecognizedUrl(method: string, path: string): ApiError {
  return stripeError(404, {
    type: "invalid_request_error",
    message: `Unrecognized request URL (${method}: ${path}). This endpoint is not implemented by the fake Stripe API (tools/fake-stripe); see its README for the endpoints it has.`,
  });
}

/** How Stripe shows a key in an error: its prefix, then only the last four characters. */
export function maskKey(key: string): string {
  const prefix = /^[a-z]+_(?:test|live)_/.exec(key)?.[0] ?? "";
  const rest = key.slice(prefix.length);
  return `${prefix}${"*".repeat(Math.max(rest.length - 4, 0))}${rest.slice(-4)}`;
}

export function noApiKey(): ApiError {
  return stripeError(401, {
    type: "invalid_request_error",
    message:
      "You did not provide an API key. Provide it in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
  });
}

export function invalidApiKey(key: string): ApiError {
  return stripeError(401, {
    type: "invalid_request_error",
    message: `Invalid API Key provided: ${maskKey(key)}`,
  });
}

export function noAccessToAccount(key: string, account: string): ApiError {
  return stripeError(403, {
    type: "invalid_request_error",
    code: "account_invalid",
    message: `The provided key '${maskKey(key)}' does not have access to account '${account}' (or that account does not exist). Application access may have been revoked.`,
  });
}
