import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Client } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate as drizzleMigrate } from "drizzle-orm/libsql/migrator";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { toStatement } from "./statement";

// Applies the committed drizzle-kit migrations with drizzle's own migrator, so the history is
// kept where drizzle-kit and Turso users look for it: the __drizzle_migrations table (a row per
// migration: the SHA-256 of its file and the journal's `when`). The migrator applies every
// pending migration and its row in one write batch, so they are applied and recorded together
// or not at all; running it again applies nothing.
//
// Databases migrated before kept their history in a table of their own, __migrations (tag,
// checksum, applied time). That history is carried over first, so nothing is applied twice.

export const MIGRATIONS_DIR = fileURLToPath(new URL("./migrations/", import.meta.url));

/** drizzle's default, also what `drizzle-kit migrate` reads and writes. */
export const MIGRATIONS_TABLE = "__drizzle_migrations";
const EARLIER_TABLE = "__migrations";

// Both records are created by their runners, not by a migration, so they are kept out of
// schema.ts and drizzle-kit's snapshots; declared here to read and write them with the builder.
const drizzleMigrations = sqliteTable(MIGRATIONS_TABLE, {
  hash: text("hash").notNull(),
  createdAt: integer("created_at"),
});
const earlierMigrations = sqliteTable(EARLIER_TABLE, {
  tag: text("tag").primaryKey(),
  checksum: text("checksum").notNull(),
});

interface Journal {
  entries: { idx: number; tag: string; when: number }[];
}

interface Migration {
  tag: string;
  when: number;
  hash: string;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
  changedSinceApplied: string[];
}

async function readMigrations(dir: string): Promise<Migration[]> {
  const journal = JSON.parse(await readFile(`${dir}/meta/_journal.json`, "utf8")) as Journal;
  const entries = [...journal.entries].sort((a, b) => a.idx - b.idx);
  return Promise.all(
    entries.map(async ({ tag, when }) => {
      // The same hash drizzle records: SHA-256 of the file as it is.
      const sql = await readFile(`${dir}/${tag}.sql`, "utf8");
      return { tag, when, hash: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

async function tableExists(client: Client, name: string): Promise<boolean> {
  const found = await client.execute({
    sql: "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
    args: [name],
  });
  return found.rows.length > 0;
}

/** What __drizzle_migrations holds: created_at (the journal's `when`) → hash. */
async function recorded(client: Client): Promise<Map<number, string>> {
  if (!(await tableExists(client, MIGRATIONS_TABLE))) return new Map();
  const rows = await drizzle(client).select().from(drizzleMigrations);
  return new Map(rows.map((row) => [Number(row.createdAt), row.hash]));
}

/**
 * Moves the earlier history into drizzle's table, in one batch: each migration recorded there
 * gets drizzle's row (with the checksum recorded then, which is the same SHA-256 of the file),
 * and the earlier table goes. Does nothing once drizzle's table has rows.
 */
async function carryOverEarlierHistory(client: Client, migrations: Migration[]): Promise<void> {
  if (!(await tableExists(client, EARLIER_TABLE))) return;
  if ((await recorded(client)).size > 0) return;
  const db = drizzle(client);
  const earlier = await db.select().from(earlierMigrations);
  const checksums = new Map(earlier.map((row) => [row.tag, row.checksum]));
  await client.batch(
    [
      // The table exactly as drizzle's migrator creates it.
      `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`,
      ...migrations
        .filter((m) => checksums.has(m.tag))
        .map((m) =>
          toStatement(
            db
              .insert(drizzleMigrations)
              .values({ hash: checksums.get(m.tag) as string, createdAt: m.when }),
          ),
        ),
      `DROP TABLE ${EARLIER_TABLE}`,
    ],
    "write",
  );
}

export async function migrate(client: Client, dir = MIGRATIONS_DIR): Promise<MigrationReport> {
  const migrations = await readMigrations(dir);
  await carryOverEarlierHistory(client, migrations);
  const before = await recorded(client);
  await drizzleMigrate(drizzle(client), {
    migrationsFolder: dir,
    migrationsTable: MIGRATIONS_TABLE,
  });
  const after = await recorded(client);
  const report: MigrationReport = { applied: [], alreadyApplied: [], changedSinceApplied: [] };
  for (const migration of migrations) {
    const hash = before.get(migration.when);
    if (hash === undefined) {
      if (after.has(migration.when)) report.applied.push(migration.tag);
      continue;
    }
    report.alreadyApplied.push(migration.tag);
    if (hash !== migration.hash) report.changedSinceApplied.push(migration.tag);
  }
  return report;
}
