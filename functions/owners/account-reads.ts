import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { apiKeys, ownerPasskeys, ownerSessions, pushSubscriptions } from "../../db/schema";
import { liveSessionsRead, sessionBusinessId, sessionRead } from "./sessions";

// The settings, API keys and devices pages, each in one round trip with the session check.

export async function readSettings(db: Db, input: { sessionHash: string; now: Date }) {
  const [session] = await sessionRead(db, input.sessionHash, input.now);
  return session ?? null;
}

export async function readKeys(db: Db, input: { sessionHash: string; now: Date }) {
  const business = sessionBusinessId(db, input.sessionHash, input.now);
  const [sessions, keys] = await db.batch([
    sessionRead(db, input.sessionHash, input.now),
    db
      .select()
      .from(apiKeys)
      .where(eq(apiKeys.businessId, business))
      .orderBy(desc(apiKeys.createdAt)),
  ]);
  const session = sessions[0];
  return session ? { session, keys: keys.filter((k) => k.revokedAt === null) } : null;
}

export async function readDevices(db: Db, input: { sessionHash: string; now: Date }) {
  const business = sessionBusinessId(db, input.sessionHash, input.now);
  const [sessions, passkeys, live, subscribed] = await db.batch([
    sessionRead(db, input.sessionHash, input.now),
    db
      .select({
        id: ownerPasskeys.id,
        name: ownerPasskeys.name,
        createdAt: ownerPasskeys.createdAt,
        lastUsedAt: ownerPasskeys.lastUsedAt,
      })
      .from(ownerPasskeys)
      .where(eq(ownerPasskeys.businessId, business))
      .orderBy(desc(ownerPasskeys.createdAt)),
    liveSessionsRead(db, business, input.now),
    db
      .select({ sessionId: pushSubscriptions.sessionId })
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.businessId, business)),
  ]);
  const session = sessions[0];
  if (!session) return null;
  // Which devices turned notifications on.
  const notified = new Set(subscribed.map((s) => s.sessionId));
  return {
    session,
    passkeys,
    sessions: live.map((s) => ({ ...s, notifications: notified.has(s.id) })),
  };
}

/**
 * Removes one of the business's passkeys, never its last one (the owner would be locked out
 * until a setup link is made with database access). Its sessions end with it.
 */
export async function removePasskey(
  db: Db,
  input: { businessId: string; passkeyId: string; now: Date },
): Promise<"removed" | "last" | "not_found"> {
  const mine = await db
    .select({ id: ownerPasskeys.id })
    .from(ownerPasskeys)
    .where(eq(ownerPasskeys.businessId, input.businessId));
  if (!mine.some((p) => p.id === input.passkeyId)) return "not_found";
  if (mine.length === 1) return "last";
  await db.batch([
    // Its devices' notifications end with their sessions.
    db
      .delete(pushSubscriptions)
      .where(
        and(
          eq(pushSubscriptions.businessId, input.businessId),
          inArray(
            pushSubscriptions.sessionId,
            db
              .select({ id: ownerSessions.id })
              .from(ownerSessions)
              .where(eq(ownerSessions.passkeyId, input.passkeyId)),
          ),
        ),
      ),
    db
      .delete(ownerPasskeys)
      .where(
        and(eq(ownerPasskeys.id, input.passkeyId), eq(ownerPasskeys.businessId, input.businessId)),
      ),
    db
      .update(ownerSessions)
      .set({ revokedAt: input.now })
      .where(
        and(
          eq(ownerSessions.passkeyId, input.passkeyId),
          eq(ownerSessions.businessId, input.businessId),
        ),
      ),
  ]);
  return "removed";
}
