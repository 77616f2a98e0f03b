import { Hono } from "hono";
import { requestId } from "hono/request-id";
import type { AppEnv } from "./http/app-env";
import { onError } from "./http/on-error";
import { type ServiceOptions, services } from "./http/services";
import { portalRoutes } from "./portal/routes";

export type { AppEnv } from "./http/app-env";

/**
 * The Worker's routes. Hono owns every edge function; pages are rendered by the renderer passed
 * in (Astro in the Worker), which receives a finished page model and never queries the database.
 */
export function createApp(options: ServiceOptions) {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.use("*", requestId());
  for (const path of ["/p/*", "/api/*", "/webhooks/*", "/logos/*"]) {
    app.use(path, services(options));
  }
  app.route("/p", portalRoutes);
  app.get("/healthz", (c) => c.text("ok"));
  return app;
}
