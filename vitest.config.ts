import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// Projects are split by runtime: plain Node for domain code, the local database server and the
// Hono routes; workerd for the same app as Cloudflare runs it, against the local libSQL server
// over loopback; e2e for the built Worker under `wrangler dev` driven by a real browser.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          environment: "node",
          include: ["{db,functions,cli,scripts,test/node}/**/*.test.ts"],
          exclude: ["**/*.workerd.test.ts", "node_modules/**"],
          testTimeout: 20_000,
        },
      },
      {
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
          include: ["{functions,test/workerd}/**/*.workerd.test.ts"],
          globalSetup: ["test/workerd/global-setup.ts"],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
