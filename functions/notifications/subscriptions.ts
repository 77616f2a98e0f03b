import { and, eq, gt, isNull, ne } from "drizzle-orm";
import type { Db } from "../../db/client";
import { ownerSessions, pushSubscriptions } from "../../db/schema";
import { newId } from "../domain/tokens";

// The devices that turned notifications on. A subscription belongs to one signed-in session:
// ending the session (signing out, from the devices page, removing its passkey) deletes it in
// the same batch (functions/owners), and only live sessions' subscriptions are ever sent to.

export interface SubscriptionInput {
  businessId: string;
  sessionId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  now: Date;
}

/**
 * Turns notifications on for this session's device, replacing what it had. The same browser
 * signed in again has the same endpoint: its old row goes, so a notice reaches it once.
 */
export async function saveSubscription(db: Db, input: SubscriptionInput): Promise<void> {
  const { businessId, sessionId, endpoint, p256dh, auth, now } = input;
  await db.batch([
    db
      .delete(pushSubscriptions)
      .where(
        and(
          eq(pushSubscriptions.businessId, businessId),
          eq(pushSubscriptions.endpoint, endpoint),
          ne(pushSubscriptions.sessionId, sessionId),
        ),
      ),
    db
      .insert(pushSubscriptions)
      .values({ id: newId("push"), businessId, sessionId, endpoint, p256dh, auth, createdAt: now })
      .onConflictDoUpdate({
        target: pushSubscriptions.sessionId,
        set: { endpoint, p256dh, auth, createdAt: now },
      }),
  ]);
}

/** Turns notifications off for this session's device; true when they were on. */
export async function removeSubscription(
  db: Db,
  input: { businessId: string; sessionId: string },
): Promise<boolean> {
  const removed = await db
    .delete(pushSubscriptions)
    .where(
      and(
        eq(pushSubscriptions.businessId, input.businessId),
        eq(pushSubscriptions.sessionId, input.sessionId),
      ),
    )
    .returning({ id: pushSubscriptions.id });
  return removed.length > 0;
}

/** The subscriptions of the business's live sessions: where a notice goes. */
export function liveSubscriptions(db: Db, businessId: string, now: Date) {
  return db
    .select({
      id: pushSubscriptions.id,
      endpoint: pushSubscriptions.endpoint,
      p256dh: pushSubscriptions.p256dh,
      auth: pushSubscriptions.auth,
    })
    .from(pushSubscriptions)
    .innerJoin(ownerSessions, eq(ownerSessions.id, pushSubscriptions.sessionId))
    .where(
      and(
        eq(pushSubscriptions.businessId, businessId),
        isNull(ownerSessions.revokedAt),
        gt(ownerSessions.expiresAt, now),
      ),
    );
}

/** The push service said the subscription is gone (404, 410): it never comes back. */
export async function dropSubscription(db: Db, id: string): Promise<void> {
  await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, id));
}
