import { Hono } from "hono";
import { requestId } from "hono/request-id";
import type { AppEnv } from "../../http/app-env";
import { drainUnreadBody } from "../../http/body-limit";
import { onError } from "../../http/on-error";
import { type ServiceOptions, services } from "../../http/services";
import { sameOrigin } from "./guard";
import { ownerHeaders } from "./headers";
import { ownerRoutes } from "./routes";

/**
 * The owner app as an app of its own, like the owner API: the Worker imports this module on
 * the first /app request, so its routes, forms and messages cost a customer's isolate nothing.
 */
export function createOwnerApp(options: ServiceOptions) {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.use("*", requestId());
  app.use("*", drainUnreadBody());
  app.use("*", ownerHeaders());
  app.use("*", services(options));
  // After the services: a refused cross-site post is answered with a page.
  app.use("*", sameOrigin);
  app.route("/app", ownerRoutes);
  return app;
}
