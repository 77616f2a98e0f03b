// A small local libSQL server speaking Hrana over HTTP (JSON), so `@libsql/client` and drizzle
// talk to it exactly as they talk to Turso. See README.md for what is implemented.
//
// Storage model: every stream gets its own SQLite connection to one database file in WAL mode.
// That gives interactive transactions real isolation (other streams see only committed data),
// readers that never block the writer, and writers that queue on SQLite's write lock.
//
// ":memory:" uses the same model on a throwaway file in the OS temp directory (synchronous=OFF,
// deleted on close) rather than a shared-cache in-memory database: shared cache has table-level
// locks that fail with SQLITE_LOCKED instead of honouring a busy timeout, and its isolation differs
// from what Turso does. A temp file behaves like production and is still fast.

import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import Database from "libsql";
import { BusyGate } from "./busy.ts";
import { createHandler, type Stats } from "./http.ts";
import { ConnectionPool } from "./pool.ts";
import { StreamRegistry } from "./streams.ts";

export interface LibsqlServerOptions {
  /** Database file path, or ":memory:" (default) for a database that lives as long as the server. */
  path?: string;
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** When set, every database request needs `Authorization: Bearer <authToken>`. */
  authToken?: string;
  /** Close streams idle for this long, rolling back their transaction; default 10 000 ms like sqld. */
  idleStreamTimeoutMs?: number;
  /** How long a statement waits for another writer's lock before failing with SQLITE_BUSY; default 5 000 ms. */
  busyTimeoutMs?: number;
}

export interface LibsqlServer {
  /** Base URL for `createClient({ url })`, e.g. http://127.0.0.1:8080 */
  url: string;
  port: number;
  /** Round trips and statements since start (or the last reset). */
  stats(): Stats;
  resetStats(): void;
  /** Stop listening, roll back open transactions, close the database (and delete it if in memory). */
  close(): Promise<void>;
}

export type { Stats } from "./http.ts";

export async function startLibsqlServer(options: LibsqlServerOptions = {}): Promise<LibsqlServer> {
  const memory = options.path === undefined || options.path === ":memory:";
  const tempDir = memory ? mkdtempSync(join(tmpdir(), "libsql-server-")) : undefined;
  const file = tempDir ? join(tempDir, "memory.db") : resolve(options.path as string);
  if (!memory) mkdirSync(dirname(file), { recursive: true });

  // This connection lives as long as the server: it switches the file to WAL once, and keeps the
  // WAL index alive between streams so connections open fast.
  let anchor: Database.Database;
  try {
    anchor = new Database(file, { timeout: 0 });
    anchor.exec("PRAGMA journal_mode = WAL");
  } catch (e) {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    throw new Error(`Cannot open database ${file}: ${(e as Error).message}`);
  }

  const stats: Stats = { pipelineRequests: 0, statements: 0 };
  const gate = new BusyGate();
  const connectionOptions = {
    file,
    synchronous: memory ? ("OFF" as const) : ("NORMAL" as const),
    busyTimeoutMs: options.busyTimeoutMs ?? 5_000,
    gate,
    onStatement: () => {
      stats.statements++;
    },
  };
  const pool = new ConnectionPool(connectionOptions);
  const registry = new StreamRegistry(options.idleStreamTimeoutMs ?? 10_000, pool);
  const server = createServer(createHandler({ registry, stats, authToken: options.authToken }));

  const host = options.host ?? "127.0.0.1";
  try {
    await new Promise<void>((resolveListen, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, host, () => {
        server.off("error", reject);
        resolveListen();
      });
    });
  } catch (e) {
    anchor.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    throw e;
  }
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(host)}:${port}`,
    port,
    stats: () => ({ ...stats }),
    resetStats: () => {
      stats.pipelineRequests = 0;
      stats.statements = 0;
    },
    close: () => {
      closing ??= (async () => {
        const stopped = new Promise<void>((done) => server.close(() => done()));
        server.closeAllConnections();
        registry.closeAll();
        pool.close();
        gate.close();
        await stopped;
        try {
          // Fold the WAL back into the main file, so the .db file alone holds all the data.
          anchor.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch {
          // Best effort: SQLite replays the WAL on the next open anyway.
        }
        anchor.close();
        if (tempDir) rmSync(tempDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}

/** Wildcard addresses are not connectable; IPv6 literals need brackets in a URL. */
function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}
