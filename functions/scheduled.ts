import { createDb, type Db } from "../db/client";
import { newId } from "./domain/tokens";
import { type Config, readConfig } from "./env";
import { logNotifier } from "./notifications/log-notifier";
import { sendOverdueDigests } from "./notifications/overdue-digest";
import type { NotifyOwner } from "./notifications/owner-notice";
import { vapidKeys } from "./notifications/push-config";
import { pushNotifier } from "./notifications/push-notifier";

// The Worker's scheduled work (wrangler.jsonc `triggers.crons`): the hourly run of the overdue
// digest. The Worker's entry (src/worker.ts) imports this module only when a run starts, so
// nothing here is evaluated when an isolate starts for a request.

/**
 * How the digests reach the owner. The one place a notifier is chosen: each notice is written to
 * the log as a JSON line, and pushed to the devices that turned notifications on when Web Push
 * is set up (VAPID keys).
 */
function ownerNotifier(config: Config, db: Db): NotifyOwner {
  const log = logNotifier((line) => console.log(line));
  const vapid = vapidKeys(config);
  if (!vapid) return log;
  const push = pushNotifier({
    db,
    vapid,
    fetch: (input, init) => fetch(input, init),
    now: () => new Date(),
  });
  return async (businessId, notice) => {
    await log(businessId, notice);
    await push(businessId, notice);
  };
}

/** Runs the digests for the scheduled time; throws after the run if any business failed. */
export async function runScheduled(
  controller: Pick<ScheduledController, "scheduledTime" | "cron">,
  env: object,
): Promise<void> {
  const config = readConfig(env);
  const db = createDb(config);
  const run = await sendOverdueDigests(db, {
    now: new Date(controller.scheduledTime),
    runId: newId("run"),
    notify: ownerNotifier(config, db),
  });
  console.log(
    JSON.stringify({
      event: "overdue_digest_run",
      cron: controller.cron,
      digests: run.sent.length,
      invoices: run.sent.reduce((sum, digest) => sum + digest.invoices.length, 0),
      failed: run.failed.length,
    }),
  );
  for (const { businessId, error } of run.failed) {
    console.error(
      JSON.stringify({
        event: "overdue_digest_failed",
        businessId,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      }),
    );
  }
  // Reported as a failed invocation, so the Cron Events in the dashboard show it; the other
  // businesses' digests went out, and the failed ones are tried again on the next run.
  if (run.failed.length) {
    throw new Error(`Overdue digest failed for ${run.failed.length} business(es)`);
  }
}
