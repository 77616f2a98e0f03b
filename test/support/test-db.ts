import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Client, createClient } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import type { Db } from "../../db/client";
import { migrate } from "../../db/migrate";

export interface TestDb {
  db: Db;
  client: Client;
  close(): Promise<void>;
}

/** A fresh, migrated libSQL database in a temporary file, for one test file. */
export async function makeTestDb(): Promise<TestDb> {
  const dir = await mkdtemp(join(tmpdir(), "portal-test-"));
  const client = createClient({ url: `file:${join(dir, "test.db")}` });
  await migrate(client);
  return {
    db: drizzle(client),
    client,
    async close() {
      client.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
