import { createClient } from "@libsql/client";
import type { TestProject } from "vitest/node";
import { migrate } from "../../db/migrate";
import { startLibsqlServer } from "../../db/server/index";

// Runs in Node before the workerd tests: a real libSQL server on loopback that the Worker code
// inside workerd reaches over HTTP, exactly as it reaches Turso in production.

declare module "vitest" {
  export interface ProvidedContext {
    libsqlUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startLibsqlServer({ path: ":memory:", port: 0 });
  const client = createClient({ url: server.url });
  await migrate(client);
  client.close();
  project.provide("libsqlUrl", server.url);
  return async () => {
    await server.close();
  };
}
