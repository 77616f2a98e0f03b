import { defineConfig } from "vitest/config";

// Projects are split by runtime: plain Node for domain code and the local database server,
// workerd for the Worker as Cloudflare runs it, and e2e for the built Worker under `wrangler dev`.
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
    ],
  },
});
