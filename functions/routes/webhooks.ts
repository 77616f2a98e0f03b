import { Hono } from "hono";
import type { AppEnv } from "../http/app-env";
import { limitBody } from "../http/body-limit";
import { AppError } from "../http/errors";
import { decodeUtf8 } from "../http/utf8";
import { isHandledEventType } from "../payments/webhook-events";
import { WEBHOOK_HANDLERS } from "../payments/webhook-handlers";
import { isStripeUnavailable, MALFORMED_EVENT, verifyStripeEvent } from "../platform/stripe-client";
import { ownerEventSender } from "./notify-owner";

export const webhookRoutes = new Hono<AppEnv>();

// Stripe's events. The answer tells Stripe whether to try again: 2xx when the event is applied,
// was applied before, is not ours, or is of a type we ignore; 400 when the signature is wrong or
// the signed body is not an event (nothing is read or written); 503 when the database or
// Stripe's API could not be reached, with nothing half-written, since each event's effect and
// its id are written in one atomic batch.
// Stripe's events are far below 512 KB; the limit answers 413 in the one error shape, as the API.
webhookRoutes.post("/stripe", limitBody(512 * 1024), async (c) => {
  const { config, db, now } = c.var;
  const secrets = [config.STRIPE_WEBHOOK_SECRET, config.STRIPE_CONNECT_WEBHOOK_SECRET];
  if (!secrets.some(Boolean)) {
    throw new AppError("bad_environment", "STRIPE_WEBHOOK_SECRET is not set");
  }
  const signature = c.req.header("Stripe-Signature");
  // The signature covers the exact bytes Stripe sent, so the body is read raw, never re-encoded.
  const payload = new Uint8Array(await c.req.arrayBuffer());
  // Stripe sends UTF-8; other bytes would be read changed (U+FFFD), never as sent.
  if (decodeUtf8(payload) === null) {
    throw new AppError("bad_request", "The body is not valid UTF-8");
  }
  const event = signature ? await verifyStripeEvent(payload, signature, secrets) : null;
  if (!event) {
    throw new AppError("bad_signature", "The Stripe-Signature header does not match the body");
  }
  if (event === MALFORMED_EVENT) {
    throw new AppError("bad_request", "The signed body is not a Stripe event");
  }
  if (!isHandledEventType(event.type)) return c.json({ received: true, result: "ignored" });

  const stripe = await c.var.stripe();
  if (!stripe) throw new AppError("bad_environment", "STRIPE_SECRET_KEY is not set");
  try {
    // The owner's notice goes after the answer: Stripe never waits for it, and it never fails.
    const send = ownerEventSender(c);
    const onNews = (news: Parameters<typeof send>[0]) => c.var.afterResponse(send(news));
    const result = await WEBHOOK_HANDLERS[event.type]({ db, stripe, now, onNews }, event);
    return c.json({ received: true, result });
  } catch (error) {
    if (isStripeUnavailable(error)) {
      console.error(`Stripe unavailable while handling ${event.type} ${event.id}:`, error);
      throw new AppError("service_unavailable", "Stripe could not be reached; retry later");
    }
    throw error;
  }
});
