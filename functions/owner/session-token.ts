import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { sha256Hex } from "../domain/tokens";

// The owner's session cookie: 256 random bits, readable only by the server (HttpOnly), sent only
// over HTTPS (Secure; browsers treat http://localhost as secure too), only to the app's paths,
// and not on cross-site requests other than top-level links (SameSite=Lax).

export const SESSION_COOKIE = "owner_session";
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
export const APP_PATH = "/app";

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function newSessionToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

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
  if (!token || !TOKEN_SHAPE.test(token)) return null;
  return sha256Hex(token);
}
