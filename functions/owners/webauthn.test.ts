import { ECDSAPublicKey, p256 } from "@oslojs/crypto/ecdsa";
import { encodeBase64urlNoPadding } from "@oslojs/encoding";
import { coseAlgorithmES256 } from "@oslojs/webauthn";
import { describe, expect, it } from "vitest";
import { verifyAssertion, WebAuthnError } from "./webauthn";

// A sign-in answer made the way an authenticator makes one (P-256, DER signature over
// authenticatorData ‖ SHA-256(clientDataJSON)), checked against each thing that must match.

const expected = {
  challenge: "Y2hhbGxlbmdl",
  origin: "https://pay.example.com",
  rpId: "pay.example.com",
};

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new Uint8Array(bytes)));
}

/** A DER ECDSA signature from WebCrypto's raw r‖s. */
function der(raw: Uint8Array): Uint8Array {
  const int = (part: Uint8Array) => {
    let i = 0;
    while (i < part.length - 1 && part[i] === 0) i++;
    const trimmed = part.slice(i);
    const padded = (trimmed[0] ?? 0) & 0x80 ? Uint8Array.of(0, ...trimmed) : trimmed;
    return Uint8Array.of(0x02, padded.length, ...padded);
  };
  const body = Uint8Array.of(...int(raw.slice(0, 32)), ...int(raw.slice(32)));
  return Uint8Array.of(0x30, body.length, ...body);
}

async function passkey() {
  const pair = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey("jwk", pair.publicKey);
  const big = (b64: string) => BigInt(`0x${Buffer.from(b64, "base64url").toString("hex")}`);
  const publicKey = new ECDSAPublicKey(
    p256,
    big(jwk.x ?? ""),
    big(jwk.y ?? ""),
  ).encodePKIXUncompressed();
  async function answer(
    options: {
      origin?: string;
      challenge?: string;
      rpId?: string;
      counter?: number;
      flags?: number;
    } = {},
  ) {
    const clientData = new TextEncoder().encode(
      JSON.stringify({
        type: "webauthn.get",
        challenge: options.challenge ?? expected.challenge,
        origin: options.origin ?? expected.origin,
        crossOrigin: false,
      }),
    );
    const authData = Uint8Array.of(
      ...(await sha256(new TextEncoder().encode(options.rpId ?? expected.rpId))),
      options.flags ?? 0x05, // user present and verified
      0,
      0,
      0,
      options.counter ?? 7,
    );
    const message = Uint8Array.of(...authData, ...(await sha256(clientData)));
    const raw = new Uint8Array(
      await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, pair.privateKey, message),
    );
    return {
      clientDataJSON: encodeBase64urlNoPadding(clientData),
      authenticatorData: encodeBase64urlNoPadding(authData),
      signature: encodeBase64urlNoPadding(der(raw)),
    };
  }
  return { stored: { publicKey, algorithm: coseAlgorithmES256, signCount: 3 }, answer };
}

describe("verifyAssertion", () => {
  it("accepts the authenticator's answer and returns the new counter", async () => {
    const key = await passkey();
    await expect(verifyAssertion(await key.answer(), key.stored, expected)).resolves.toEqual({
      signCount: 7,
    });
  });

  it.each([
    ["another origin", { origin: "https://evil.example" }],
    ["another challenge", { challenge: "b3RoZXI" }],
    ["another relying party", { rpId: "evil.example" }],
    ["a counter that went back", { counter: 2 }],
    ["no user verification", { flags: 0x01 }],
  ])("refuses %s", async (_, options) => {
    const key = await passkey();
    await expect(verifyAssertion(await key.answer(options), key.stored, expected)).rejects.toThrow(
      WebAuthnError,
    );
  });

  it("refuses another key's signature and garbage", async () => {
    const key = await passkey();
    const other = await passkey();
    await expect(verifyAssertion(await other.answer(), key.stored, expected)).rejects.toThrow(
      WebAuthnError,
    );
    await expect(
      verifyAssertion(
        { clientDataJSON: "!!", authenticatorData: 5, signature: null },
        key.stored,
        expected,
      ),
    ).rejects.toThrow(WebAuthnError);
  });
});
