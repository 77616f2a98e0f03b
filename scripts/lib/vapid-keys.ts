import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";

// VAPID key pairs (RFC 8292) in the form the Worker reads: the public key as the uncompressed
// P-256 point and the private key as the scalar d, both base64url, as browsers and push
// libraries write them.

export interface VapidPair {
  publicKey: string;
  privateKey: string;
}

export async function generateVapidKeys(): Promise<VapidPair> {
  const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ]);
  const raw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
  const jwk = await crypto.subtle.exportKey("jwk", pair.privateKey);
  return { publicKey: Buffer.from(raw).toString("base64url"), privateKey: jwk.d as string };
}

/**
 * The local pair, made once and kept in `dir` like the local signing secret: a browser that
 * turned notifications on keeps receiving them across restarts only with the same keys.
 */
export async function localVapidKeys(dir: string): Promise<VapidPair> {
  const file = `${dir}/vapid-keys.json`;
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as VapidPair;
  const pair = await generateVapidKeys();
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(pair), { mode: 0o600 });
  return pair;
}
