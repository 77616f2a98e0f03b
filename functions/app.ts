import { type Context, Hono } from "hono";
import { requestId } from "hono/request-id";
import type { AppEnv } from "./http/app-env";
import { drainUnreadBody } from "./http/body-limit";
import { onError } from "./http/on-error";
import { requestLog } from "./http/request-log";
import { type ServiceOptions, services } from "./http/services";
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
 *
 * What a customer's request needs is imported here; what only some requests need is imported on
 * first use, so that starting an isolate stays within a few milliseconds: the owner API (below),
 * the PDF builder (routes/pdf.ts) and the Stripe SDK (platform/stripe-client.ts).
 */
export function createApp(options: ServiceOptions) {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  if (options.requestLog) app.use("*", requestLog(options.requestLog));
  // Registered first: the API app answers these requests whole, with its own request id.
  let api: Promise<Hono<AppEnv>> | undefined;
  app.all("/api/v1/*", async (c) => {
    api ??= import("./routes/api/app").then(
      (module) => module.createApiApp(options),
      (error: unknown) => {
        api = undefined; // Try again on the next request rather than failing for good.
        throw error;
      },
    );
    return (await api).fetch(c.req.raw, c.env, executionContextOf(c));
  });
  app.use("*", requestId());
  // Every answer waits for the request body to arrive in full, so none is lost (body-limit.ts).
  app.use("*", drainUnreadBody());
  // Every answer under a secret link (page, PDF, payment redirects) carries the privacy headers,
  // error pages included: registered before the services, so a bad binding's page has them too.
  app.use("/p/*", portalHeaders());
  for (const path of ["/p/*", "/webhooks/*", "/logos/*"]) {
    app.use(path, services(options));
  }
  app.route("/p", portalRoutes);
  app.route("/p", pdfRoutes);
  app.route("/p", payRoutes);
  app.route("/webhooks", webhookRoutes);
  app.route("/logos", logoRoutes);
  app.get("/healthz", (c) => c.text("ok"));
  return app;
}

/** Node tests call the app without an execution context; Hono's getter throws then. */
function executionContextOf(c: Context<AppEnv>): ExecutionContext | undefined {
  try {
    return c.executionCtx as ExecutionContext;
  } catch {
    return undefined;
  }
}
