import { type FakeStripe, startFakeStripe } from "../../tools/fake-stripe/server";

// The fake Stripe API (tools/fake-stripe) for the Pay Now tests and the benchmark: the Worker's
// Stripe SDK talks to it, its hosted Checkout page has a Pay button, and it delivers signed
// webhook events to the Worker.

export interface FakeStripeHandle {
  info: { apiUrl: string; secretKey: string; webhookSecret: string };
  /** Worker variables that point the Stripe SDK at the fake. */
  vars: Record<string, string>;
  /** The fake itself, to act as Stripe would (complete a session, sign an event). */
  fake: FakeStripe;
  close(): Promise<void>;
}

/** Starts the fake on a free loopback port, delivering its signed events to `webhookUrl`. */
export async function startStripe(webhookUrl: string): Promise<FakeStripeHandle> {
  const fake = await startFakeStripe({ port: 0, webhookUrl });
  return {
    info: { apiUrl: fake.url, secretKey: fake.secretKey, webhookSecret: fake.webhookSecret },
    vars: {
      STRIPE_SECRET_KEY: fake.secretKey,
      STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
      STRIPE_CONNECT_WEBHOOK_SECRET: fake.connectWebhookSecret,
      STRIPE_API_URL: fake.url,
    },
    fake,
    close: () => fake.close(),
  };
}
