// Secret portal tokens and API keys. Only SHA-256 hashes are stored, so a leaked database
// reveals no working link and no usable key.

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** 128 random bits as 22 base64url characters: short enough for a text message. */
export function newPortalToken(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}

/** An owner API key: a readable prefix and 192 random bits. */
export function newApiKey(): string {
  return `sk_portal_${toBase64Url(crypto.getRandomValues(new Uint8Array(24)))}`;
}

/** A portal token must look like one before we spend a database lookup on it. */
export function isWellFormedToken(token: string): boolean {
  return token.length === 22 && BASE64URL.test(token);
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Random, prefixed, URL-safe identifiers for rows (never derived from content or sequence). */
export function newId(prefix: string): string {
  return `${prefix}_${toBase64Url(crypto.getRandomValues(new Uint8Array(12)))}`;
}
