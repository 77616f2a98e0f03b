import { Hono } from "hono";
import { requestId } from "hono/request-id";
import type { AppEnv } from "./http/app-env";
import { drainUnreadBody } from "./http/body-limit";
import { onError } from "./http/on-error";
import { type ServiceOptions, services } from "./http/services";
import { apiRoutes } from "./routes/api/routes";
import { logoRoutes } from "./routes/logos";
import { payRoutes } from "./routes/pay";
import { pdfRoutes } from "./routes/pdf";
import { portalRoutes } from "./routes/portal";
import { portalHeaders } from "./routes/portal-headers";
import { webhookRoutes } from "./routes/webhooks";

export type { AppEnv } from "./http/app-env";

/**
 * The Worker's routes. Hono owns every edge function; pages are rendered by the renderer passed
 * in (Astro in the Worker), which receives a finished page model and never queries the database.
 */
export function createApp(options: ServiceOptions) {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.use("*", requestId());
  // Every answer waits for the request body to arrive in full, so none is lost (body-limit.ts).
  app.use("*", drainUnreadBody());
  // Every answer under a secret link (page, PDF, payment redirects) carries the privacy headers,
  // error pages included: registered before the services, so a bad binding's page has them too.
  app.use("/p/*", portalHeaders());
  for (const path of ["/p/*", "/api/*", "/webhooks/*", "/logos/*"]) {
    app.use(path, services(options));
  }
  app.route("/p", portalRoutes);
  app.route("/p", pdfRoutes);
  app.route("/p", payRoutes);
  app.route("/webhooks", webhookRoutes);
  app.route("/api/v1", apiRoutes);
  app.route("/logos", logoRoutes);
  app.get("/healthz", (c) => c.text("ok"));
  return app;
}
