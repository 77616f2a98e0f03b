// One SQLite connection of the libsql engine, as owned by one stream.
//
// Engine quirks this wrapper exists for (all observed with libsql 0.5.x):
// - run() on a statement that returns rows steps only once and leaves it active, holding a read
//   snapshot; so statements with columns are always read to the end with all().
// - A statement that fails with SQLITE_BUSY is left active too (SQLite keeps it resumable), and the
//   binding offers no reset(). The connection then keeps an old read snapshot: later reads are stale
//   and later writes fail with SQLITE_BUSY_SNAPSHOT. Retrying the same statement object resets it;
//   when we give up instead, the connection is replaced once it is outside a transaction.
// - run() reports lastInsertRowid as a lossy double, so rowid/changes are read with safe integers.

import Database from "libsql";
import { type BusyGate, backoffMs } from "./busy.ts";
import { rawCodeOf, StmtError, toStmtError } from "./errors.ts";
import type { SqlValue } from "./values.ts";

export interface ConnectionOptions {
  file: string;
  /** PRAGMA synchronous value: NORMAL for real files, OFF for the throwaway memory database. */
  synchronous: "NORMAL" | "OFF";
  busyTimeoutMs: number;
  gate: BusyGate;
  /** Called once per statement attempt sequence, for the stats counter. */
  onStatement: () => void;
}

export interface Column {
  name: string | null;
  decltype: string | null;
}

export interface RunResult {
  cols: Column[];
  rows: unknown[][];
  affectedRowCount: number;
  lastInsertRowid: bigint;
  durationMs: number;
}

const SQLITE_BUSY = 5;
const SQLITE_BUSY_SNAPSHOT = 517; // waiting cannot help: the transaction's snapshot is stale

export class Connection {
  #db: Database.Database;
  #countersStmt: Database.Statement | undefined;
  #poisoned = false;
  #tainted = false;
  #closed = false;

  constructor(readonly options: ConnectionOptions) {
    this.#db = openDatabase(options);
  }

  get inTransaction(): boolean {
    return !this.#closed && this.#db.inTransaction;
  }

  /** Prepare and run one statement, waiting (asynchronously) for the write lock if needed. */
  async run(sql: string, args: SqlValue[], wantRows: boolean): Promise<RunResult> {
    this.#ensureOpen();
    this.options.onStatement();
    const deadline = Date.now() + this.options.busyTimeoutMs;
    const before = this.#counters();
    let stmt: Database.Statement | undefined;
    for (let attempt = 0; ; attempt++) {
      const started = performance.now();
      try {
        stmt ??= this.#db.prepare(sql);
        let rows: unknown[][] = [];
        if (stmt.reader) rows = stmt.raw(true).safeIntegers(true).all(args) as unknown[][];
        else stmt.run(args);
        const durationMs = performance.now() - started;
        const after = this.#counters();
        const cols = stmt.columns().map((c) => ({ name: c.name, decltype: c.type }));
        // changes() keeps the count of the last INSERT/UPDATE/DELETE even after other statements;
        // total_changes() moving tells whether this statement changed anything at all.
        const affected = after.total !== before.total ? Number(after.changes) : 0;
        this.#afterStatement();
        return {
          cols,
          rows: wantRows ? rows : [],
          affectedRowCount: affected,
          lastInsertRowid: after.rowid,
          durationMs,
        };
      } catch (e) {
        const code = rawCodeOf(e);
        const busy = code !== undefined && (code & 0xff) === SQLITE_BUSY;
        const remaining = deadline - Date.now();
        if (busy && code !== SQLITE_BUSY_SNAPSHOT && remaining > 0 && !this.#closed) {
          // The next attempt with the same statement object resets it, releasing its snapshot.
          await this.options.gate.wait(Math.min(backoffMs(attempt), remaining));
          this.#ensureOpen();
          continue;
        }
        // Giving up: a statement that failed with SQLITE_BUSY stays stuck in the engine.
        if (busy) this.#poisoned = true;
        this.#afterStatement();
        if (busy && code !== SQLITE_BUSY_SNAPSHOT) {
          throw new StmtError(
            `SQLite error: database is locked (still locked after waiting ${this.options.busyTimeoutMs} ms for another writer)`,
            "SQLITE_BUSY",
          );
        }
        throw e;
      }
    }
  }

  /**
   * Columns of a statement and whether it writes, without running it. Read-only means the compiled
   * program opens no write transaction (what sqlite3_stmt_readonly checks), seen through EXPLAIN.
   */
  inspect(sql: string, isExplain: boolean): { cols: Column[]; readonly: boolean } {
    this.#ensureOpen();
    try {
      const cols = this.#db
        .prepare(sql)
        .columns()
        .map((c) => ({ name: c.name, decltype: c.type }));
      if (isExplain) return { cols, readonly: true };
      const program = this.#db.prepare(`EXPLAIN ${sql}`).raw(true).all([]) as unknown[][];
      const writes = program.some((op) => op[1] === "Transaction" && op[3] !== 0 && op[3] !== 0n);
      return { cols, readonly: !writes };
    } catch (e) {
      throw toStmtError(e);
    }
  }

  /** The stream changed connection settings (PRAGMA, ATTACH...): do not hand it to another stream. */
  taint(): void {
    this.#tainted = true;
  }

  /**
   * Make the connection ready for another stream: roll back, and answer whether it is as good as
   * new. Opening a connection per stream is cheap, but the engine only frees a closed connection
   * once its statements are garbage collected, so churning through them piles up file handles.
   */
  resetForReuse(): boolean {
    if (this.#closed || this.#poisoned || this.#tainted) return false;
    try {
      if (this.#db.inTransaction) this.#db.exec("ROLLBACK");
      const [temp] = this.#db
        .prepare("SELECT count(*) FROM temp.sqlite_master")
        .raw(true)
        .all([]) as number[][];
      this.options.gate.notify();
      return temp?.[0] === 0 && !this.#db.inTransaction;
    } catch {
      return false;
    }
  }

  /** Roll back an open transaction (if any) and close; safe to call twice. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      if (this.#db.inTransaction) this.#db.exec("ROLLBACK");
    } catch {
      // Closing discards the transaction anyway.
    }
    this.#db.close();
    this.options.gate.notify();
  }

  #ensureOpen(): void {
    if (this.#closed)
      throw new StmtError("The stream was closed while the statement was waiting", "STREAM_CLOSED");
  }

  #counters(): { changes: bigint; total: bigint; rowid: bigint } {
    // No table access, so this never takes a lock; all() runs it to completion.
    this.#countersStmt ??= this.#db
      .prepare("SELECT changes(), total_changes(), last_insert_rowid()")
      .raw(true)
      .safeIntegers(true);
    const row = this.#countersStmt.all([])[0] as [bigint, bigint, bigint];
    return { changes: row[0], total: row[1], rowid: row[2] };
  }

  #afterStatement(): void {
    if (this.#closed) return;
    // A poisoned connection is swapped for a fresh one as soon as no transaction would be lost.
    if (this.#poisoned && !this.#db.inTransaction) {
      this.#db.close();
      this.#db = openDatabase(this.options);
      this.#countersStmt = undefined;
      this.#poisoned = false;
    }
    this.options.gate.notify();
  }
}

function openDatabase(options: ConnectionOptions): Database.Database {
  const db = new Database(options.file, { timeout: 0 });
  // WAL mode is set once on the file by the server; these settings are per connection.
  db.exec(`PRAGMA busy_timeout = 0; PRAGMA synchronous = ${options.synchronous};`);
  return db;
}
