// Owner preview links: the portal URL plus `?preview=<expiry>.<signature>`. A valid signature
// shows the page without the view beacon, so the owner's own look never counts as a view.

const encoder = new TextEncoder();

async function hmac(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const signature = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(message)));
  let binary = "";
  for (const byte of signature) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** A preview parameter for a link, valid until `expiresAt`. */
export async function signPreview(
  secret: string,
  linkId: string,
  expiresAt: Date,
): Promise<string> {
  const expiry = Math.floor(expiresAt.getTime() / 1000).toString();
  return `${expiry}.${await hmac(secret, `preview:${linkId}:${expiry}`)}`;
}

/** Whether a preview parameter is genuine, for this link, and not expired. */
export async function verifyPreview(
  secret: string,
  linkId: string,
  value: string | undefined,
  now: Date,
): Promise<boolean> {
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value ?? "");
  if (!match) return false;
  const [, expiry = "", signature = ""] = match;
  if (Number(expiry) * 1000 < now.getTime()) return false;
  const expected = await hmac(secret, `preview:${linkId}:${expiry}`);
  // Compare without an early exit so timing does not reveal a matching prefix.
  let difference = expected.length ^ signature.length;
  for (let i = 0; i < expected.length; i++) {
    difference |= expected.charCodeAt(i) ^ signature.charCodeAt(i);
  }
  return difference === 0;
}
