import { defineProject } from "vitest/config";

// Browser tests: Debian's Chromium (playwright-core) against the built Worker under
// `wrangler dev`, with a fresh local libSQL database holding the demo data. One stack, started
// once by global-setup.ts and shared by every file, so files run one at a time.
export default defineProject({
  test: {
    name: "e2e",
    root: "../..",
    environment: "node",
    include: ["test/e2e/**/*.e2e.test.ts"],
    globalSetup: ["test/e2e/global-setup.ts"],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
