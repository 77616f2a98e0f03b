import { createClient } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import type { Db } from "../../db/client";
import { migrate } from "../../db/migrate";
import { createApp } from "../../functions/app";
import type { PageRenderer } from "../../functions/http/app-env";
import { nodeFontAssets } from "../../functions/pdf/node-font-files";
import { startLibsqlServer } from "../../tools/libsql-server/index";

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
  /** Resolves once every piece of work queued after a response (view, key use) has finished. */
  settle(): Promise<void>;
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
  const fontAssets = nodeFontAssets();
  // Work queued after responses, kept so tests await it instead of sleeping.
  const pending = new Set<Promise<void>>();
  const app = createApp({
    renderPage: options.renderPage ?? jsonPageRenderer,
    now: () => clock.now,
    fetch: options.fetch,
    keepAlive: (settled) => {
      pending.add(settled);
      void settled.finally(() => pending.delete(settled));
    },
  });
  const settle = async () => {
    // Settled work may have queued more: wait until nothing is left.
    while (pending.size) await Promise.all([...pending]);
  };
  return {
    app,
    env,
    db: drizzle(client) as unknown as Db,
    clock,
    databaseStats: () => server.stats(),
    resetDatabaseStats: () => server.resetStats(),
    // The PDF's fonts are static assets, which the Worker reads through its ASSETS binding.
    request: async (path, init) => app.request(path, init, { ...env, ASSETS: fontAssets }),
    settle,
    async close() {
      await settle();
      client.close();
      await server.close();
    },
  };
}
