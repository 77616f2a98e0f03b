import { createECDH, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateVapidKeys } from "../../scripts/lib/vapid-keys";
import { decryptPush, vapidProblem } from "../../test/support/push-endpoint";
import { encryptPayload, pushRequest, vapidAuthorization } from "./web-push";

// The WebCrypto sender against the test push service's node:crypto receiver: two independent
// implementations of RFC 8291 and RFC 8292 must agree.

function browser() {
  const ecdh = createECDH("prime256v1");
  const publicKey = ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    ecdh,
    publicKey,
    auth,
    target: {
      endpoint: "https://push.example.net/send/abc",
      p256dh: publicKey.toString("base64url"),
      auth: auth.toString("base64url"),
    },
  };
}

const now = new Date("2026-12-02T12:00:00Z");

describe("Web Push encryption (aes128gcm)", () => {
  it("is decrypted by the browser's keys, and by nothing else", async () => {
    const phone = browser();
    const text = JSON.stringify({ title: "Sam opened invoice GL-2001 · ñ ✓" });
    const body = Buffer.from(await encryptPayload(phone.target, new TextEncoder().encode(text)));
    expect(decryptPush(body, phone)).toBe(text);
    const other = browser();
    expect(() => decryptPush(body, { ...other, auth: phone.auth })).toThrow();
    const tampered = Buffer.from(body);
    tampered[tampered.length - 1] = (tampered.at(-1) ?? 0) ^ 1;
    expect(() => decryptPush(tampered, phone)).toThrow();
  });

  it("uses a fresh key and salt for every message", async () => {
    const phone = browser();
    const payload = new TextEncoder().encode("same");
    const [a, b] = await Promise.all([
      encryptPayload(phone.target, payload),
      encryptPayload(phone.target, payload),
    ]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });

  it("refuses a message too long for one record", async () => {
    const phone = browser();
    await expect(encryptPayload(phone.target, new Uint8Array(4000))).rejects.toThrow(/too long/);
  });
});

describe("VAPID", () => {
  it("signs a token for the push service's origin that verifies with the public key", async () => {
    const keys = await generateVapidKeys();
    const vapid = { ...keys, subject: "mailto:owner@example.com" };
    const header = await vapidAuthorization("https://push.example.net/send/abc", vapid, now);
    const expected = {
      audience: "https://push.example.net",
      applicationServerKey: keys.publicKey,
      now: now.getTime(),
    };
    expect(vapidProblem(header, expected)).toBeNull();
    expect(vapidProblem(header, { ...expected, audience: "https://other.example" })).toMatch(/aud/);
    const stranger = await generateVapidKeys();
    expect(vapidProblem(header, { ...expected, applicationServerKey: stranger.publicKey })).toMatch(
      /server key/,
    );
    // The same token claimed under another key fails its signature.
    const forged = header.replace(/k=[\w-]+$/, `k=${stranger.publicKey}`);
    expect(vapidProblem(forged, { ...expected, applicationServerKey: stranger.publicKey })).toMatch(
      /signature/,
    );
    expect(vapidProblem(header, { ...expected, now: now.getTime() + 13 * 3600_000 })).toMatch(
      /exp/,
    );
  });

  it("builds the whole request: headers a push service requires and the encrypted body", async () => {
    const phone = browser();
    const keys = await generateVapidKeys();
    const init = await pushRequest(
      phone.target,
      '{"title":"x"}',
      { ...keys, subject: "https://pay.example.com" },
      now,
    );
    const headers = new Headers(init.headers);
    expect(headers.get("Content-Encoding")).toBe("aes128gcm");
    expect(Number(headers.get("TTL"))).toBeGreaterThan(0);
    expect(decryptPush(Buffer.from(init.body as Uint8Array), phone)).toBe('{"title":"x"}');
  });
});
