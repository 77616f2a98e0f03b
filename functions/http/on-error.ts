import type { ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { ConfigError } from "../env";
import { messagesFor } from "../i18n/messages";
import type { AppEnv } from "./app-env";
import { AppError, errorBody, isDatabaseUnavailable } from "./errors";
import { routeOf } from "./request-log";

/**
 * What a customer opens in the browser from a secret link answers errors as a page they can
 * read: the invoice, and its PDF (a tap on Download PDF would otherwise show raw JSON).
 * Everything else (the beacon, the API, webhooks) answers JSON.
 */
function isPortalPage(path: string): boolean {
  return /^\/p\/[^/]+(\/pdf)?\/?$/.test(path);
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ConfigError) {
    return new AppError("bad_environment", error.message);
  }
  if (error instanceof HTTPException) {
    if (error.status === 413)
      return new AppError("payload_too_large", "The request body is too large");
    return new AppError(error.status === 401 ? "unauthorized" : "bad_request", error.message);
  }
  if (isDatabaseUnavailable(error)) {
    return new AppError(
      "service_unavailable",
      "The database is unavailable right now; try again shortly",
    );
  }
  return new AppError("internal", "Something went wrong on our side");
}

export const onError: ErrorHandler<AppEnv> = async (error, c) => {
  const appError = toAppError(error);
  const requestId = c.get("requestId") ?? "";
  if (appError.status >= 500) {
    // The detail goes to the log, never to the customer.
    // The route pattern, not the path: a portal path is its secret token.
    console.error(`[${requestId}] ${c.req.method} ${routeOf(c)}:`, error);
  }
  const renderPage = c.get("renderPage");
  if (renderPage && isPortalPage(c.req.path) && appError.status >= 500) {
    const messages = messagesFor("en");
    return renderPage(c, { kind: "unavailable", status: 503, lang: "en", messages });
  }
  const response = c.json(errorBody(appError, requestId), appError.status);
  if (appError.status === 503) response.headers.set("Retry-After", "5");
  return response;
};
