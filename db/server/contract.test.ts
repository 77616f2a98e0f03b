// Contract tests for the database server, through the real `@libsql/client` (and drizzle).
//
// By default the suite starts the local server in-process: an in-memory database for most cases and
// a temp file for the concurrency cases. With LIBSQL_CONTRACT_URL (and optionally
// LIBSQL_CONTRACT_AUTH_TOKEN) set, the contract part runs against that URL instead, so the same cases
// can vouch for Turso or `turso dev`; tables are unique per run and dropped afterwards. The
// server-specific part (expiry, auth, malformed input, stats, busy timeout) only runs locally.

import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Client, type Config, createClient, LibsqlError } from "@libsql/client";
import { asc, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LibsqlServer, startLibsqlServer } from "./index.ts";

const remoteUrl = process.env.LIBSQL_CONTRACT_URL;
const remoteToken = process.env.LIBSQL_CONTRACT_AUTH_TOKEN;
const local = !remoteUrl;
const RUN = `${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let memoryServer: LibsqlServer | undefined;
let fileServer: LibsqlServer | undefined;
const tempDirs: string[] = [];
const clients: Client[] = [];
const tables: string[] = [];

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), "libsql-contract-"));
  tempDirs.push(dir);
  return join(dir, "test.db");
}

function client(options: Partial<Config> = {}, target: "memory" | "file" = "memory"): Client {
  const server = target === "file" ? fileServer : memoryServer;
  const url = remoteUrl ?? (server as LibsqlServer).url;
  const c = createClient({ url, authToken: remoteToken, ...options });
  clients.push(c);
  return c;
}

/** A table name unique to this run, dropped after the suite. */
function table(name: string): string {
  const t = `contract_${RUN}_${name}`;
  tables.push(t);
  return t;
}

async function caught(promise: Promise<unknown>): Promise<LibsqlError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(LibsqlError);
    return e as LibsqlError;
  }
  throw new Error("expected a rejection");
}

beforeAll(async () => {
  if (!local) return;
  memoryServer = await startLibsqlServer({ path: ":memory:" });
  fileServer = await startLibsqlServer({ path: tempFile() });
});

afterAll(async () => {
  if (tables.length > 0) {
    const c = client({}, "file");
    for (const t of tables) await c.execute(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
  }
  for (const c of clients) c.close();
  await memoryServer?.close();
  await fileServer?.close();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe("contract: statements and values", () => {
  it("binds positional arguments, including ?NNN", async () => {
    const c = client();
    const r = await c.execute({ sql: "SELECT ? AS a, ? AS b, ?2 || ?1 AS c", args: ["x", "y"] });
    expect(r.rows[0]).toMatchObject({ a: "x", b: "y", c: "yx" });
    expect(r.columns).toEqual(["a", "b", "c"]);
  });

  it("binds named arguments with :, @ and $ prefixes, with or without the prefix in the key", async () => {
    const c = client();
    const sql = "SELECT :a AS a, @b AS b, $c AS c, :a || 'again' AS d";
    const plain = await c.execute({ sql, args: { a: "one", b: 2, c: null } });
    expect(plain.rows[0]).toMatchObject({ a: "one", b: 2, c: null, d: "oneagain" });
    const prefixed = await c.execute({ sql, args: { ":a": "x", "@b": "y", $c: "z" } });
    expect(prefixed.rows[0]).toMatchObject({ a: "x", b: "y", c: "z" });
  });

  it("round-trips text, floats, null and blobs, keeping SQLite types", async () => {
    const c = client();
    const t = table("values");
    await c.execute(`CREATE TABLE ${t} (id INTEGER PRIMARY KEY, t TEXT, f REAL, n, b BLOB)`);
    const unicode = "héllo wörld — 日本語 — 😀👍🏽";
    const bytes = new Uint8Array([0, 1, 2, 253, 254, 255]);
    await c.execute({
      sql: `INSERT INTO ${t} VALUES (1, ?, ?, ?, ?)`,
      args: [unicode, 3.25, null, bytes],
    });
    await c.execute({
      sql: `INSERT INTO ${t} VALUES (2, '', -0.5e-300, NULL, ?)`,
      args: [bytes.buffer],
    });
    const r = await c.execute(
      `SELECT t, f, n, b, typeof(f) AS tf, typeof(b) AS tb FROM ${t} ORDER BY id`,
    );
    expect(r.rows[0]).toMatchObject({ t: unicode, f: 3.25, n: null, tf: "real", tb: "blob" });
    expect(new Uint8Array(r.rows[0]?.b as ArrayBuffer)).toEqual(bytes);
    expect(new Uint8Array(r.rows[1]?.b as ArrayBuffer)).toEqual(bytes);
    expect(r.rows[1]).toMatchObject({ t: "", f: -0.5e-300 });
    const types = await c.execute({
      sql: "SELECT typeof(?) AS a, typeof(?) AS b",
      args: [1.5, 7n],
    });
    expect(types.rows[0]).toMatchObject({ a: "real", b: "integer" });
  });

  it("keeps integers beyond 2^53 exact with intMode bigint", async () => {
    const c = client({ intMode: "bigint" });
    const t = table("bigints");
    await c.execute(`CREATE TABLE ${t} (id INTEGER PRIMARY KEY, v INTEGER)`);
    const values = [2n ** 53n + 1n, 9223372036854775807n, -9223372036854775808n, 0n, -1n];
    for (const [i, v] of values.entries()) {
      await c.execute({ sql: `INSERT INTO ${t} (id, v) VALUES (?, ?)`, args: [BigInt(i + 1), v] });
    }
    const r = await c.execute(`SELECT v FROM ${t} ORDER BY id`);
    expect(r.rows.map((row) => row.v)).toEqual(values);
    const big = await c.execute({
      sql: `INSERT INTO ${t} (id, v) VALUES (?, 1)`,
      args: [2n ** 62n + 3n],
    });
    expect(big.lastInsertRowid).toBe(2n ** 62n + 3n);
  });

  it("reports columns, declared types, rowsAffected and lastInsertRowid", async () => {
    const c = client();
    const t = table("meta");
    await c.execute(`CREATE TABLE ${t} (id INTEGER PRIMARY KEY, name TEXT NOT NULL, score REAL)`);
    const ins = await c.execute({
      sql: `INSERT INTO ${t} (name, score) VALUES (?, ?), (?, ?)`,
      args: ["a", 1, "b", 2],
    });
    expect(ins.rowsAffected).toBe(2);
    expect(ins.lastInsertRowid).toBe(2n);
    const upd = await c.execute(`UPDATE ${t} SET score = score + 1`);
    expect(upd.rowsAffected).toBe(2);
    const sel = await c.execute(
      `SELECT id, name AS label, score, score * 2 AS twice FROM ${t} ORDER BY id`,
    );
    expect(sel.columns).toEqual(["id", "label", "score", "twice"]);
    expect(sel.columnTypes).toEqual(["INTEGER", "TEXT", "REAL", ""]);
    expect(sel.rows.map((r) => [r.id, r.label, r.score])).toEqual([
      [1, "a", 2],
      [2, "b", 3],
    ]);
    const ret = await c.execute({
      sql: `INSERT INTO ${t} (name) VALUES (?) RETURNING id, name`,
      args: ["c"],
    });
    expect(ret.rows[0]).toMatchObject({ id: 3, name: "c" });
    expect(ret.rowsAffected).toBe(1);
  });

  it("turns a UNIQUE violation into a LibsqlError and keeps serving", async () => {
    const c = client();
    const t = table("unique");
    await c.execute(`CREATE TABLE ${t} (email TEXT UNIQUE)`);
    await c.execute({ sql: `INSERT INTO ${t} VALUES (?)`, args: ["a@example.com"] });
    const err = await caught(
      c.execute({ sql: `INSERT INTO ${t} VALUES (?)`, args: ["a@example.com"] }),
    );
    expect(err.code).toMatch(/^SQLITE_CONSTRAINT/);
    expect(err.message).toMatch(/UNIQUE constraint failed/);
    const r = await c.execute(`SELECT count(*) AS n FROM ${t}`);
    expect(r.rows[0]?.n).toBe(1);
  });

  it("reports SQL errors as LibsqlError", async () => {
    const c = client();
    const err = await caught(c.execute("SELEC 1"));
    expect(err.code).toMatch(/^SQL/);
    const missing = await caught(c.execute(`SELECT * FROM contract_${RUN}_does_not_exist`));
    expect(missing.message).toMatch(/no such table/);
  });
});

describe("contract: batches and transactions", () => {
  it("commits a write batch as a whole", async () => {
    const c = client();
    const t = table("batch_ok");
    await c.execute(`CREATE TABLE ${t} (id INTEGER PRIMARY KEY, v TEXT)`);
    const results = await c.batch(
      [
        { sql: `INSERT INTO ${t} (v) VALUES (?)`, args: ["a"] },
        { sql: `INSERT INTO ${t} (v) VALUES (?)`, args: ["b"] },
        `SELECT v FROM ${t} ORDER BY id`,
      ],
      "write",
    );
    expect(results).toHaveLength(3);
    expect(results[2]?.rows.map((r) => r.v)).toEqual(["a", "b"]);
  });

  it("rolls back a write batch when one step fails", async () => {
    const c = client();
    const t = table("batch_fail");
    await c.execute(`CREATE TABLE ${t} (v TEXT UNIQUE)`);
    await c.execute(`INSERT INTO ${t} VALUES ('existing')`);
    const err = await caught(
      c.batch(
        [
          `INSERT INTO ${t} VALUES ('new-1')`,
          `INSERT INTO ${t} VALUES ('existing')`,
          `INSERT INTO ${t} VALUES ('new-2')`,
        ],
        "write",
      ),
    );
    expect(err.message).toMatch(/UNIQUE/);
    const r = await c.execute(`SELECT v FROM ${t}`);
    expect(r.rows.map((row) => row.v)).toEqual(["existing"]);
  });

  it("commits an interactive transaction, invisible to others until then", async () => {
    const c = client();
    const other = client();
    const t = table("tx_commit");
    await c.execute(`CREATE TABLE ${t} (v TEXT)`);
    const tx = await c.transaction("write");
    await tx.execute({ sql: `INSERT INTO ${t} VALUES (?)`, args: ["inside"] });
    expect((await tx.execute(`SELECT count(*) AS n FROM ${t}`)).rows[0]?.n).toBe(1);
    expect((await other.execute(`SELECT count(*) AS n FROM ${t}`)).rows[0]?.n).toBe(0);
    await tx.commit();
    expect((await other.execute(`SELECT count(*) AS n FROM ${t}`)).rows[0]?.n).toBe(1);
  });

  it("rolls back an interactive transaction", async () => {
    const c = client();
    const t = table("tx_rollback");
    await c.execute(`CREATE TABLE ${t} (v TEXT)`);
    const tx = await c.transaction("write");
    await tx.execute(`INSERT INTO ${t} VALUES ('gone')`);
    await tx.rollback();
    expect(tx.closed).toBe(true);
    expect((await c.execute(`SELECT count(*) AS n FROM ${t}`)).rows[0]?.n).toBe(0);
  });

  it("runs scripts with executeMultiple, including trigger bodies", async () => {
    const c = client();
    const t = table("script");
    const log = table("script_log");
    await c.executeMultiple(`
      CREATE TABLE ${t} (id INTEGER PRIMARY KEY, v TEXT); -- a comment; with a semicolon
      CREATE TABLE ${log} (msg TEXT);
      CREATE TRIGGER ${t}_trg AFTER INSERT ON ${t} BEGIN
        INSERT INTO ${log} VALUES ('added ' || new.v); INSERT INTO ${log} VALUES ('twice');
      END;
      INSERT INTO ${t} (v) VALUES ('a;b');
    `);
    const r = await c.execute(`SELECT msg FROM ${log} ORDER BY rowid`);
    expect(r.rows.map((row) => row.msg)).toEqual(["added a;b", "twice"]);
  });

  it("lets two writers run transactions at the same time: the second waits, both commit in order", async () => {
    const c1 = client({}, "file");
    const c2 = client({}, "file");
    const t = table("writers");
    await c1.execute(`CREATE TABLE ${t} (id INTEGER PRIMARY KEY, v TEXT)`);
    const tx1 = await c1.transaction("write");
    await tx1.execute(`INSERT INTO ${t} (v) VALUES ('a1')`);
    const events: string[] = [];
    const second = (async () => {
      const tx2 = await c2.transaction("write");
      await tx2.execute(`INSERT INTO ${t} (v) VALUES ('b1')`); // waits for tx1's lock
      events.push("second wrote");
      await tx2.commit();
    })();
    await sleep(150);
    events.push("first commits");
    await tx1.execute(`INSERT INTO ${t} (v) VALUES ('a2')`);
    await tx1.commit();
    await second;
    expect(events).toEqual(["first commits", "second wrote"]);
    const r = await c1.execute(`SELECT v FROM ${t} ORDER BY id`);
    expect(r.rows.map((row) => row.v)).toEqual(["a1", "a2", "b1"]);
  });

  it("queues many autocommit writers behind a transaction", async () => {
    const c1 = client({}, "file");
    const c2 = client({}, "file");
    const t = table("queue");
    await c1.execute(`CREATE TABLE ${t} (v INTEGER)`);
    const tx = await c1.transaction("write");
    await tx.execute(`INSERT INTO ${t} VALUES (0)`);
    const writes = Array.from({ length: 20 }, (_, i) =>
      (i % 2 ? c1 : c2).execute({ sql: `INSERT INTO ${t} VALUES (?)`, args: [i + 1] }),
    );
    await sleep(100);
    await tx.commit();
    await Promise.all(writes);
    expect((await c1.execute(`SELECT count(*) AS n FROM ${t}`)).rows[0]?.n).toBe(21);
  });
});

describe("contract: drizzle", () => {
  const name = `contract_${RUN}_drizzle`;
  const invoices = sqliteTable(name, {
    id: integer("id").primaryKey({ autoIncrement: true }),
    number: text("number").notNull().unique(),
    cents: integer("cents").notNull(),
  });

  it("commits and rolls back db.transaction, and runs db.batch", async () => {
    const c = client();
    tables.push(name);
    await c.execute(
      `CREATE TABLE ${name} (id INTEGER PRIMARY KEY AUTOINCREMENT, number TEXT NOT NULL UNIQUE, cents INTEGER NOT NULL)`,
    );
    const db = drizzle(c);

    await db.transaction(async (tx) => {
      await tx.insert(invoices).values({ number: "INV-1", cents: 1000 });
      await tx.update(invoices).set({ cents: 1500 }).where(eq(invoices.number, "INV-1"));
    });

    await expect(
      db.transaction(async (tx) => {
        await tx.insert(invoices).values({ number: "INV-2", cents: 1 });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");

    await db
      .transaction(async (tx) => {
        await tx.insert(invoices).values({ number: "INV-3", cents: 3 });
        tx.rollback();
      })
      .catch(() => undefined);

    const [inserted, all] = await db.batch([
      db.insert(invoices).values({ number: "INV-4", cents: 4 }).returning({ id: invoices.id }),
      db.select().from(invoices).orderBy(asc(invoices.id)),
    ]);
    expect(inserted).toHaveLength(1);
    expect(all.map((r) => [r.number, r.cents])).toEqual([
      ["INV-1", 1500],
      ["INV-4", 4],
    ]);

    // A failing batch leaves nothing behind.
    await expect(
      db.batch([
        db.insert(invoices).values({ number: "INV-5", cents: 5 }),
        db.insert(invoices).values({ number: "INV-1", cents: 0 }),
      ]),
    ).rejects.toThrow();
    expect(await db.select().from(invoices).where(eq(invoices.number, "INV-5"))).toEqual([]);
  });
});
