import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineProject } from "vitest/config";

// The Hono app inside workerd, as Cloudflare runs it, against the local libSQL server over
// loopback (started by global-setup.ts in Node), and Stripe pointed at the fake Stripe API.
// `delivery` is how the fake sends webhooks to the payment tests: in order, or shuffled (late,
// doubled and out of order, from a fixed seed).
export function workerdProject(options: {
  name: string;
  include: string[];
  delivery: "in_order" | "shuffled";
}) {
  return defineProject({
    plugins: [
      cloudflareTest(({ inject }) => ({
        miniflare: {
          compatibilityDate: "2026-11-01",
          compatibilityFlags: ["nodejs_compat"],
          bindings: {
            TURSO_DATABASE_URL: inject("libsqlUrl"),
            PUBLIC_BASE_URL: "https://portal.test",
            SIGNING_SECRET: "workerd-test-signing-secret-0123456789",
            PRODUCT_NAME: "Invoice Portal",
            STRIPE_SECRET_KEY: inject("stripeSecretKey"),
            STRIPE_WEBHOOK_SECRET: inject("stripeWebhookSecret"),
            STRIPE_CONNECT_WEBHOOK_SECRET: inject("stripeConnectWebhookSecret"),
            STRIPE_API_URL: inject("fakeStripeUrl"),
            // Not read by the app: tests use them to reach the fake and an unreachable
            // database, and to choose how the fake delivers webhooks.
            TEST_FAKE_STRIPE_URL: inject("fakeStripeUrl"),
            TEST_CLOSED_PORT_URL: inject("closedPortUrl"),
            TEST_PUSH_ENDPOINT_URL: inject("pushEndpointUrl"),
            TEST_STRIPE_DELIVERY: options.delivery,
            TEST_STRIPE_SEED: "20261202",
          },
        },
      })),
    ],
    test: {
      name: options.name,
      root: "../..",
      include: options.include,
      globalSetup: ["test/workerd/global-setup.ts"],
      testTimeout: 20_000,
    },
  });
}

/** The payment tests: the ones run a second time with shuffled webhook delivery. */
export const PAYMENT_TESTS = [
  "test/workerd/{pay-now,pay-now-stale,checkout-return,checkout-expiry,owner-ends-checkout}.workerd.test.ts",
  "test/workerd/stripe-*.workerd.test.ts",
  "test/workerd/push-*.workerd.test.ts",
];
