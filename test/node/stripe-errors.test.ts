import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  isAccountOutOfReach,
  isMissingAtStripe,
  isStripeUnavailable,
  loadStripeSdk,
} from "../../functions/platform/stripe-client";
import { type FakeStripe, startFakeStripe } from "../../tools/fake-stripe/server";

// How the payments code reads Stripe's errors, on the errors the SDK really raises from Stripe's
// answers (through the fake Stripe API): a missing object is only `resource_missing`.

let fake: FakeStripe;
let stripe: Stripe;

async function errorOf(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

beforeAll(async () => {
  fake = await startFakeStripe({ tickMs: 0 });
  // As in the Worker: the SDK is loaded through the client module, which then knows its errors.
  const Sdk = await loadStripeSdk();
  stripe = new Sdk(fake.secretKey, {
    host: "127.0.0.1",
    port: fake.port,
    protocol: "http",
    maxNetworkRetries: 0,
    httpClient: Sdk.createFetchHttpClient(),
  });
});
afterAll(() => fake.close());

describe("Stripe errors, as the payments code reads them", () => {
  it("takes resource_missing for a missing object", async () => {
    const error = await errorOf(stripe.checkout.sessions.retrieve("cs_test_unknown"));
    expect(isMissingAtStripe(error)).toBe(true);
    expect(isStripeUnavailable(error)).toBe(false);
  });

  it("never takes a 404 for an unrecognized URL for a missing object", async () => {
    const error = await errorOf(stripe.checkout.sessions.listLineItems("cs_test_unknown"));
    expect((error as Stripe.errors.StripeError).statusCode).toBe(404);
    expect(isMissingAtStripe(error)).toBe(false);
    expect(isAccountOutOfReach(error)).toBe(false);
  });

  it("tells an account the platform cannot reach", async () => {
    const error = await errorOf(
      stripe.checkout.sessions.retrieve("cs_test_x", undefined, { stripeAccount: "acct_1Gone" }),
    );
    expect(isAccountOutOfReach(error)).toBe(true);
    expect(isMissingAtStripe(error)).toBe(false);
  });
});
