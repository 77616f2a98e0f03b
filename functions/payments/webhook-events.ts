// The Stripe event types the webhook acts on. Everything else is acknowledged (200) and ignored,
// so subscribing the endpoint to more events than these never makes Stripe retry.

export const HANDLED_EVENT_TYPES = [
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
  "charge.refunded",
  "refund.failed",
  "charge.dispute.created",
  "charge.dispute.updated",
  "charge.dispute.closed",
  "account.updated",
] as const;

export type HandledEventType = (typeof HANDLED_EVENT_TYPES)[number];

const handled: ReadonlySet<string> = new Set(HANDLED_EVENT_TYPES);

export function isHandledEventType(type: string): type is HandledEventType {
  return handled.has(type);
}
