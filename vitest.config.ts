import { defineConfig } from "vitest/config";

// Projects are split by runtime: plain Node for domain code, the local database server and the
// Hono routes; workerd for the same app as Cloudflare runs it (test/workerd); the browser tests
// against the built Worker under `wrangler dev` (test/e2e, when present).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          environment: "node",
          include: ["{db,functions,cli,scripts,tools,test/node,test/fixtures}/**/*.test.ts"],
          exclude: ["**/*.workerd.test.ts", "node_modules/**"],
          testTimeout: 20_000,
        },
      },
      "test/*/vitest.config.ts",
    ],
  },
});
