// Contract tests for the database server, through the real `@libsql/client` (and drizzle).
//
// By default the suite starts the local server in-process: an in-memory database for most cases and
// a temp file for the concurrency cases. With LIBSQL_CONTRACT_URL (and optionally
// LIBSQL_CONTRACT_AUTH_TOKEN) set, the contract part runs against that URL instead, so the same cases
// can vouch for Turso or `turso dev`; tables are unique per run and dropped afterwards. The
// server-specific part (expiry, auth, malformed input, stats, busy timeout) only runs locally.

import { spawn } from "node:child_process";
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

// ---------------------------------------------------------------------------------------------
// Server-specific behaviour of the local server (skipped when testing a remote URL).
// ---------------------------------------------------------------------------------------------

interface RawAnswer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: raw protocol JSON, inspected field by field
  body: any;
}

async function raw(
  server: LibsqlServer,
  path: string,
  init: { method?: string; json?: unknown; text?: string; token?: string } = {},
): Promise<RawAnswer> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const body = init.text ?? (init.json === undefined ? undefined : JSON.stringify(init.json));
  const res = await fetch(server.url + path, {
    method: init.method ?? (body ? "POST" : "GET"),
    headers,
    body,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // plain text answers (probes) stay strings
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

const exec = (sql: string, args: unknown[] = []) => ({ type: "execute", stmt: { sql, args } });
const int = (v: number | bigint) => ({ type: "integer", value: String(v) });

/** A Hrana stream driven by hand, following batons like the client does. */
class RawStream {
  baton: string | null = null;
  constructor(
    readonly server: LibsqlServer,
    readonly path = "/v2/pipeline",
  ) {}

  // biome-ignore lint/suspicious/noExplicitAny: raw protocol JSON
  async send(...requests: unknown[]): Promise<any[]> {
    const answer = await raw(this.server, this.path, { json: { baton: this.baton, requests } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    this.baton = answer.body.baton;
    return answer.body.results;
  }

  /** Execute one statement and return its result, failing the test on an error result. */
  async run(sql: string, args: unknown[] = []) {
    const [result] = await this.send(exec(sql, args));
    expect(result.type, JSON.stringify(result)).toBe("ok");
    return result.response.result;
  }
}

async function started(options: Parameters<typeof startLibsqlServer>[0]): Promise<LibsqlServer> {
  const server = await startLibsqlServer(options);
  cleanups.push(() => server.close());
  return server;
}
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

describe.skipIf(!local)("server: idle streams", () => {
  it("expires an idle stream, rolls back its transaction and says so on the next request", async () => {
    const server = await started({ idleStreamTimeoutMs: 200 });
    const setup = new RawStream(server);
    await setup.run("CREATE TABLE t (v TEXT)");
    const holder = new RawStream(server);
    await holder.send(exec("BEGIN IMMEDIATE"), exec("INSERT INTO t VALUES ('uncommitted')"));
    await sleep(500);
    const late = await raw(server, "/v2/pipeline", {
      json: { baton: holder.baton, requests: [exec("COMMIT")] },
    });
    expect(late.status).toBe(400);
    expect(late.body.code).toBe("STREAM_EXPIRED");
    expect(late.body.message).toMatch(/expired after 200 ms/);
    // Rolled back, and the write lock is free again.
    const other = new RawStream(server);
    expect((await other.run("SELECT count(*) FROM t")).rows).toEqual([[int(0)]]);
    await other.send(exec("BEGIN IMMEDIATE"), exec("COMMIT"));

    const c = createClient({ url: server.url });
    clients.push(c);
    const tx = await c.transaction("write");
    await tx.execute("INSERT INTO t VALUES ('x')");
    await sleep(500);
    await expect(tx.execute("SELECT 1")).rejects.toThrow(/expired/);
  });

  it("rejects a reused baton and an unknown one", async () => {
    const server = memoryServer as LibsqlServer;
    const s = new RawStream(server);
    await s.run("SELECT 1");
    const spent = s.baton;
    await s.run("SELECT 2");
    const reused = await raw(server, "/v2/pipeline", { json: { baton: spent, requests: [] } });
    expect([reused.status, reused.body.code]).toEqual([400, "BATON_REUSED"]);
    const unknown = await raw(server, "/v2/pipeline", { json: { baton: "nope", requests: [] } });
    expect([unknown.status, unknown.body.code]).toEqual([400, "BATON_INVALID"]);
    await s.send({ type: "close" });
    expect(s.baton).toBeNull();
  });
});

describe.skipIf(!local)("server: bearer token", () => {
  it("answers 401 without the right token, and serves with it", async () => {
    const server = await started({ authToken: "s3cret" });
    const anonymous = createClient({ url: server.url });
    const wrong = createClient({ url: server.url, authToken: "wrong" });
    const right = createClient({ url: server.url, authToken: "s3cret" });
    clients.push(anonymous, wrong, right);
    expect((await caught(anonymous.execute("SELECT 1"))).code).toBe("UNAUTHORIZED");
    expect((await caught(wrong.execute("SELECT 1"))).code).toBe("UNAUTHORIZED");
    expect((await right.execute("SELECT 1 AS one")).rows[0]?.one).toBe(1);

    const res = await raw(server, "/v2/pipeline", { json: { baton: null, requests: [] } });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(res.body.message).toMatch(/Authorization: Bearer/);
    expect((await raw(server, "/_stats")).status).toBe(401);
    // Version probes stay public, as clients send them without credentials.
    expect((await raw(server, "/v2")).status).toBe(200);
  });
});

describe.skipIf(!local)("server: malformed requests", () => {
  const pipeline = (requests: unknown) => ({ json: { baton: null, requests } });
  const cases: [string, Parameters<typeof raw>[2], number, RegExp][] = [
    ["invalid JSON", { text: "{not json" }, 400, /not valid JSON/],
    ["an empty body", { method: "POST", text: "" }, 400, /empty/],
    ["a body that is not an object", { json: [1, 2] }, 400, /request body must be an object/],
    ["missing requests", { json: { baton: null } }, 400, /requests must be an array/],
    [
      "a baton that is not a string",
      { json: { baton: 5, requests: [] } },
      400,
      /baton must be a string/,
    ],
    [
      "an unknown request type",
      pipeline([{ type: "explode" }]),
      400,
      /unknown request type "explode"/,
    ],
    ["a request without type", pipeline([{}]), 400, /unknown request type nothing/],
    [
      "execute without stmt",
      pipeline([{ type: "execute" }]),
      400,
      /requests\[0\]\.stmt must be an object/,
    ],
    [
      "both sql and sql_id",
      pipeline([{ type: "execute", stmt: { sql: "SELECT 1", sql_id: 1 } }]),
      400,
      /exactly one/,
    ],
    [
      "an integer sent as a JSON number",
      pipeline([
        { type: "execute", stmt: { sql: "SELECT ?", args: [{ type: "integer", value: 5 }] } },
      ]),
      400,
      /args\[0\]: an integer value must be a decimal string/,
    ],
    [
      "an integer outside 64 bits",
      pipeline([exec("SELECT ?", [{ type: "integer", value: "9223372036854775808" }])]),
      400,
      /does not fit in 64 bits/,
    ],
    [
      "an unknown value type",
      pipeline([exec("SELECT ?", [{ type: "date", value: "x" }])]),
      400,
      /unknown value type/,
    ],
    [
      "a bad base64 blob",
      pipeline([exec("SELECT ?", [{ type: "blob", base64: "***" }])]),
      400,
      /base64/,
    ],
    [
      "a named argument without name",
      pipeline([
        { type: "execute", stmt: { sql: "SELECT :a", named_args: [{ value: { type: "null" } }] } },
      ]),
      400,
      /name must be a non-empty string/,
    ],
    [
      "a condition on a later step",
      pipeline([
        {
          type: "batch",
          batch: { steps: [{ condition: { type: "ok", step: 0 }, stmt: { sql: "SELECT 1" } }] },
        },
      ]),
      400,
      /must refer to an earlier step/,
    ],
    ["GET on the pipeline", { method: "GET" }, 405, /only accepts POST/],
  ];

  it.each(cases)("answers %s with a clear 4xx", async (_name, init, status, message) => {
    const server = memoryServer as LibsqlServer;
    const res = await raw(server, "/v2/pipeline", init);
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.body.message).toMatch(message);
  });

  it("answers unknown paths with 404, and keeps serving afterwards", async () => {
    const server = memoryServer as LibsqlServer;
    expect((await raw(server, "/nope")).status).toBe(404);
    expect((await raw(server, "/v3-protobuf/pipeline", { text: "x" })).body.message).toMatch(
      /Protobuf/,
    );
    const c = client();
    expect((await c.execute("SELECT 42 AS x")).rows[0]?.x).toBe(42);
  });

  it("reports statement-level problems as error results inside a 200 answer", async () => {
    const s = new RawStream(memoryServer as LibsqlServer);
    const results = await s.send(
      exec("SELECT 1; SELECT 2"),
      exec("  -- nothing here"),
      exec("SELECT ?, ?", [int(1)]),
      exec("SELECT ?", [int(1), int(2)]),
      {
        type: "execute",
        stmt: { sql: "SELECT :a", named_args: [{ name: "b", value: { type: "null" } }] },
      },
      exec("SELECT 'still fine'"),
    );
    expect(results.map((r) => r.error?.code ?? r.type)).toEqual([
      "SQL_MANY_STATEMENTS",
      "SQL_NO_STATEMENT",
      "ARGS_INVALID",
      "ARGS_INVALID",
      "ARGS_INVALID",
      "ok",
    ]);
    expect(results[2].error.message).toMatch(/No value given for parameter \?2/);
  });
});

describe.skipIf(!local)("server: protocol details", () => {
  it("stores SQL texts per stream and runs them by sql_id", async () => {
    const s = new RawStream(memoryServer as LibsqlServer);
    const results = await s.send(
      { type: "store_sql", sql_id: 7, sql: "SELECT ? * 2" },
      { type: "execute", stmt: { sql_id: 7, args: [int(21)] } },
      { type: "store_sql", sql_id: 7, sql: "SELECT 1" },
      { type: "close_sql", sql_id: 7 },
      { type: "execute", stmt: { sql_id: 7 } },
      { type: "close_sql", sql_id: 99 },
    );
    expect(results[1].response.result.rows).toEqual([[int(42)]]);
    expect(results.map((r) => r.error?.code ?? r.type)).toEqual([
      "ok",
      "ok",
      "SQL_STORE_CONFLICT",
      "ok",
      "SQL_NOT_FOUND",
      "ok",
    ]);
    // Another stream does not see this stream's SQL texts.
    const other = new RawStream(memoryServer as LibsqlServer);
    const [foreign] = await other.send({ type: "execute", stmt: { sql_id: 7 } });
    expect(foreign.error.code).toBe("SQL_NOT_FOUND");
  });

  it("describes statements and reports the autocommit state", async () => {
    const s = new RawStream(memoryServer as LibsqlServer);
    await s.run("CREATE TABLE IF NOT EXISTS described (id INTEGER PRIMARY KEY, name TEXT)");
    const [select, insert, explain, autocommit1, , autocommit2] = await s.send(
      {
        type: "describe",
        sql: "SELECT id, name AS n, 1 + 1 AS two FROM described WHERE id = :id AND name = ?",
      },
      { type: "describe", sql: "INSERT INTO described (name) VALUES (?3)" },
      { type: "describe", sql: "EXPLAIN SELECT 1" },
      { type: "get_autocommit" },
      exec("BEGIN"),
      { type: "get_autocommit" },
      exec("ROLLBACK"),
    );
    expect(select.response.result).toEqual({
      params: [{ name: ":id" }, { name: null }],
      cols: [
        { name: "id", decltype: "INTEGER" },
        { name: "n", decltype: "TEXT" },
        { name: "two", decltype: null },
      ],
      is_explain: false,
      is_readonly: true,
    });
    expect(insert.response.result).toMatchObject({
      params: [{ name: null }, { name: null }, { name: "?3" }],
      is_readonly: false,
    });
    expect(explain.response.result).toMatchObject({ is_explain: true, is_readonly: true });
    expect(autocommit1.response.is_autocommit).toBe(true);
    expect(autocommit2.response.is_autocommit).toBe(false);
  });

  it("evaluates batch conditions ok, error, not, and, or, is_autocommit", async () => {
    const s = new RawStream(memoryServer as LibsqlServer);
    const step = (sql: string, condition?: unknown) => ({ condition, stmt: { sql } });
    const [batch] = await s.send({
      type: "batch",
      batch: {
        steps: [
          step("SELECT 1"), // 0 ok
          step("SELECT nope"), // 1 error
          step("SELECT 'ok(0)'", { type: "ok", step: 0 }), // 2 runs
          step("SELECT 'ok(1)'", { type: "ok", step: 1 }), // 3 skipped
          step("SELECT 'error(1)'", { type: "error", step: 1 }), // 4 runs
          step("SELECT 'and'", {
            type: "and",
            conds: [
              { type: "ok", step: 0 },
              { type: "ok", step: 1 },
            ],
          }), // 5 skipped
          step("SELECT 'or'", {
            type: "or",
            conds: [
              { type: "ok", step: 0 },
              { type: "ok", step: 1 },
            ],
          }), // 6 runs
          step("SELECT 'not'", { type: "not", cond: { type: "is_autocommit" } }), // 7 skipped
        ],
      },
    });
    const { step_results: results, step_errors: errors } = batch.response.result;
    expect(results.map((r: unknown) => r !== null)).toEqual([
      true,
      false,
      true,
      false,
      true,
      false,
      true,
      false,
    ]);
    expect(errors.map((e: unknown) => e !== null)).toEqual([
      false,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(errors[1].message).toMatch(/no such column: nope/);
  });

  it("runs sequences, honours want_rows and closes streams", async () => {
    const s = new RawStream(memoryServer as LibsqlServer);
    const results = await s.send(
      {
        type: "sequence",
        sql: "CREATE TABLE seq (v); INSERT INTO seq VALUES (1); INSERT INTO seq VALUES (2);",
      },
      { type: "execute", stmt: { sql: "SELECT v FROM seq", want_rows: false } },
      {
        type: "sequence",
        sql: "INSERT INTO seq VALUES (3); INSERT INTO nowhere VALUES (4); INSERT INTO seq VALUES (5)",
      },
      exec("SELECT count(*) FROM seq"),
      { type: "close" },
      exec("SELECT 1"),
    );
    expect(results[1].response.result).toMatchObject({ cols: [{ name: "v" }], rows: [] });
    expect(results[2].error.message).toMatch(/no such table: nowhere/);
    expect(results[3].response.result.rows).toEqual([[int(3)]]);
    expect(results[4].response).toEqual({ type: "close" });
    expect(results[5].error.code).toBe("STREAM_CLOSED");
    expect(s.baton).toBeNull();
  });

  it("answers the v2/v3 probes and serves /v3/pipeline and /v3/cursor", async () => {
    const server = memoryServer as LibsqlServer;
    expect((await raw(server, "/v2")).status).toBe(200);
    expect((await raw(server, "/v3")).status).toBe(200);
    expect((await raw(server, "/v3-protobuf")).status).toBe(404);
    const v3 = new RawStream(server, "/v3/pipeline");
    expect((await v3.run("SELECT 'v3' AS x")).rows).toEqual([[{ type: "text", value: "v3" }]]);

    const res = await fetch(`${server.url}/v3/cursor`, {
      method: "POST",
      body: JSON.stringify({
        baton: null,
        batch: {
          steps: [{ stmt: { sql: "SELECT 1 UNION ALL SELECT 2" } }, { stmt: { sql: "SELECT x" } }],
        },
      }),
    });
    const lines = (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines[0].baton).toEqual(expect.any(String));
    expect(lines.slice(1).map((e: { type: string }) => e.type)).toEqual([
      "step_begin",
      "row",
      "row",
      "step_end",
      "step_error",
    ]);
  });
});

describe.skipIf(!local)("server: stats", () => {
  it("counts one pipeline request per client round trip, and the statements run", async () => {
    const server = await started({});
    const c = createClient({ url: server.url });
    clients.push(c);
    await c.execute("CREATE TABLE s (v)");
    server.resetStats();
    await c.batch(
      ["INSERT INTO s VALUES (1)", "INSERT INTO s VALUES (2)", "SELECT * FROM s"],
      "write",
    );
    // BEGIN + 3 statements + COMMIT; the conditional ROLLBACK is skipped.
    expect(server.stats()).toEqual({ pipelineRequests: 1, statements: 5 });
    expect((await raw(server, "/_stats")).body).toEqual({ pipelineRequests: 1, statements: 5 });

    await c.execute("SELECT 1");
    const tx = await c.transaction("write");
    await tx.execute("INSERT INTO s VALUES (3)");
    await tx.execute("INSERT INTO s VALUES (4)");
    await tx.commit();
    expect(server.stats().pipelineRequests).toBe(1 + 1 + 3);
    expect((await raw(server, "/_stats/reset", { method: "POST" })).body).toEqual({
      pipelineRequests: 0,
      statements: 0,
    });
  });
});

describe.skipIf(!local)("server: busy timeout", () => {
  it("fails a writer clearly once the bound passes, then works again", async () => {
    const server = await started({ path: tempFile(), busyTimeoutMs: 300 });
    const holder = new RawStream(server);
    await holder.run("CREATE TABLE b (v TEXT)");
    await holder.send(exec("BEGIN IMMEDIATE"), exec("INSERT INTO b VALUES ('holder')"));

    const c = createClient({ url: server.url });
    clients.push(c);
    const started_ = Date.now();
    const err = await caught(c.execute("INSERT INTO b VALUES ('waiter')"));
    const waited = Date.now() - started_;
    expect(err.code).toBe("SQLITE_BUSY");
    expect(err.message).toMatch(/locked .*300 ms/);
    expect(waited).toBeGreaterThanOrEqual(250);
    expect(waited).toBeLessThan(3000);

    // The same stream that timed out must not be stuck on an old snapshot afterwards.
    const waiter = new RawStream(server);
    expect((await waiter.run("SELECT count(*) FROM b")).rows).toEqual([[int(0)]]);
    const [timedOut] = await waiter.send(exec("INSERT INTO b VALUES ('waiter')"));
    expect(timedOut.error.code).toBe("SQLITE_BUSY");
    await holder.send(exec("COMMIT"));
    expect((await waiter.run("SELECT count(*) FROM b")).rows).toEqual([[int(1)]]);
    await waiter.run("INSERT INTO b VALUES ('waiter')");

    // Inside a deferred transaction whose snapshot went stale, waiting cannot help: fail at once,
    // and after ROLLBACK the stream sees fresh data again.
    await waiter.send(exec("BEGIN"), exec("SELECT count(*) FROM b"));
    await holder.run("INSERT INTO b VALUES ('holder 2')");
    const t0 = Date.now();
    const [stale] = await waiter.send(exec("INSERT INTO b VALUES ('stale')"));
    expect(stale.error.code).toBe("SQLITE_BUSY");
    expect(Date.now() - t0).toBeLessThan(250);
    await waiter.send(exec("ROLLBACK"));
    expect((await waiter.run("SELECT count(*) FROM b")).rows).toEqual([[int(3)]]);
    await waiter.send(
      exec("BEGIN IMMEDIATE"),
      exec("INSERT INTO b VALUES ('fresh')"),
      exec("COMMIT"),
    );
    expect((await c.execute("SELECT count(*) AS n FROM b")).rows[0]?.n).toBe(4);
  });
});

describe.skipIf(!local)("server: waiting writers", () => {
  it("keeps a stream's own connection state when its statement had to wait for the lock", async () => {
    const server = await started({ path: tempFile(), busyTimeoutMs: 3000 });
    const holder = new RawStream(server);
    await holder.run("CREATE TABLE w (v)");
    const waiter = new RawStream(server);
    await waiter.run("CREATE TEMP TABLE mine (v)");
    await holder.send(exec("BEGIN IMMEDIATE"), exec("INSERT INTO w VALUES (1)"));
    const waiting = waiter.send(exec("INSERT INTO w VALUES (2)"));
    await sleep(100);
    await holder.send(exec("COMMIT"));
    const [inserted] = await waiting;
    expect(inserted.type).toBe("ok");
    expect((await waiter.run("SELECT count(*) FROM temp.mine")).rows).toEqual([[int(0)]]);
    expect((await waiter.run("SELECT count(*) FROM w")).rows).toEqual([[int(2)]]);
  });
});

describe.skipIf(!local)("server: command line", () => {
  it("prints its URL, serves, and stops cleanly on SIGTERM", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "tools/libsql-server/cli.ts", "--memory", "--port", "0"],
      {
        cwd: join(import.meta.dirname, "..", ".."),
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
    const deadline = Date.now() + 15_000;
    while (!/listening on (http:\S+)/.test(output) && Date.now() < deadline) await sleep(50);
    const url = /listening on (http:\S+)/.exec(output)?.[1];
    expect(url, output).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const c = createClient({ url: url as string });
    clients.push(c);
    expect((await c.execute("SELECT 'cli' AS x")).rows[0]?.x).toBe("cli");
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toMatch(/SIGTERM: stopping/);
  });
});

describe.skipIf(!local)("server: connection reuse", () => {
  it("never leaks a stream's transaction, temp tables or PRAGMAs into later streams", async () => {
    const server = await started({});
    const c = createClient({ url: server.url });
    clients.push(c);
    // The engine's default (libsql turns foreign keys on); the dirty stream flips it.
    const fkDefault = (await c.execute("PRAGMA foreign_keys")).rows[0]?.foreign_keys;
    // Three streams, each leaving a different kind of state on its connection when it closes.
    await new RawStream(server).send(exec("CREATE TABLE kept (v)"), { type: "close" });
    await new RawStream(server).send(exec(`PRAGMA foreign_keys = ${fkDefault ? "OFF" : "ON"}`), {
      type: "close",
    });
    await new RawStream(server).send(exec("CREATE TEMP TABLE scratch (v)"), { type: "close" });
    await new RawStream(server).send(exec("BEGIN"), exec("INSERT INTO kept VALUES (1)"), {
      type: "close",
    });
    for (let i = 0; i < 10; i++) {
      // Several rounds, so pooled connections are certainly handed out again.
      const [fk, temp, rows] = await c.batch(
        [
          "PRAGMA foreign_keys",
          "SELECT count(*) AS n FROM temp.sqlite_master",
          "SELECT count(*) AS n FROM kept",
        ],
        "deferred",
      );
      expect(fk?.rows[0]?.foreign_keys).toBe(fkDefault);
      expect(temp?.rows[0]?.n).toBe(0);
      expect(rows?.rows[0]?.n).toBe(0);
    }
    const s = new RawStream(server);
    const [autocommit] = await s.send({ type: "get_autocommit" }, exec("SELECT 1"));
    expect(autocommit.response.is_autocommit).toBe(true);
  });
});
