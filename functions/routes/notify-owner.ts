import type { Context } from "hono";
import type { AppEnv } from "../http/app-env";
import type { OwnerEvent } from "../notifications/owner-events";

/**
 * Sends the owner's notice of an event a verb applied. Runs after the response (the caller
 * queues it with `afterResponse`, alone or after the write that reported the event), so it
 * never delays a customer's page or a webhook's answer, and its failure is only logged. The
 * notice code is imported on first use: an isolate that sends none never loads it.
 */
export function ownerEventSender(c: Context<AppEnv>): (event: OwnerEvent) => Promise<void> {
  const { db, config, fetch, now } = c.var;
  return async (event) => {
    const { sendOwnerEvent } = await import("../notifications/send-owner-event");
    await sendOwnerEvent({ db, config, fetch, now }, event);
  };
}
