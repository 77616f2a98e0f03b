import { type Client, createClient } from "@libsql/client/web";
import type { LibSQLDatabase } from "drizzle-orm/libsql";
import { drizzle } from "drizzle-orm/libsql/web";

/** Where the database is: the two bindings, as the checked configuration holds them. */
export interface DbConfig {
  TURSO_DATABASE_URL: string;
  TURSO_AUTH_TOKEN?: string | undefined;
}

/**
 * Drizzle over libSQL, with the raw client for batches that must run in "write" mode. Queries
 * name their tables; drizzle's relational API (`db.query`) is not used, so the database is made
 * without the schema, which drizzle would otherwise index on every request.
 */
export type Db = LibSQLDatabase & { $client: Client };

/**
 * One client per request, over HTTP: Workers cannot keep sockets between requests, and a
 * module-level client would outlive the bindings it was built from.
 */
export function createDb(config: DbConfig): Db {
  const client = createClient({
    url: config.TURSO_DATABASE_URL,
    authToken: config.TURSO_AUTH_TOKEN,
  });
  return drizzle(client);
}
