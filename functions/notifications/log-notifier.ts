import type { NotifyOwner } from "./owner-notice";

/**
 * A notifier that writes each notice as one JSON line to the Worker's log, for where notices
 * have no other way to travel yet. The notice holds nothing secret (numbers, amounts, an app
 * path), so the line can be kept with the rest of the logs.
 */
export function logNotifier(write: (line: string) => void): NotifyOwner {
  return async (businessId, notice) => {
    write(JSON.stringify({ event: "owner_notice", businessId, ...notice }));
  };
}
