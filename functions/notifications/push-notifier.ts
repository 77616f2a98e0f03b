import type { Db } from "../../db/client";
import type { NotifyOwner, OwnerNotice } from "./owner-notice";
import { dropSubscription, liveSubscriptions } from "./subscriptions";
import type { VapidKeys } from "./web-push";

export interface PushNotifierDeps {
  db: Db;
  /** Null when push is not set up: every notice is then dropped quietly. */
  vapid: VapidKeys | null;
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
  now: () => Date;
}

/**
 * Web Push delivery of owner notices: one encrypted message to each live subscription of the
 * business. A device the push service no longer knows (404, 410) loses its subscription; any
 * other failure is logged and never thrown, so a notice can never fail the work that caused it.
 * The encryption code is imported only when there is a device to send to. Any sender of owner
 * notices builds its notifier here: `pushNotifier({ db, vapid: vapidKeys(config), fetch, now })`.
 */
export function pushNotifier(deps: PushNotifierDeps): NotifyOwner {
  return async (businessId: string, notice: OwnerNotice) => {
    const { vapid } = deps;
    if (!vapid) return;
    const targets = await liveSubscriptions(deps.db, businessId, deps.now());
    if (targets.length === 0) return;
    const { pushRequest } = await import("./web-push");
    const payload = JSON.stringify(notice);
    await Promise.all(
      targets.map(async (target) => {
        try {
          const response = await deps.fetch(
            target.endpoint,
            await pushRequest(target, payload, vapid, deps.now()),
          );
          await response.body?.cancel();
          if (response.status === 404 || response.status === 410) {
            await dropSubscription(deps.db, target.id);
          } else if (!response.ok) {
            console.error(`Push service answered ${response.status} for subscription ${target.id}`);
          }
        } catch (error) {
          console.error(`Sending a push to subscription ${target.id} failed:`, error);
        }
      }),
    );
  };
}
