import { Hono } from "hono";
import { requestId } from "hono/request-id";
import type { AppEnv } from "../../http/app-env";
import { onError } from "../../http/on-error";
import { type ServiceOptions, services } from "../../http/services";
import { apiRoutes } from "./routes";

/**
 * The owner API as an app of its own, with the same error handler, request ids and services
 * as the Worker's app. The Worker imports this module on the first /api request, so the API's
 * schemas (zod objects built when their modules load) cost a customer's isolate nothing.
 */
export function createApiApp(options: ServiceOptions) {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.use("*", requestId());
  app.use("*", services(options));
  app.route("/api/v1", apiRoutes);
  return app;
}
