import { decodePKIXECDSASignature, ECDSAPublicKey, p256 } from "@oslojs/crypto/ecdsa";
import { RSAPublicKey } from "@oslojs/crypto/rsa";
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from "@oslojs/encoding";
import {
  ClientDataType,
  COSEKeyType,
  type COSEPublicKey,
  coseAlgorithmEdDSA,
  coseAlgorithmES256,
  coseAlgorithmRS256,
  coseEllipticCurveEd25519,
  coseEllipticCurveP256,
  createAssertionSignatureMessage,
  parseAttestationObject,
  parseAuthenticatorData,
  parseClientDataJSON,
} from "@oslojs/webauthn";

// Checks WebAuthn answers with @oslojs/webauthn (parsing) and WebCrypto (signatures). Loaded only
// by the sign-in and registration routes (dynamic import), so no other request pays for it.
// No attestation is asked for: an owner's own passkey needs no proof of its maker.

/** The algorithms offered to authenticators, in order of preference. */
export const ALGORITHMS = [coseAlgorithmES256, coseAlgorithmEdDSA, coseAlgorithmRS256];

export class WebAuthnError extends Error {}

export interface Expected {
  challenge: string;
  origin: string;
  rpId: string;
}

export interface NewCredential {
  credentialId: string;
  publicKey: Uint8Array;
  algorithm: number;
  signCount: number;
}

function bytes(value: unknown, name: string): Uint8Array {
  if (typeof value !== "string" || value.length > 16_384)
    throw new WebAuthnError(`${name} missing`);
  try {
    return decodeBase64urlIgnorePadding(value);
  } catch {
    throw new WebAuthnError(`${name} is not base64url`);
  }
}

function checkClientData(encoded: Uint8Array, type: ClientDataType, expected: Expected): void {
  let client: ReturnType<typeof parseClientDataJSON>;
  try {
    client = parseClientDataJSON(encoded);
  } catch {
    throw new WebAuthnError("client data unreadable");
  }
  if (client.type !== type) throw new WebAuthnError("wrong ceremony");
  if (encodeBase64urlNoPadding(client.challenge) !== expected.challenge) {
    throw new WebAuthnError("wrong challenge");
  }
  if (client.origin !== expected.origin) throw new WebAuthnError("wrong origin");
  if (client.crossOrigin) throw new WebAuthnError("cross-origin use");
}

/** Verifies a registration (navigator.credentials.create) and returns the key to store. */
export function verifyRegistration(
  response: { clientDataJSON?: unknown; attestationObject?: unknown },
  expected: Expected,
): NewCredential {
  checkClientData(
    bytes(response.clientDataJSON, "clientDataJSON"),
    ClientDataType.Create,
    expected,
  );
  let authData: ReturnType<typeof parseAttestationObject>["authenticatorData"];
  try {
    authData = parseAttestationObject(
      bytes(response.attestationObject, "attestationObject"),
    ).authenticatorData;
  } catch {
    throw new WebAuthnError("attestation unreadable");
  }
  if (!authData.verifyRelyingPartyIdHash(expected.rpId)) throw new WebAuthnError("wrong rp id");
  if (!authData.userPresent || !authData.userVerified) throw new WebAuthnError("user not verified");
  const credential = authData.credential;
  if (!credential) throw new WebAuthnError("no credential");
  return {
    credentialId: encodeBase64urlNoPadding(credential.id),
    ...storedKey(credential.publicKey),
    signCount: authData.signatureCounter,
  };
}

function storedKey(key: COSEPublicKey): { publicKey: Uint8Array; algorithm: number } {
  try {
    const algorithm = key.algorithm();
    if (algorithm === coseAlgorithmES256 && key.type() === COSEKeyType.EC2) {
      const ec = key.ec2();
      if (ec.curve !== coseEllipticCurveP256) throw new WebAuthnError("unsupported curve");
      return {
        publicKey: new ECDSAPublicKey(p256, ec.x, ec.y).encodePKIXUncompressed(),
        algorithm,
      };
    }
    if (algorithm === coseAlgorithmRS256 && key.type() === COSEKeyType.RSA) {
      const rsa = key.rsa();
      return { publicKey: new RSAPublicKey(rsa.n, rsa.e).encodePKIX(), algorithm };
    }
    if (algorithm === coseAlgorithmEdDSA && key.type() === COSEKeyType.OKP) {
      const okp = key.okp();
      if (okp.curve !== coseEllipticCurveEd25519) throw new WebAuthnError("unsupported curve");
      return { publicKey: okp.x, algorithm };
    }
  } catch (error) {
    if (error instanceof WebAuthnError) throw error;
    throw new WebAuthnError("public key unreadable");
  }
  throw new WebAuthnError("unsupported algorithm");
}

/** Verifies a sign-in assertion against a stored key; returns the new signature counter. */
export async function verifyAssertion(
  response: { clientDataJSON?: unknown; authenticatorData?: unknown; signature?: unknown },
  stored: { publicKey: Uint8Array; algorithm: number; signCount: number },
  expected: Expected,
): Promise<{ signCount: number }> {
  const clientData = bytes(response.clientDataJSON, "clientDataJSON");
  const authBytes = bytes(response.authenticatorData, "authenticatorData");
  const signature = bytes(response.signature, "signature");
  checkClientData(clientData, ClientDataType.Get, expected);
  let authData: ReturnType<typeof parseAuthenticatorData>;
  try {
    authData = parseAuthenticatorData(authBytes);
  } catch {
    throw new WebAuthnError("authenticator data unreadable");
  }
  if (!authData.verifyRelyingPartyIdHash(expected.rpId)) throw new WebAuthnError("wrong rp id");
  if (!authData.userPresent || !authData.userVerified) throw new WebAuthnError("user not verified");
  const message = createAssertionSignatureMessage(authBytes, clientData);
  if (!(await verifySignature(stored, message, signature))) {
    throw new WebAuthnError("bad signature");
  }
  // A counter that does not grow (when the authenticator keeps one) hints at a cloned key.
  if (authData.signatureCounter !== 0 || stored.signCount !== 0) {
    if (authData.signatureCounter <= stored.signCount) throw new WebAuthnError("counter replay");
  }
  return { signCount: authData.signatureCounter };
}

async function verifySignature(
  stored: { publicKey: Uint8Array; algorithm: number },
  message: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  const subtle = crypto.subtle;
  // Copies give WebCrypto the plain ArrayBuffer-backed views it is typed for.
  const key = new Uint8Array(stored.publicKey);
  const data = new Uint8Array(message);
  const sig = new Uint8Array(signature);
  try {
    if (stored.algorithm === coseAlgorithmES256) {
      const params = { name: "ECDSA", namedCurve: "P-256" };
      const imported = await subtle.importKey("spki", key, params, false, ["verify"]);
      const raw = new Uint8Array(decodePKIXECDSASignature(sig).encodeIEEEP1363(p256));
      return await subtle.verify({ name: "ECDSA", hash: "SHA-256" }, imported, raw, data);
    }
    if (stored.algorithm === coseAlgorithmRS256) {
      const params = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
      const imported = await subtle.importKey("spki", key, params, false, ["verify"]);
      return await subtle.verify("RSASSA-PKCS1-v1_5", imported, sig, data);
    }
    if (stored.algorithm === coseAlgorithmEdDSA) {
      const imported = await subtle.importKey("raw", key, "Ed25519", false, ["verify"]);
      return await subtle.verify("Ed25519", imported, sig, data);
    }
  } catch {
    return false;
  }
  return false;
}
