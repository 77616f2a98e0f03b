import { createDb } from "../db/client";
import { newId } from "./domain/tokens";
import { readConfig } from "./env";
import { logNotifier } from "./notifications/log-notifier";
import { sendOverdueDigests } from "./notifications/overdue-digest";
import type { NotifyOwner } from "./notifications/owner-notice";

// The Worker's scheduled work (wrangler.jsonc `triggers.crons`): the hourly run of the overdue
// digest. The Worker's entry (src/worker.ts) imports this module only when a run starts, so
// nothing here is evaluated when an isolate starts for a request.

/**
 * How the digests reach the owner. The one place a notifier is chosen: each notice is written to
 * the log as a JSON line until owners' devices can receive them.
 */
function ownerNotifier(): NotifyOwner {
  return logNotifier((line) => console.log(line));
}

/** Runs the digests for the scheduled time; throws after the run if any business failed. */
export async function runScheduled(
  controller: Pick<ScheduledController, "scheduledTime" | "cron">,
  env: object,
): Promise<void> {
  const db = createDb(readConfig(env));
  const run = await sendOverdueDigests(db, {
    now: new Date(controller.scheduledTime),
    runId: newId("run"),
    notify: ownerNotifier(),
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
