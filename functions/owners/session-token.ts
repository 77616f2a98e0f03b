// The owner's session token: 256 random bits, base64url. Only its SHA-256 is stored.

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function newSessionToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Whether a presented token could be one of ours (before spending a lookup on it). */
export function isWellFormedSessionToken(token: string | undefined): token is string {
  return token !== undefined && TOKEN_SHAPE.test(token);
}
