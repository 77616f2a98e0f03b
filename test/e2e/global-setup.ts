import type { TestProject } from "vitest/node";
import type { DemoLink } from "../fixtures/demo-data";
import { findChromium, MISSING_BROWSER_MESSAGE } from "../support/browser";
import { startStack } from "./stack";

// Runs once before the browser tests: builds the Worker, starts a fresh local database with the
// demo data, the fake Stripe API, and `wrangler dev` on free loopback ports.
// Without Chromium nothing is started: the test files report the missing browser (and fail in
// CI, where REQUIRE_BROWSER=1).

export interface E2eStack {
  /** Whether Chromium was found; when false nothing else is set. */
  browser: boolean;
  baseUrl: string;
  dbUrl: string;
  signingSecret: string;
  links: DemoLink[];
  /** The fake Stripe API the Worker is pointed at. */
  stripe: { apiUrl: string; secretKey: string; webhookSecret: string } | null;
}

declare module "vitest" {
  export interface ProvidedContext {
    e2e: E2eStack;
  }
}

export default async function setup(project: TestProject) {
  if (!findChromium()) {
    console.error(`\n${MISSING_BROWSER_MESSAGE}\n`);
    project.provide("e2e", {
      browser: false,
      baseUrl: "",
      dbUrl: "",
      signingSecret: "",
      links: [],
      stripe: null,
    });
    return;
  }
  const stack = await startStack({
    // E2E_NO_BUILD=1 reuses dist/ from an earlier build (handy while writing tests).
    build: process.env.E2E_NO_BUILD !== "1",
    logFile: "test-artifacts/e2e/wrangler.log",
    // Notifications on, as with `npm start`: the devices page offers them.
    push: true,
  });
  project.provide("e2e", {
    browser: true,
    baseUrl: stack.baseUrl,
    dbUrl: stack.database.server.url,
    signingSecret: stack.signingSecret,
    links: stack.links,
    stripe: stack.stripe?.info ?? null,
  });
  return () => stack.stop();
}
