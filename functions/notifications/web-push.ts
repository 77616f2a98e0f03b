// One Web Push message, built with WebCrypto only: the payload encrypted to the browser's keys
// (RFC 8291, "aes128gcm" content coding of RFC 8188) and the sender identified by a VAPID token
// (RFC 8292). Small on purpose: this is all the Worker needs to reach a phone, and it is loaded
// only when a notice is actually sent.

/** Where a browser receives pushes, with its keys (base64url, as `PushSubscription.toJSON()`). */
export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** The application server's identity: an ECDSA P-256 key pair (base64url) and a contact. */
export interface VapidKeys {
  /** The uncompressed public point, 65 bytes. */
  publicKey: string;
  /** The private scalar d, 32 bytes. */
  privateKey: string;
  /** `mailto:` or `https:` address the push service may contact. */
  subject: string;
}

/** A single record holds the whole message; push services accept at most 4096 bytes. */
const RECORD_SIZE = 4096;
/** How long the push service keeps a message for a phone that is offline (seconds). */
const TTL_SECONDS = 24 * 60 * 60;
/** A VAPID token is valid for at most 24 hours; 12 leaves room for clock skew. */
const TOKEN_LIFETIME_SECONDS = 12 * 60 * 60;

const encoder = new TextEncoder();

export function base64urlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

export function bytesToBase64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

async function hkdf(
  salt: Uint8Array<ArrayBuffer>,
  ikm: Uint8Array<ArrayBuffer>,
  info: Uint8Array<ArrayBuffer>,
  bytes: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const key = await crypto.subtle.importKey("raw", ikm, "HKDF", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits(
    { name: "HKDF", hash: "SHA-256", salt, info },
    key,
    bytes * 8,
  );
  return new Uint8Array(bits);
}

/**
 * The aes128gcm body for one subscription (RFC 8291 §3.4): a fresh ECDH key pair per message,
 * its shared secret with the browser's key mixed with the browser's auth secret, one record.
 */
export async function encryptPayload(
  target: Pick<PushTarget, "p256dh" | "auth">,
  plaintext: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  const uaPublic = base64urlToBytes(target.p256dh);
  const authSecret = base64urlToBytes(target.auth);
  const ecdh = { name: "ECDH", namedCurve: "P-256" } as const;
  const browserKey = await crypto.subtle.importKey("raw", uaPublic, ecdh, false, []);
  const local = (await crypto.subtle.generateKey(ecdh, true, ["deriveBits"])) as CryptoKeyPair;
  const asPublic = new Uint8Array(
    (await crypto.subtle.exportKey("raw", local.publicKey)) as ArrayBuffer,
  );
  const shared = new Uint8Array(
    await crypto.subtle.deriveBits({ name: "ECDH", public: browserKey }, local.privateKey, 256),
  );
  const keyInfo = concat(encoder.encode("WebPush: info\0"), uaPublic, asPublic);
  const ikm = await hkdf(authSecret, shared, keyInfo, 32);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const cek = await hkdf(salt, ikm, encoder.encode("Content-Encoding: aes128gcm\0"), 16);
  const nonce = await hkdf(salt, ikm, encoder.encode("Content-Encoding: nonce\0"), 12);
  // The last (and only) record ends with the delimiter 0x02; no further padding.
  const padded = concat(plaintext, new Uint8Array([2]));
  if (padded.length + 16 + 86 > RECORD_SIZE) throw new Error("Push message too long");
  const aes = await crypto.subtle.importKey("raw", cek, "AES-GCM", false, ["encrypt"]);
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: "AES-GCM", iv: nonce }, aes, padded),
  );
  const header = new Uint8Array(16 + 4 + 1);
  header.set(salt, 0);
  new DataView(header.buffer).setUint32(16, RECORD_SIZE);
  header[20] = asPublic.length;
  return concat(header, asPublic, sealed);
}

/** `Authorization: vapid t=<JWT>, k=<public key>` for the push service at the endpoint's origin. */
export async function vapidAuthorization(
  endpoint: string,
  vapid: VapidKeys,
  now: Date,
): Promise<string> {
  const point = base64urlToBytes(vapid.publicKey);
  const key = await crypto.subtle.importKey(
    "jwk",
    {
      kty: "EC",
      crv: "P-256",
      x: bytesToBase64url(point.slice(1, 33)),
      y: bytesToBase64url(point.slice(33, 65)),
      d: vapid.privateKey,
    },
    { name: "ECDSA", namedCurve: "P-256" },
    false,
    ["sign"],
  );
  const json = (value: object) => bytesToBase64url(encoder.encode(JSON.stringify(value)));
  const claims = {
    aud: new URL(endpoint).origin,
    exp: Math.floor(now.getTime() / 1000) + TOKEN_LIFETIME_SECONDS,
    sub: vapid.subject,
  };
  const unsigned = `${json({ typ: "JWT", alg: "ES256" })}.${json(claims)}`;
  // WebCrypto's ECDSA signature is r‖s, the form JWS's ES256 uses.
  const signature = await crypto.subtle.sign(
    { name: "ECDSA", hash: "SHA-256" },
    key,
    encoder.encode(unsigned),
  );
  return `vapid t=${unsigned}.${bytesToBase64url(new Uint8Array(signature))}, k=${vapid.publicKey}`;
}

/** The request that delivers `payload` to one subscription. */
export async function pushRequest(
  target: PushTarget,
  payload: string,
  vapid: VapidKeys,
  now: Date,
): Promise<RequestInit> {
  return {
    method: "POST",
    headers: {
      Authorization: await vapidAuthorization(target.endpoint, vapid, now),
      "Content-Encoding": "aes128gcm",
      "Content-Type": "application/octet-stream",
      TTL: String(TTL_SECONDS),
      Urgency: "high",
    },
    body: await encryptPayload(target, encoder.encode(payload)),
  };
}
