import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineProject } from "vitest/config";

// The Hono app inside workerd, as Cloudflare runs it, against the local libSQL server over
// loopback (started by global-setup.ts in Node).
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
