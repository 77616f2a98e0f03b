import { createMiddleware } from "hono/factory";
import { createDb } from "../../db/client";
import { ConfigError, readConfig } from "../env";
import { createStripeClient, type StripeClient } from "../platform/stripe-client";
import { afterResponseFor, type KeepAlive } from "./after-response";
import type { AppEnv, PageRenderer } from "./app-env";
import type { RequestLine } from "./request-log";

export interface ServiceOptions {
  renderPage: PageRenderer;
  now?: () => Date;
  /** Outbound fetch; the runtime's own unless a test injects a stand-in. */
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
  /** Where each request's log line goes (console.log in the Worker); none when unset. */
  requestLog?: (line: RequestLine) => void;
  /** Keeps work queued after the response alive; the Worker's `waitUntil` when not given. */
  keepAlive?: KeepAlive;
}

/**
 * Checks the bindings and puts the per-request services on the context, so handlers never
 * build clients themselves. A bad binding throws ConfigError, which onError reports by name.
 */
export function services(options: ServiceOptions) {
  return createMiddleware<AppEnv>(async (c, next) => {
    c.set("renderPage", options.renderPage);
    c.set("now", options.now ?? (() => new Date()));
    c.set("fetch", options.fetch ?? ((input, init) => fetch(input, init)));
    c.set("afterResponse", afterResponseFor(c, options.keepAlive));
    const config = readConfig(c.env ?? {});
    c.set("config", config);
    c.set("db", openDb(config));
    let stripe: Promise<StripeClient | null> | undefined;
    c.set("stripe", () => {
      stripe ??= createStripeClient(config);
      return stripe;
    });
    await next();
  });
}

/**
 * The libSQL client has URL rules of its own (supported query parameters, no fragment, a port
 * with ?tls=0) and throws a LibsqlError for a URL it refuses, which would otherwise pass for a
 * database that is down (503). It is the configuration that is wrong, so say which variable.
 */
function openDb(config: Parameters<typeof createDb>[0]) {
  try {
    return createDb(config);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError([`TURSO_DATABASE_URL is not accepted by the libSQL client: ${reason}`]);
  }
}
