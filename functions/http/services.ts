import { createMiddleware } from "hono/factory";
import { readConfig } from "../env";
import { createStripeClient, type StripeClient } from "../payments/stripe-client";
import type { AppEnv, PageRenderer } from "./app-env";
import { createDb } from "./db";

export interface ServiceOptions {
  renderPage: PageRenderer;
  now?: () => Date;
}

/**
 * Checks the bindings and puts the per-request services on the context, so handlers never
 * build clients themselves. A bad binding throws ConfigError, which onError reports by name.
 */
export function services(options: ServiceOptions) {
  return createMiddleware<AppEnv>(async (c, next) => {
    c.set("renderPage", options.renderPage);
    c.set("now", options.now ?? (() => new Date()));
    const config = readConfig(c.env ?? {});
    c.set("config", config);
    c.set("db", createDb(config));
    let stripe: StripeClient | null | undefined;
    c.set("stripe", () => {
      if (stripe === undefined) stripe = createStripeClient(config);
      return stripe;
    });
    await next();
  });
}
