import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../http/app-env";

// A secret link must not leak through referrers, caches, search engines or frames, and the page
// runs no script but its own beacon (allowed by a per-request nonce).

export function portalHeaders() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const nonce = crypto.randomUUID().replace(/-/g, "");
    c.set("scriptNonce", nonce);
    await next();
    const checkoutOrigins = ["https://checkout.stripe.com"];
    const apiUrl = c.var.config?.STRIPE_API_URL;
    if (apiUrl) checkoutOrigins.push(new URL(apiUrl).origin);
    const headers = c.res.headers;
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("X-Robots-Tag", "noindex, nofollow, noarchive");
    // Private always; a handler may choose revalidation (the PDF's ETag) over no-store.
    if (!headers.get("Cache-Control")?.startsWith("private")) {
      headers.set("Cache-Control", "private, no-store");
    }
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set(
      "Content-Security-Policy",
      [
        "default-src 'none'",
        `script-src 'nonce-${nonce}'`,
        // Styles are inlined in the page (no extra request); brand colours are CSS variables.
        "style-src 'unsafe-inline'",
        "img-src 'self' https: data:",
        "connect-src 'self'",
        // Pay Now posts here and is redirected to Checkout; browsers check redirects too.
        `form-action 'self' ${checkoutOrigins.join(" ")}`,
        "base-uri 'none'",
        "frame-ancestors 'none'",
      ].join("; "),
    );
  });
}
