import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../http/app-env";
import { sessionRead } from "../../owners/sessions";
import type { OwnerEnv } from "./owner-env";
import { labels, messagePage } from "./page";
import { presentedSessionHash } from "./session-cookie";

/** The app's own origin, as the browser addressed it (WebAuthn's origin and RP id follow it). */
export function appOrigin(c: Context): URL {
  return new URL(c.req.url);
}

/**
 * Every state-changing request must come from the app's own pages: browsers send `Origin` with
 * every POST, and a form on another site carries that site's origin (or "null").
 */
export const sameOrigin = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method === "GET" || c.req.method === "HEAD") return next();
  if (c.req.header("Origin") !== appOrigin(c).origin) {
    const { t } = labels(c);
    return messagePage(c, 403, t.forbiddenTitle, t.forbiddenBody, {
      href: "/app",
      label: t.invoices,
    });
  }
  return next();
});

export const SIGN_IN_PATH = "/app/sign-in";

/** For form posts: one read of the session; without a live one, off to sign in. */
export const requireSession = createMiddleware<OwnerEnv>(async (c, next) => {
  const hash = await presentedSessionHash(c);
  const [row] = hash ? await sessionRead(c.var.db, hash, c.var.now()) : [];
  if (!hash || !row) return c.redirect(SIGN_IN_PATH, 303);
  c.set("owner", {
    businessId: row.business.id,
    sessionId: row.sessionId,
    business: row.business,
    sessionHash: hash,
  });
  return next();
});
