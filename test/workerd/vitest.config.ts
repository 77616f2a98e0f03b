import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineProject } from "vitest/config";

// The Hono app inside workerd, as Cloudflare runs it, against the local libSQL server over
// loopback (started by global-setup.ts in Node), and Stripe pointed at the fake Stripe API.
export default defineProject({
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
          // Not read by the app: tests use them to reach the fake and an unreachable database.
          TEST_FAKE_STRIPE_URL: inject("fakeStripeUrl"),
          TEST_CLOSED_PORT_URL: inject("closedPortUrl"),
        },
      },
    })),
  ],
  test: {
    name: "workerd",
    root: "../..",
    include: ["{functions,test/workerd}/**/*.workerd.test.ts"],
    globalSetup: ["test/workerd/global-setup.ts"],
    testTimeout: 20_000,
  },
});
