import { and, desc, eq, gt, isNull, type SQLWrapper } from "drizzle-orm";
import type { Db } from "../../db/client";
import { businesses, type CLIENT_KINDS, ownerSessions, pushSubscriptions } from "../../db/schema";
import { newId, sha256Hex } from "../domain/tokens";
import { newSessionToken, SESSION_TTL_MS } from "./session-token";

// Owner sessions: created by a passkey sign-in or registration, found by the cookie's hash,
// ended by signing out or from the devices page, and over after SESSION_TTL_MS in any case.

/** A business id, or a subquery giving the signed-in one (see sessionBusinessId). */
export type BusinessKey = string | SQLWrapper;

function live(tokenHash: string, now: Date) {
  return and(
    eq(ownerSessions.tokenHash, tokenHash),
    isNull(ownerSessions.revokedAt),
    gt(ownerSessions.expiresAt, now),
  );
}

/** The session and its business; put it in the same batch as a page's data reads. */
export function sessionRead(db: Db, tokenHash: string, now: Date) {
  return db
    .select({ sessionId: ownerSessions.id, business: businesses })
    .from(ownerSessions)
    .innerJoin(businesses, eq(businesses.id, ownerSessions.businessId))
    .where(live(tokenHash, now));
}

/**
 * The signed-in business's id as a subquery: reads keyed by it return nothing for a missing,
 * expired or revoked session, so they can run in the same batch as the session check.
 */
export function sessionBusinessId(db: Db, tokenHash: string, now: Date) {
  return db
    .select({ id: ownerSessions.businessId })
    .from(ownerSessions)
    .where(live(tokenHash, now));
}

export type SessionRow = Awaited<ReturnType<typeof sessionRead>>[number];

/** Statements that open a session; the caller runs them in its own batch. */
export async function newSession(
  db: Db,
  input: {
    businessId: string;
    passkeyId: string;
    clientKind: (typeof CLIENT_KINDS)[number];
    now: Date;
  },
) {
  const token = newSessionToken();
  const insert = db.insert(ownerSessions).values({
    id: newId("ses"),
    businessId: input.businessId,
    tokenHash: await sha256Hex(token),
    passkeyId: input.passkeyId,
    clientKind: input.clientKind,
    createdAt: input.now,
    expiresAt: new Date(input.now.getTime() + SESSION_TTL_MS),
  });
  return { token, insert };
}

/** Ends one of the business's sessions, and that device's notifications; true when it was live. */
export async function endSession(
  db: Db,
  input: { businessId: string; sessionId: string; now: Date },
): Promise<boolean> {
  const [ended] = await db.batch([
    db
      .update(ownerSessions)
      .set({ revokedAt: input.now })
      .where(
        and(
          eq(ownerSessions.id, input.sessionId),
          eq(ownerSessions.businessId, input.businessId),
          isNull(ownerSessions.revokedAt),
        ),
      )
      .returning({ id: ownerSessions.id }),
    db
      .delete(pushSubscriptions)
      .where(
        and(
          eq(pushSubscriptions.sessionId, input.sessionId),
          eq(pushSubscriptions.businessId, input.businessId),
        ),
      ),
  ]);
  return ended.length > 0;
}

/** The business's live sessions, newest first. */
export function liveSessionsRead(db: Db, businessId: BusinessKey, now: Date) {
  return db
    .select()
    .from(ownerSessions)
    .where(
      and(
        eq(ownerSessions.businessId, businessId),
        isNull(ownerSessions.revokedAt),
        gt(ownerSessions.expiresAt, now),
      ),
    )
    .orderBy(desc(ownerSessions.createdAt));
}
