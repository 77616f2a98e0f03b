import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Client } from "@libsql/client";

// Applies the committed drizzle-kit migrations in order, each in one write batch together with
// its record, so a migration is either fully applied and recorded or not at all. Running it
// again applies nothing. An applied migration whose file has since changed is reported, not
// silently re-run.

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
  const done = new Map(
    (await client.execute("SELECT tag, checksum FROM __migrations")).rows.map((row) => [
      String(row.tag),
      String(row.checksum),
    ]),
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
        {
          sql: "INSERT INTO __migrations (tag, checksum, applied_at) VALUES (?, ?, ?)",
          args: [entry.tag, checksum, Date.now()],
        },
      ],
      "write",
    );
    report.applied.push(entry.tag);
  }
  return report;
}
