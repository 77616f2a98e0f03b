import { createMiddleware } from "hono/factory";
import type { Config } from "../../env";
import type { AppEnv } from "../../http/app-env";

// Every owner page is private to one business: never cached, framed, indexed or sent as a
// referrer to another site (the detail page holds the customer's secret link). Scripts run only with this
// response's nonce: the share, copy, passkey and form helpers are inline.

// Browsers hold a form post's redirect to form-action too: the online payments page's button
// redirects to Stripe's hosted onboarding (or, locally, to the stand-in's), so that page, and
// only that page, lets its forms lead there.
const ONBOARDING_ORIGIN = "https://connect.stripe.com";

function formTargets(path: string, config: Config | undefined): string[] {
  if (!path.startsWith("/app/settings/payments")) return ["'self'"];
  const local = config?.STRIPE_API_URL ? [new URL(config.STRIPE_API_URL).origin] : [];
  return ["'self'", ONBOARDING_ORIGIN, ...local];
}

export function ownerHeaders() {
  return createMiddleware<AppEnv>(async (c, next) => {
    c.set("scriptNonce", crypto.randomUUID().replace(/-/g, ""));
    await next();
    const headers = c.res.headers;
    headers.set("Cache-Control", "private, no-store");
    // same-origin, not no-referrer: with no-referrer a form post carries "Origin: null",
    // which the origin check must refuse; other sites still get no referrer.
    headers.set("Referrer-Policy", "same-origin");
    headers.set("X-Robots-Tag", "noindex, nofollow");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set(
      "Content-Security-Policy",
      [
        "default-src 'none'",
        `script-src 'nonce-${c.var.scriptNonce}'`,
        "style-src 'unsafe-inline'",
        "img-src 'self' https: data:",
        "connect-src 'self'",
        `form-action ${formTargets(c.req.path, c.var.config).join(" ")}`,
        "base-uri 'none'",
        "frame-ancestors 'none'",
      ].join("; "),
    );
  });
}
