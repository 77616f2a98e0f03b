import { type Context, Hono } from "hono";
import type { AppEnv } from "../../http/app-env";
import { CeremonyError, registerPasskey, signIn, startCeremony } from "../../owners/ceremonies";
import { clientKey, countAttempt, LIMITS } from "../../owners/rate-limit";
import { SESSION_TTL_MS } from "../../owners/session-token";
import { setupLinkRead } from "../../owners/setup-links";
import { clientKind } from "../../portal/visitor";
import { line } from "../api/schemas/common";
import { appOrigin } from "./guard";
import { labels, messagePage, renderOwner } from "./page";
import { sessionCookie } from "./session-cookie";

// Signing in and registering passkeys. The pages are plain HTML with one small script that
// asks the browser's authenticator and posts its answer as JSON; the answer sets the cookie.

export const passkeyRoutes = new Hono<AppEnv>();

const MAX_BODY = 32 * 1024;

async function readBody(c: Context<AppEnv>): Promise<Record<string, unknown> | null> {
  const text = await c.req.text();
  if (text.length > MAX_BODY) return null;
  try {
    const body: unknown = JSON.parse(text);
    return typeof body === "object" && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

const str = (value: unknown, max = 2048) =>
  typeof value === "string" && value.length <= max ? value : "";

/** The name the owner gave this device: one line of printable text, or nothing. */
function deviceName(value: unknown): string {
  const parsed = line(60).safeParse(value);
  return parsed.success ? parsed.data : "";
}

function relyingParty(c: Context<AppEnv>) {
  const url = appOrigin(c);
  return { rpId: url.hostname, origin: url.origin };
}

function failure(c: Context<AppEnv>, error: unknown) {
  if (!(error instanceof CeremonyError)) throw error;
  const { t } = labels(c);
  const message = {
    expired: t.signInExpired,
    rejected: t.signInFailed,
    rate_limited: t.rateLimited,
  }[error.reason];
  return c.json({ error: message }, error.reason === "rate_limited" ? 429 : 400);
}

function signedIn(c: Context<AppEnv>, token: string) {
  c.header("Set-Cookie", sessionCookie(token, SESSION_TTL_MS / 1000));
  return c.json({ redirect: "/app" });
}

passkeyRoutes.get("/sign-in", (c) => {
  const { t } = labels(c);
  return renderOwner(c, 200, { name: "sign_in", error: null }, { title: t.signIn });
});

passkeyRoutes.post("/sign-in/options", async (c) => {
  const { db, now } = c.var;
  // Counted here too, so a client cannot ask for challenges without limit.
  const key = await clientKey(c.req.header("CF-Connecting-IP"));
  if (!(await countAttempt(db, [{ key, limit: LIMITS.client }], now())).allowed) {
    return c.json({ error: labels(c).t.rateLimited }, 429);
  }
  const { challengeId, challenge } = await startCeremony(db, { purpose: "sign_in", now: now() });
  return c.json({ challengeId, challenge, rpId: relyingParty(c).rpId });
});

passkeyRoutes.post("/sign-in", async (c) => {
  const body = await readBody(c);
  const response = (body?.response ?? {}) as Record<string, unknown>;
  try {
    const { token } = await signIn(c.var.db, {
      challengeId: str(body?.challengeId, 64),
      credentialId: str(body?.id),
      response,
      expected: relyingParty(c),
      clientKey: await clientKey(c.req.header("CF-Connecting-IP")),
      clientKind: clientKind(c.req.header("User-Agent")),
      now: c.var.now(),
    });
    return signedIn(c, token);
  } catch (error) {
    return failure(c, error);
  }
});

passkeyRoutes.get("/setup/:token", async (c) => {
  const { t } = labels(c);
  const link = await setupLinkRead(c.var.db, c.req.param("token"), c.var.now());
  if (!link)
    return messagePage(c, 410, t.setupGoneTitle, t.setupGone, {
      href: "/app/sign-in",
      label: t.signIn,
    });
  return renderOwner(
    c,
    200,
    { name: "setup", token: c.req.param("token"), businessName: link.businessName },
    { title: t.setupButton },
  );
});

passkeyRoutes.post("/setup/:token/options", async (c) => {
  const { db, now } = c.var;
  const link = await setupLinkRead(db, c.req.param("token"), now());
  if (!link) return c.json({ error: labels(c).t.setupGone }, 410);
  const { challengeId, challenge } = await startCeremony(db, {
    purpose: "register",
    setupLinkId: link.id,
    now: now(),
  });
  return c.json({
    challengeId,
    challenge,
    rp: { id: relyingParty(c).rpId, name: link.businessName },
    // The business is the account: every passkey registered through its links signs in to it.
    user: { id: link.businessId, name: link.businessName },
  });
});

passkeyRoutes.post("/setup/:token", async (c) => {
  const body = await readBody(c);
  try {
    const { token } = await registerPasskey(c.var.db, {
      setupToken: c.req.param("token"),
      challengeId: str(body?.challengeId, 64),
      response: (body?.response ?? {}) as Record<string, unknown>,
      name: deviceName(body?.name) || labels(c).t[`kind_${clientKind(c.req.header("User-Agent"))}`],
      expected: relyingParty(c),
      clientKind: clientKind(c.req.header("User-Agent")),
      now: c.var.now(),
    });
    return signedIn(c, token);
  } catch (error) {
    return failure(c, error);
  }
});
