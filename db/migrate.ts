import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Client } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { toStatement } from "./statement";

// Applies the committed drizzle-kit migrations in order, each in one write batch together with
// its record, so a migration is either fully applied and recorded or not at all. Running it
// again applies nothing. An applied migration whose file has since changed is reported, not
// silently re-run.

// The runner's own record, created below rather than by a migration (it must exist before the
// first one runs), so it is kept out of schema.ts and drizzle-kit's snapshots.
const appliedMigrations = sqliteTable("__migrations", {
  tag: text("tag").primaryKey(),
  checksum: text("checksum").notNull(),
  appliedAt: integer("applied_at").notNull(),
});

export const MIGRATIONS_DIR = fileURLToPath(new URL("./migrations/", import.meta.url));

interface Journal {
  entries: { idx: number; tag: string }[];
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
  changedSinceApplied: string[];
}

export async function migrate(client: Client, dir = MIGRATIONS_DIR): Promise<MigrationReport> {
  const journal = JSON.parse(await readFile(`${dir}/meta/_journal.json`, "utf8")) as Journal;
  await client.execute(
    "CREATE TABLE IF NOT EXISTS __migrations (tag TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)",
  );
  const db = drizzle(client);
  const done = new Map(
    (await db.select().from(appliedMigrations)).map((row) => [row.tag, row.checksum]),
  );
  const report: MigrationReport = { applied: [], alreadyApplied: [], changedSinceApplied: [] };
  for (const entry of [...journal.entries].sort((a, b) => a.idx - b.idx)) {
    const sql = await readFile(`${dir}/${entry.tag}.sql`, "utf8");
    const checksum = createHash("sha256").update(sql).digest("hex");
    const previous = done.get(entry.tag);
    if (previous !== undefined) {
      report.alreadyApplied.push(entry.tag);
      if (previous !== checksum) report.changedSinceApplied.push(entry.tag);
      continue;
    }
    const statements = sql
      .split("--> statement-breakpoint")
      .map((statement) => statement.trim())
      .filter(Boolean);
    await client.batch(
      [
        ...statements,
        toStatement(
          db.insert(appliedMigrations).values({ tag: entry.tag, checksum, appliedAt: Date.now() }),
        ),
      ],
      "write",
    );
    report.applied.push(entry.tag);
  }
  return report;
}
