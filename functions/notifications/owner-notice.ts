// What the owner is told on their phone, independent of how it travels (Web Push today).

/** A message for a business's owner, shown as a notification on each device that turned them on. */
export interface OwnerNotice {
  /** Short, complete on its own: "GL-2001 paid $533.49". */
  title: string;
  /** A second line, or "" when the title says it all. */
  body: string;
  /** The owner-app path the notification opens, e.g. `/app/invoices/<id>`. */
  url: string;
  /** Devices replace an earlier notice with the same tag instead of stacking them. */
  tag: string;
}

/** Sends a notice to every device of the business's owner that turned notifications on. */
export type NotifyOwner = (businessId: string, notice: OwnerNotice) => Promise<void>;
