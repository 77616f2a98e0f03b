import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Client, createClient } from "@libsql/client";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { afterEach, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, MIGRATIONS_TABLE, migrate } from "./migrate";
import { businesses, invoices, portalLinks } from "./schema";

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
    expect(await history(client)).toEqual(await historyOf(await journalTags()));
    client.close();
  });

  it("carries over a database migrated by the earlier runner without applying anything again", async () => {
    dir = await mkdtemp(join(tmpdir(), "migrate-"));
    const client = createClient({ url: `file:${join(dir, "db.sqlite")}` });
    await migrateAsEarlierRunnerDid(client, "0000_init");
    const db = drizzle(client);
    // A row as that schema had it: today's table has columns later migrations add.
    await db.insert(businessesAsCreated).values({ id: "b1", name: "Kept" });

    // Re-running 0000_init would fail on its CREATE TABLE statements, or lose the row; only
    // the migrations written after it are applied.
    const report = await migrate(client);
    const later = (await journalTags()).filter((tag) => tag !== "0000_init");
    expect(report).toEqual({
      applied: later,
      alreadyApplied: ["0000_init"],
      changedSinceApplied: [],
    });
    expect((await db.select().from(businesses)).map((b) => b.name)).toEqual(["Kept"]);
    expect(await history(client)).toEqual(await historyOf(await journalTags()));
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
    await drizzle(client)
      .update(drizzleMigrations)
      .set({ hash: "then" })
      .where(eq(drizzleMigrations.createdAt, await journalWhen("0000_init")));
    expect((await migrate(client)).changedSinceApplied).toEqual(["0000_init"]);
    client.close();
  });

  it("enforces one active link per invoice in the database itself", async () => {
    dir = await mkdtemp(join(tmpdir(), "migrate-"));
    const client = createClient({ url: `file:${join(dir, "db.sqlite")}` });
    await migrate(client);
    const db = drizzle(client);
    await db.batch([
      db.insert(businesses).values({ id: "b1", name: "B" }),
      db.insert(invoices).values({
        id: "i1",
        businessId: "b1",
        number: "1",
        issueDate: "2026-01-01",
        dueDate: "2026-01-31",
        currency: "USD",
        locale: "en-US",
      }),
      db
        .insert(portalLinks)
        .values({ id: "l1", invoiceId: "i1", tokenHash: "h1", tokenSealed: "s" }),
    ]);
    const second = { id: "l2", invoiceId: "i1", tokenHash: "h2", tokenSealed: "s" };
    // drizzle wraps the driver's error; the database's own refusal is its cause.
    const refused = await db
      .insert(portalLinks)
      .values(second)
      .catch((error: Error) => error.cause);
    expect(String(refused)).toMatch(/UNIQUE/);
    await db
      .update(portalLinks)
      .set({ revokedAt: new Date(1) })
      .where(eq(portalLinks.id, "l1"));
    await db.insert(portalLinks).values(second);
    client.close();
  });
});

// The two records as their runners create them (db/migrate.ts keeps its own declarations private).
const drizzleMigrations = sqliteTable(MIGRATIONS_TABLE, {
  hash: text("hash").notNull(),
  createdAt: integer("created_at"),
});
const businessesAsCreated = sqliteTable("businesses", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
});
const earlierMigrations = sqliteTable("__migrations", {
  tag: text("tag").primaryKey(),
  checksum: text("checksum").notNull(),
  appliedAt: integer("applied_at").notNull(),
});

function history(client: Client) {
  return drizzle(client).select().from(drizzleMigrations);
}

async function fileHash(tag: string): Promise<string> {
  const sql = await readFile(join(MIGRATIONS_DIR, `${tag}.sql`), "utf8");
  return createHash("sha256").update(sql).digest("hex");
}

/** Every migration's tag, in the order they apply. */
async function journalTags(): Promise<string[]> {
  const journal = JSON.parse(await readFile(join(MIGRATIONS_DIR, "meta/_journal.json"), "utf8"));
  return (journal.entries as { tag: string }[]).map((e) => e.tag);
}

/** The history drizzle-kit expects after every migration in `tags` was applied. */
async function historyOf(tags: string[]) {
  return Promise.all(
    tags.map(async (tag) => ({ hash: await fileHash(tag), createdAt: await journalWhen(tag) })),
  );
}

async function journalWhen(tag: string): Promise<number> {
  const journal = JSON.parse(await readFile(join(MIGRATIONS_DIR, "meta/_journal.json"), "utf8"));
  return (journal.entries as { tag: string; when: number }[]).find((e) => e.tag === tag)
    ?.when as number;
}

/** What the project's earlier migration command left: the schema and a row in __migrations. */
async function migrateAsEarlierRunnerDid(client: Client, tag: string): Promise<void> {
  const sql = await readFile(join(MIGRATIONS_DIR, `${tag}.sql`), "utf8");
  const db = drizzle(client);
  const record = db
    .insert(earlierMigrations)
    .values({ tag, checksum: await fileHash(tag), appliedAt: Date.now() })
    .toSQL();
  await client.batch(
    [
      "CREATE TABLE __migrations (tag TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)",
      ...sql
        .split("--> statement-breakpoint")
        .map((statement) => statement.trim())
        .filter(Boolean),
      { sql: record.sql, args: record.params as (string | number)[] },
    ],
    "write",
  );
}
