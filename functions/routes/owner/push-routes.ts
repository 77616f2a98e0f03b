import { type Context, Hono } from "hono";
import { vapidKeys } from "../../notifications/push-config";
import { removeSubscription, saveSubscription } from "../../notifications/subscriptions";
import { requireSession } from "./guard";
import type { OwnerEnv } from "./owner-env";
import { labels, redirectWith } from "./page";

// Turning notifications on and off for the signed-in device. The devices page's script asks
// the browser for a push subscription and posts it here as JSON (`PushSubscription.toJSON()`);
// the app's origin check applies as to every post. Turning off also works as a plain form.

export const pushRoutes = new Hono<OwnerEnv>();

/** A subscription is a few hundred bytes; anything much larger is not one. */
const MAX_BODY = 4096;

export interface SubscriptionBody {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** Loopback push endpoints are for local testing; Workers cannot reach them in production. */
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

function endpointProblem(value: unknown): string | null {
  if (typeof value !== "string" || value === "" || value.length > 1024) {
    return "endpoint must be the push service's URL (at most 1024 characters)";
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "endpoint must be a URL";
  }
  const ok = url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname));
  if (!ok || url.username || url.password) return "endpoint must be an https: URL";
  return null;
}

/** base64url without padding, as browsers write the keys; trailing "=" is tolerated. */
function key(value: unknown, length: number): string | null {
  if (typeof value !== "string") return null;
  const bare = value.replace(/=+$/, "");
  return new RegExp(`^[\\w-]{${length}}$`).test(bare) ? bare : null;
}

/** Checks a posted subscription; the error says which part is wrong. */
export function parseSubscription(
  text: string,
): { ok: true; value: SubscriptionBody } | { ok: false; error: string } {
  if (text.length > MAX_BODY) return { ok: false, error: "The body is too large" };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, error: "The body must be JSON: a PushSubscription's toJSON()" };
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, error: "The body must be a JSON object with endpoint and keys" };
  }
  const { endpoint, keys } = body as { endpoint?: unknown; keys?: unknown };
  const problem = endpointProblem(endpoint);
  if (problem) return { ok: false, error: problem };
  const k = (typeof keys === "object" && keys !== null ? keys : {}) as Record<string, unknown>;
  // An uncompressed P-256 point (65 bytes) and a 16-byte secret, base64url.
  const p256dh = key(k.p256dh, 87);
  if (!p256dh?.startsWith("B")) {
    return { ok: false, error: "keys.p256dh must be a P-256 public key (65 bytes, base64url)" };
  }
  const auth = key(k.auth, 22);
  if (!auth) return { ok: false, error: "keys.auth must be 16 bytes, base64url" };
  return { ok: true, value: { endpoint: endpoint as string, p256dh, auth } };
}

/** JSON posts are answered with JSON; a plain form is sent back to the devices page. */
const wantsJson = (c: Context) => (c.req.header("Content-Type") ?? "").includes("json");

pushRoutes.post("/notifications/subscription", requireSession, async (c) => {
  if (!vapidKeys(c.var.config)) {
    return c.json({ error: labels(c).t.notificationsNotSetUp }, 409);
  }
  const parsed = parseSubscription(await c.req.text());
  if (!parsed.ok) return c.json({ error: parsed.error }, 400);
  const { owner } = c.var;
  await saveSubscription(c.var.db, {
    ...parsed.value,
    businessId: owner.businessId,
    sessionId: owner.sessionId,
    now: c.var.now(),
  });
  return c.json({ notifications: "on" }, 201);
});

pushRoutes.post("/notifications/off", requireSession, async (c) => {
  const { owner } = c.var;
  await removeSubscription(c.var.db, { businessId: owner.businessId, sessionId: owner.sessionId });
  if (wantsJson(c)) return c.json({ notifications: "off" });
  return redirectWith(c, "/app/devices", "notifications_off");
});
