import type { Context } from "hono";
import type { Db } from "../../db/client";
import type { Config } from "../env";
import type { StripeClient } from "../platform/stripe-client";
import type { PortalPage } from "../views/page-model";
import type { AfterResponse } from "./after-response";

/** Renders a portal page model to HTML (Astro in the Worker, a stand-in in unit tests). */
export type PageRenderer = (c: Context<AppEnv>, page: PortalPage) => Response | Promise<Response>;

export interface AppVariables {
  requestId: string;
  config: Config;
  db: Db;
  /**
   * The Stripe client for this request, built on first use (the SDK is imported then); null when
   * Stripe is not set up.
   */
  stripe: () => Promise<StripeClient | null>;
  /** Queues work to run after the response (`waitUntil`); the test app awaits it. */
  afterResponse: AfterResponse;
  /** The clock, injectable so tests can move time. */
  now: () => Date;
  renderPage: PageRenderer;
  /** Outbound fetch (a logo URL, once, when it is set); injectable so tests need no network. */
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
  /** Nonce of the portal page's one inline script, matching its CSP header. */
  scriptNonce: string;
}

/** The one app type: every handler sees the same bindings and per-request services. */
export interface AppEnv {
  Bindings: Record<string, unknown>;
  Variables: AppVariables;
}

export type AppContext = Context<AppEnv>;
