import type { Db } from "../../db/client";
import type { Config } from "../env";
import { notifyOwnerOf, type OwnerEvent } from "./owner-events";
import { vapidKeys } from "./push-config";
import { pushNotifier } from "./push-notifier";

export interface SendDeps {
  db: Db;
  config: Config;
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
  now: () => Date;
}

/** Tells the owner's devices about one event; nothing at all (not even a read) when push is off. */
export async function sendOwnerEvent(deps: SendDeps, event: OwnerEvent): Promise<void> {
  const vapid = vapidKeys(deps.config);
  if (!vapid) return;
  await notifyOwnerOf(deps.db, pushNotifier({ ...deps, vapid }), event);
}
