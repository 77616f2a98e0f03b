import {
  createDecipheriv,
  createECDH,
  createPublicKey,
  hkdfSync,
  randomBytes,
  randomUUID,
  verify,
} from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// A local push service for the tests: it hands out subscriptions (a P-256 key pair and an auth
// secret per subscription, as a browser makes them), receives the Worker's Web Push POSTs, checks
// the VAPID token (RFC 8292) and decrypts each message (RFC 8291) with the subscription's private
// key. Written with node:crypto (ECDH, HKDF, AES-GCM), independent of the Worker's WebCrypto
// sender, so a mistake on either side shows up as a message that does not decrypt.
//
// Control routes, used by the tests over HTTP:
//   POST /subscriptions {applicationServerKey}  → a browser-like subscription, with its id
//   POST /subscriptions/:id/answer {status}     → the status pushes to it are answered with
//   GET  /subscriptions/:id/messages            → what it received: decrypted, or why not

export interface ReceivedPush {
  /** The decrypted payload, when the message was accepted. */
  text: string | null;
  /** Why it was refused (bad token, wrong audience, undecryptable…); null when accepted. */
  problem: string | null;
  ttl: string | null;
  urgency: string | null;
}

interface Subscription {
  ecdh: ReturnType<typeof createECDH>;
  publicKey: Buffer;
  auth: Buffer;
  applicationServerKey: string;
  answer: number;
  received: ReceivedPush[];
}

const b64url = (bytes: Buffer) => bytes.toString("base64url");

/** Decrypts one aes128gcm body (RFC 8188 framing, RFC 8291 keys) with the browser's secrets. */
export function decryptPush(
  body: Buffer,
  browser: { ecdh: ReturnType<typeof createECDH>; publicKey: Buffer; auth: Buffer },
): string {
  if (body.length < 21) throw new Error("body shorter than the aes128gcm header");
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20] ?? 0;
  const senderKey = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  if (idLength !== 65) throw new Error(`key id of ${idLength} bytes, not a P-256 point`);
  if (ciphertext.length > recordSize) throw new Error("more than one record");
  const shared = browser.ecdh.computeSecret(senderKey);
  const info = Buffer.concat([Buffer.from("WebPush: info\0"), browser.publicKey, senderKey]);
  const ikm = Buffer.from(hkdfSync("sha256", shared, browser.auth, info, 32));
  const derive = (label: string, length: number) =>
    Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from(label), length));
  const key = derive("Content-Encoding: aes128gcm\0", 16);
  const nonce = derive("Content-Encoding: nonce\0", 12);
  const decipher = createDecipheriv("aes-128-gcm", key, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([
    decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
    decipher.final(),
  ]);
  // The last record: content, then the delimiter 2, then any zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error("last record delimiter missing");
  return padded.subarray(0, end).toString("utf8");
}

/** Checks `Authorization: vapid t=…, k=…` as a push service does; returns the problem or null. */
export function vapidProblem(
  header: string | undefined,
  expected: { audience: string; applicationServerKey: string; now: number },
): string | null {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(header ?? "");
  if (!match) return "Authorization is not a VAPID token";
  const [, token = "", k = ""] = match;
  if (k !== expected.applicationServerKey) return "k is not the subscription's server key";
  const [head = "", claims = "", signature = ""] = token.split(".");
  const json = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  if (json(head).alg !== "ES256") return "alg is not ES256";
  const point = Buffer.from(k, "base64url");
  const key = createPublicKey({
    key: {
      kty: "EC",
      crv: "P-256",
      x: b64url(point.subarray(1, 33)),
      y: b64url(point.subarray(33, 65)),
    },
    format: "jwk",
  });
  const signed = verify(
    "sha256",
    Buffer.from(`${head}.${claims}`),
    { key, dsaEncoding: "ieee-p1363" },
    Buffer.from(signature, "base64url"),
  );
  if (!signed) return "signature does not verify";
  const body = json(claims) as { aud?: unknown; exp?: unknown; sub?: unknown };
  if (body.aud !== expected.audience) return `aud ${String(body.aud)} is not ${expected.audience}`;
  const seconds = expected.now / 1000;
  if (typeof body.exp !== "number" || body.exp <= seconds || body.exp > seconds + 24 * 3600) {
    return "exp is not within the next 24 hours";
  }
  if (typeof body.sub !== "string" || !/^(mailto:|https:)/.test(body.sub)) {
    return "sub is not a mailto: or https: contact";
  }
  return null;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(response: ServerResponse, status: number, body?: unknown) {
  response.writeHead(status, { "Content-Type": "application/json" });
  response.end(body === undefined ? "" : JSON.stringify(body));
}

export interface PushEndpoint {
  url: string;
  close(): Promise<void>;
}

export async function startPushEndpoint(): Promise<PushEndpoint> {
  const subscriptions = new Map<string, Subscription>();
  let origin = "";

  const server = createServer(async (request, response) => {
    try {
      const path = new URL(request.url ?? "/", origin).pathname;
      const body = await readBody(request);
      const push = /^\/push\/([\w-]+)$/.exec(path);
      if (push && request.method === "POST") {
        const subscription = subscriptions.get(push[1] ?? "");
        if (!subscription) return send(response, 404);
        const received: ReceivedPush = {
          text: null,
          problem: null,
          ttl: request.headers.ttl?.toString() ?? null,
          urgency: request.headers.urgency?.toString() ?? null,
        };
        received.problem =
          vapidProblem(request.headers.authorization, {
            audience: origin,
            applicationServerKey: subscription.applicationServerKey,
            now: Date.now(),
          }) ??
          (request.headers["content-encoding"] !== "aes128gcm"
            ? "Content-Encoding is not aes128gcm"
            : null) ??
          (received.ttl === null ? "TTL header missing" : null);
        if (!received.problem) {
          try {
            received.text = decryptPush(body, subscription);
          } catch (error) {
            received.problem = `does not decrypt: ${(error as Error).message}`;
          }
        }
        subscription.received.push(received);
        if (received.problem) return send(response, 400, { problem: received.problem });
        return send(response, subscription.answer);
      }
      if (path === "/subscriptions" && request.method === "POST") {
        const { applicationServerKey } = JSON.parse(body.toString("utf8")) as {
          applicationServerKey: string;
        };
        const ecdh = createECDH("prime256v1");
        const publicKey = ecdh.generateKeys();
        const auth = randomBytes(16);
        const id = randomUUID();
        subscriptions.set(id, {
          ecdh,
          publicKey,
          auth,
          applicationServerKey,
          answer: 201,
          received: [],
        });
        return send(response, 200, {
          id,
          endpoint: `${origin}/push/${id}`,
          keys: { p256dh: b64url(publicKey), auth: b64url(auth) },
        });
      }
      const control = /^\/subscriptions\/([\w-]+)\/(answer|messages)$/.exec(path);
      const subscription = control ? subscriptions.get(control[1] ?? "") : undefined;
      if (!control || !subscription) return send(response, 404);
      if (control[2] === "answer" && request.method === "POST") {
        subscription.answer = (JSON.parse(body.toString("utf8")) as { status: number }).status;
        return send(response, 200, {});
      }
      return send(response, 200, { received: subscription.received });
    } catch (error) {
      send(response, 500, { problem: String(error) });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
