import { createClient } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "../../db/migrate";
import * as schema from "../../db/schema";
import { startLibsqlServer } from "../../db/server/index";
import { createApp } from "../../functions/app";
import type { PageRenderer } from "../../functions/http/app-env";
import type { Db } from "../../functions/http/db";

// The Hono app wired to a real libSQL server over HTTP (in memory), with a stand-in page
// renderer that answers the page model as JSON so route tests can assert on it directly.

export const TEST_SIGNING_SECRET = "test-signing-secret-0123456789abcdef";

export const jsonPageRenderer: PageRenderer = (c, page) =>
  c.json({ page }, page.status, { "Content-Type": "application/json; charset=utf-8" });

export interface TestApp {
  app: ReturnType<typeof createApp>;
  env: Record<string, string>;
  db: Db;
  /** The fake clock; tests may set it. */
  clock: { now: Date };
  databaseStats(): { pipelineRequests: number; statements: number };
  resetDatabaseStats(): void;
  request(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export async function startTestApp(
  options: {
    env?: Record<string, string>;
    renderPage?: PageRenderer;
    fetch?: (input: string, init?: RequestInit) => Promise<Response>;
  } = {},
): Promise<TestApp> {
  const server = await startLibsqlServer({ path: ":memory:", port: 0 });
  const client = createClient({ url: server.url });
  await migrate(client);
  const clock = { now: new Date("2026-11-25T18:00:00Z") };
  const env: Record<string, string> = {
    TURSO_DATABASE_URL: server.url,
    PUBLIC_BASE_URL: "https://portal.test",
    SIGNING_SECRET: TEST_SIGNING_SECRET,
    PRODUCT_NAME: "Invoice Portal",
    ...options.env,
  };
  const app = createApp({
    renderPage: options.renderPage ?? jsonPageRenderer,
    now: () => clock.now,
    fetch: options.fetch,
  });
  return {
    app,
    env,
    db: drizzle(client, { schema }) as unknown as Db,
    clock,
    databaseStats: () => server.stats(),
    resetDatabaseStats: () => server.resetStats(),
    request: async (path, init) => app.request(path, init, env),
    async close() {
      client.close();
      await server.close();
    },
  };
}
