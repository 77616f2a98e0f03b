import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Client, createClient } from "@libsql/client";
import { afterEach, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, migrate } from "./migrate";

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("migrate", () => {
  it("applies every migration once and reports what it did", async () => {
    dir = await mkdtemp(join(tmpdir(), "migrate-"));
    const client = createClient({ url: `file:${join(dir, "db.sqlite")}` });
    const first = await migrate(client);
    expect(first.applied).toContain("0000_init");
    expect(first.alreadyApplied).toEqual([]);

    const second = await migrate(client);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(first.applied);
    expect(second.changedSinceApplied).toEqual([]);

    const tables = await client.execute("SELECT name FROM sqlite_master WHERE type = 'table'");
    const names = tables.rows.map((row) => row.name);
    for (const table of ["businesses", "invoices", "portal_links", "payments", "stripe_events"]) {
      expect(names).toContain(table);
    }
    client.close();
  });

  it("keeps its history in drizzle's table, as drizzle-kit reads it", async () => {
    dir = await mkdtemp(join(tmpdir(), "migrate-"));
    const client = createClient({ url: `file:${join(dir, "db.sqlite")}` });
    await migrate(client);
    const rows = await client.execute("SELECT hash, created_at FROM __drizzle_migrations");
    expect(rows.rows.map((r) => [r.hash, Number(r.created_at)])).toEqual([
      [await fileHash("0000_init"), await journalWhen("0000_init")],
    ]);
    client.close();
  });

  it("carries over a database migrated by the earlier runner without applying anything again", async () => {
    dir = await mkdtemp(join(tmpdir(), "migrate-"));
    const client = createClient({ url: `file:${join(dir, "db.sqlite")}` });
    await migrateAsEarlierRunnerDid(client, "0000_init");
    await client.execute("INSERT INTO businesses (id, name) VALUES ('b1', 'Kept')");

    // Re-running 0000_init would fail on its CREATE TABLE statements, or lose the row.
    const report = await migrate(client);
    expect(report).toEqual({ applied: [], alreadyApplied: ["0000_init"], changedSinceApplied: [] });
    const kept = await client.execute("SELECT name FROM businesses");
    expect(kept.rows.map((r) => r.name)).toEqual(["Kept"]);
    const rows = await client.execute("SELECT hash, created_at FROM __drizzle_migrations");
    expect(rows.rows.map((r) => [r.hash, Number(r.created_at)])).toEqual([
      [await fileHash("0000_init"), await journalWhen("0000_init")],
    ]);
    const earlier = await client.execute(
      "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__migrations'",
    );
    expect(earlier.rows).toEqual([]);
    expect((await migrate(client)).applied).toEqual([]);
    client.close();
  });

  it("reports a migration whose file changed after it was applied", async () => {
    dir = await mkdtemp(join(tmpdir(), "migrate-"));
    const client = createClient({ url: `file:${join(dir, "db.sqlite")}` });
    await migrate(client);
    await client.execute("UPDATE __drizzle_migrations SET hash = 'then'");
    expect((await migrate(client)).changedSinceApplied).toEqual(["0000_init"]);
    client.close();
  });

  it("enforces one active link per invoice in the database itself", async () => {
    dir = await mkdtemp(join(tmpdir(), "migrate-"));
    const client = createClient({ url: `file:${join(dir, "db.sqlite")}` });
    await migrate(client);
    await client.batch(
      [
        "INSERT INTO businesses (id, name) VALUES ('b1', 'B')",
        "INSERT INTO invoices (id, business_id, number, issue_date, due_date, currency, locale) VALUES ('i1', 'b1', '1', '2026-01-01', '2026-01-31', 'USD', 'en-US')",
        "INSERT INTO portal_links (id, invoice_id, token_hash, token_sealed) VALUES ('l1', 'i1', 'h1', 's')",
      ],
      "write",
    );
    await expect(
      client.execute(
        "INSERT INTO portal_links (id, invoice_id, token_hash, token_sealed) VALUES ('l2', 'i1', 'h2', 's')",
      ),
    ).rejects.toThrow(/UNIQUE/);
    await client.execute("UPDATE portal_links SET revoked_at = 1 WHERE id = 'l1'");
    await client.execute(
      "INSERT INTO portal_links (id, invoice_id, token_hash, token_sealed) VALUES ('l2', 'i1', 'h2', 's')",
    );
    client.close();
  });
});

async function fileHash(tag: string): Promise<string> {
  const { createHash } = await import("node:crypto");
  const sql = await readFile(join(MIGRATIONS_DIR, `${tag}.sql`), "utf8");
  return createHash("sha256").update(sql).digest("hex");
}

async function journalWhen(tag: string): Promise<number> {
  const journal = JSON.parse(await readFile(join(MIGRATIONS_DIR, "meta/_journal.json"), "utf8"));
  return (journal.entries as { tag: string; when: number }[]).find((e) => e.tag === tag)
    ?.when as number;
}

/** What the project's earlier migration command left: the schema and a row in __migrations. */
async function migrateAsEarlierRunnerDid(client: Client, tag: string): Promise<void> {
  const sql = await readFile(join(MIGRATIONS_DIR, `${tag}.sql`), "utf8");
  await client.batch(
    [
      "CREATE TABLE __migrations (tag TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)",
      ...sql
        .split("--> statement-breakpoint")
        .map((statement) => statement.trim())
        .filter(Boolean),
      {
        sql: "INSERT INTO __migrations (tag, checksum, applied_at) VALUES (?, ?, ?)",
        args: [tag, await fileHash(tag), Date.now()],
      },
    ],
    "write",
  );
}
