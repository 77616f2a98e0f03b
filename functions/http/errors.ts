import type { ContentfulStatusCode } from "hono/utils/http-status";

// One error model: a closed set of codes, each with its HTTP status. Handlers throw AppError;
// the app's onError turns it into `{ error: { code, message, requestId, details? } }`.

export const ERROR_STATUS = {
  bad_request: 400,
  invalid_json: 400,
  unknown_field: 400,
  invalid_type: 400,
  unauthorized: 401,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  duplicate_number: 409,
  invoice_not_editable: 409,
  invoice_void: 409,
  invoice_not_payable: 409,
  no_active_link: 409,
  key_in_use: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  amount_exceeds_balance: 422,
  bad_signature: 400,
  bad_environment: 500,
  internal: 500,
  service_unavailable: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorDetail {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): ContentfulStatusCode {
    return ERROR_STATUS[this.code];
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; requestId: string; details?: ErrorDetail[] };
}

export function errorBody(error: AppError, requestId: string): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      requestId,
      ...(error.details ? { details: error.details } : {}),
    },
  };
}

/**
 * Whether an unexpected error means the database could not be reached or answered badly, so
 * the right answer is "try again" (503) and, for Stripe, a retry.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  // drizzle wraps every failed query in a DrizzleQueryError whose `cause` is the client's error,
  // so the chain is followed (a few levels, enough for drizzle over the client's own wrapping).
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    if (isUnavailableError(current)) return true;
    current = current.cause;
  }
  return false;
}

function isUnavailableError(error: Error): boolean {
  if (error.name === "LibsqlError" || error.name === "HttpServerError") return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && /^(HRANA|SERVER|HTTP|SQLITE_BUSY)/.test(code)) return true;
  // workerd marks a lost or refused connection (e.g. "Network connection lost.") retryable.
  if ((error as { retryable?: unknown }).retryable === true) return true;
  // fetch() failing to connect, in workerd and Node alike.
  return error instanceof TypeError && /fetch|network|connect/i.test(error.message);
}
