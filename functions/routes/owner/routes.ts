import { Hono } from "hono";
import { AppError, isDatabaseUnavailable } from "../../http/errors";
import { accountPages } from "./account-routes";
import { formPages } from "./form-routes";
import { invoicePages, notFound } from "./invoice-routes";
import type { OwnerEnv } from "./owner-env";
import { labels, messagePage } from "./page";
import { passkeyRoutes } from "./passkey-routes";
import { paymentsPages } from "./payments-routes";
import { sessionRoutes } from "./session-routes";

// The owner's app under /app: server-rendered pages and plain form posts (POST, then redirect).
// The origin check, headers and services are applied where the app is mounted (functions/app.ts).

export const ownerRoutes = new Hono<OwnerEnv>();

ownerRoutes.route("/", passkeyRoutes);
ownerRoutes.route("/", sessionRoutes);
ownerRoutes.route("/", formPages);
ownerRoutes.route("/", invoicePages);
ownerRoutes.route("/", accountPages);
ownerRoutes.route("/", paymentsPages);
ownerRoutes.all("*", (c) => notFound(c));

// Errors are pages here, in the owner's language; the detail goes to the log only.
ownerRoutes.onError((error, c) => {
  const { t } = labels(c);
  if (error instanceof AppError && error.code === "not_found") return notFound(c);
  // The path without the setup token: secret links never go to the log.
  const path = c.req.path.replace(/\/setup\/[^/]+/, "/setup/…");
  console.error(`[${c.var.requestId ?? ""}] ${c.req.method} ${path}:`, error);
  if (isDatabaseUnavailable(error) || (error instanceof AppError && error.status === 503)) {
    return messagePage(c, 503, t.unavailableTitle, t.unavailableBody);
  }
  return messagePage(c, 503, t.errorTitle, t.unavailableBody);
});
