import { Hono } from "hono";
import { endSession } from "../../owners/sessions";
import { requireSession, SIGN_IN_PATH } from "./guard";
import type { OwnerEnv } from "./owner-env";
import { clearedSessionCookie } from "./session-cookie";

// Signing out ends this browser's session in the database, not only its cookie.

export const sessionRoutes = new Hono<OwnerEnv>();

sessionRoutes.post("/sign-out", requireSession, async (c) => {
  const { owner } = c.var;
  await endSession(c.var.db, {
    businessId: owner.businessId,
    sessionId: owner.sessionId,
    now: c.var.now(),
  });
  c.header("Set-Cookie", clearedSessionCookie());
  return c.redirect(SIGN_IN_PATH, 303);
});
