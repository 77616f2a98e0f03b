import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { sha256Hex } from "../../domain/tokens";
import { isWellFormedSessionToken } from "../../owners/session-token";

// The owner's session cookie: readable only by the server (HttpOnly), sent only over HTTPS
// (Secure; browsers treat http://localhost as secure too), only to the app's paths, and not on
// cross-site requests other than top-level links (SameSite=Lax).

export const SESSION_COOKIE = "owner_session";
export const APP_PATH = "/app";

export function sessionCookie(token: string, maxAgeSeconds: number): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    `Path=${APP_PATH}`,
    `Max-Age=${maxAgeSeconds}`,
    "HttpOnly",
    "Secure",
    "SameSite=Lax",
  ].join("; ");
}

export function clearedSessionCookie(): string {
  return sessionCookie("", 0);
}

/** The SHA-256 of the presented session token, or null when there is none worth a lookup. */
export async function presentedSessionHash(c: Context): Promise<string | null> {
  const token = getCookie(c, SESSION_COOKIE);
  return isWellFormedSessionToken(token) ? sha256Hex(token) : null;
}
