import { and, eq, gt, isNull, lt } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  type CLIENT_KINDS,
  ownerPasskeys,
  setupLinks,
  type WEBAUTHN_PURPOSES,
  webauthnChallenges,
} from "../../db/schema";
import { newId, sha256Hex } from "../domain/tokens";
import { countAttempt, LIMITS } from "./rate-limit";
import { newSession } from "./sessions";
import type { Expected } from "./webauthn";

// The two passkey ceremonies: registering through a one-time setup link, and signing in. Each
// starts with a challenge stored for a few minutes and consumed by the answer (used once).

export const CHALLENGE_TTL_MS = 5 * 60 * 1000;

type ClientKind = (typeof CLIENT_KINDS)[number];

export type CeremonyFailure =
  | "expired" // the challenge or the setup link is gone: start again
  | "rejected" // the authenticator's answer does not verify
  | "rate_limited";

export class CeremonyError extends Error {
  constructor(readonly reason: CeremonyFailure) {
    super(reason);
  }
}

function randomChallenge(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export async function startCeremony(
  db: Db,
  input: { purpose: (typeof WEBAUTHN_PURPOSES)[number]; setupLinkId?: string; now: Date },
): Promise<{ challengeId: string; challenge: string }> {
  const challengeId = newId("chl");
  const challenge = randomChallenge();
  await db.batch([
    db.insert(webauthnChallenges).values({
      id: challengeId,
      challenge,
      purpose: input.purpose,
      setupLinkId: input.setupLinkId ?? null,
      expiresAt: new Date(input.now.getTime() + CHALLENGE_TTL_MS),
    }),
    // Challenges never answered would otherwise pile up.
    db.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, input.now)),
  ]);
  return { challengeId, challenge };
}

function consume(db: Db, challengeId: string, purpose: "register" | "sign_in", now: Date) {
  return db
    .delete(webauthnChallenges)
    .where(
      and(
        eq(webauthnChallenges.id, challengeId),
        eq(webauthnChallenges.purpose, purpose),
        gt(webauthnChallenges.expiresAt, now),
      ),
    )
    .returning();
}

export interface RegisterInput {
  setupToken: string;
  challengeId: string;
  response: { clientDataJSON?: unknown; attestationObject?: unknown };
  name: string;
  expected: Omit<Expected, "challenge">;
  clientKind: ClientKind;
  now: Date;
}

/** Registers a passkey through a setup link, uses the link up and opens a session. */
export async function registerPasskey(db: Db, input: RegisterInput): Promise<{ token: string }> {
  const { now } = input;
  const tokenHash = await sha256Hex(input.setupToken);
  const [challenges, links] = await db.batch([
    consume(db, input.challengeId, "register", now),
    db
      .select()
      .from(setupLinks)
      .where(
        and(
          eq(setupLinks.tokenHash, tokenHash),
          isNull(setupLinks.usedAt),
          gt(setupLinks.expiresAt, now),
        ),
      ),
  ]);
  const challenge = challenges[0];
  const link = links[0];
  if (!challenge || !link || challenge.setupLinkId !== link.id) throw new CeremonyError("expired");
  const { verifyRegistration, WebAuthnError } = await import("./webauthn");
  let credential: ReturnType<typeof verifyRegistration>;
  try {
    credential = verifyRegistration(input.response, {
      ...input.expected,
      challenge: challenge.challenge,
    });
  } catch (error) {
    if (error instanceof WebAuthnError) throw new CeremonyError("rejected");
    throw error;
  }
  const passkeyId = newId("pk");
  const session = await newSession(db, {
    businessId: link.businessId,
    passkeyId,
    clientKind: input.clientKind,
    now,
  });
  const results = await db.batch([
    db
      .update(setupLinks)
      .set({ usedAt: now })
      .where(and(eq(setupLinks.id, link.id), isNull(setupLinks.usedAt)))
      .returning({ id: setupLinks.id }),
    db.insert(ownerPasskeys).values({
      id: passkeyId,
      businessId: link.businessId,
      credentialId: credential.credentialId,
      publicKey: Buffer.from(credential.publicKey),
      algorithm: credential.algorithm,
      signCount: credential.signCount,
      name: input.name,
      createdAt: now,
    }),
    session.insert,
  ]);
  // Two registrations racing on one link: the loser's writes still ran, so undo them.
  if (results[0].length === 0) {
    await db.batch([
      db.delete(ownerPasskeys).where(eq(ownerPasskeys.id, passkeyId)),
      db.update(setupLinks).set({ usedAt: now }).where(eq(setupLinks.id, link.id)),
    ]);
    throw new CeremonyError("expired");
  }
  return { token: session.token };
}

export interface SignInInput {
  challengeId: string;
  credentialId: string;
  response: { clientDataJSON?: unknown; authenticatorData?: unknown; signature?: unknown };
  expected: Omit<Expected, "challenge">;
  clientKey: string;
  clientKind: ClientKind;
  now: Date;
}

/** Checks a passkey sign-in and opens a session. */
export async function signIn(db: Db, input: SignInInput): Promise<{ token: string }> {
  const { now } = input;
  const [challenges, passkeys] = await db.batch([
    consume(db, input.challengeId, "sign_in", now),
    db
      .select()
      .from(ownerPasskeys)
      .where(eq(ownerPasskeys.credentialId, input.credentialId.slice(0, 1400))),
  ]);
  const challenge = challenges[0];
  if (!challenge) throw new CeremonyError("expired");
  const passkey = passkeys[0];
  const keys: { key: string; limit: number }[] = [{ key: input.clientKey, limit: LIMITS.client }];
  if (passkey) keys.push({ key: `business:${passkey.businessId}`, limit: LIMITS.business });
  if (!(await countAttempt(db, keys, now)).allowed) throw new CeremonyError("rate_limited");
  if (!passkey) throw new CeremonyError("rejected");
  const { verifyAssertion, WebAuthnError } = await import("./webauthn");
  let signCount: number;
  try {
    ({ signCount } = await verifyAssertion(
      input.response,
      {
        publicKey: new Uint8Array(passkey.publicKey),
        algorithm: passkey.algorithm,
        signCount: passkey.signCount,
      },
      { ...input.expected, challenge: challenge.challenge },
    ));
  } catch (error) {
    if (error instanceof WebAuthnError) throw new CeremonyError("rejected");
    throw error;
  }
  const session = await newSession(db, {
    businessId: passkey.businessId,
    passkeyId: passkey.id,
    clientKind: input.clientKind,
    now,
  });
  await db.batch([
    db
      .update(ownerPasskeys)
      .set({ signCount, lastUsedAt: now })
      .where(eq(ownerPasskeys.id, passkey.id)),
    session.insert,
  ]);
  return { token: session.token };
}
