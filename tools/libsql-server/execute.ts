// Running statements of a stream: resolving stored SQL, binding arguments, and shaping results the
// way Hrana expects them (execute, sequence and describe requests; batches build on executeStmt).

import { StmtError } from "./errors.ts";
import type { Stmt } from "./protocol.ts";
import { type ScannedStatement, scanSql } from "./sql.ts";
import type { Stream } from "./streams.ts";
import { encodeValue, type SqlValue } from "./values.ts";

export interface StmtResultJson {
  cols: { name: string | null; decltype: string | null }[];
  rows: unknown[][];
  affected_row_count: number;
  last_insert_rowid: string | null;
  query_duration_ms: number;
}

// Scanning is a pure function of the text, and apps repeat the same SQL all the time.
const scanCache = new Map<string, ScannedStatement[]>();
const SCAN_CACHE_SIZE = 500;

function scan(sql: string): ScannedStatement[] {
  let result = scanCache.get(sql);
  if (!result) {
    result = scanSql(sql);
    if (scanCache.size >= SCAN_CACHE_SIZE) scanCache.clear();
    scanCache.set(sql, result);
  }
  return result;
}

export function resolveSql(stream: Stream, sql: string | null, sqlId: number | null): string {
  if (sql !== null) return sql;
  const stored = stream.sqls.get(sqlId as number);
  if (stored === undefined)
    throw new StmtError(`SQL text ${sqlId} was not stored on this stream`, "SQL_NOT_FOUND");
  return stored;
}

/** Exactly one statement, as the spec requires of execute and describe. */
function singleStatement(sql: string): ScannedStatement {
  const statements = scan(sql);
  if (statements.length === 0)
    throw new StmtError("SQL string does not contain any statement", "SQL_NO_STATEMENT");
  if (statements.length > 1) {
    throw new StmtError(
      "SQL string contains more than one statement (use a batch, or executeMultiple for scripts)",
      "SQL_MANY_STATEMENTS",
    );
  }
  return statements[0] as ScannedStatement;
}

/** Statements that can leave per-connection state behind, which must not leak to other streams. */
function changesSession(st: ScannedStatement): boolean {
  return (
    st.firstKeyword === "PRAGMA" || st.firstKeyword === "ATTACH" || st.firstKeyword === "DETACH"
  );
}

/** Argument list in parameter order; named arguments may omit the prefix (":", "@", "$"). */
export function bindArgs(
  st: ScannedStatement,
  args: SqlValue[],
  named: Stmt["namedArgs"],
): SqlValue[] {
  const count = st.names.length;
  if (args.length > count) {
    throw new StmtError(
      `The statement has ${count} parameter${count === 1 ? "" : "s"}, but ${args.length} positional arguments were given`,
      "ARGS_INVALID",
    );
  }
  const bound = Array.from({ length: count }, (_, i): SqlValue | undefined => args[i]);
  for (const { name, value } of named) {
    const candidates = /^[:@$?]/.test(name) ? [name] : [`:${name}`, `@${name}`, `$${name}`];
    let found = false;
    st.names.forEach((paramName, i) => {
      if (paramName !== null && candidates.includes(paramName)) {
        bound[i] = value;
        found = true;
      }
    });
    if (!found)
      throw new StmtError(
        `The statement has no parameter named ${JSON.stringify(name)}`,
        "ARGS_INVALID",
      );
  }
  return bound.map((v, i) => {
    if (v !== undefined) return v;
    if (st.used[i]) {
      throw new StmtError(
        `No value given for parameter ${st.names[i] ?? `?${i + 1}`}`,
        "ARGS_INVALID",
      );
    }
    return null; // a gap such as ?1 when only ?2 appears: SQLite binds NULL there too
  });
}

export async function executeStmt(stream: Stream, stmt: Stmt): Promise<StmtResultJson> {
  const sql = resolveSql(stream, stmt.sql, stmt.sqlId);
  const st = singleStatement(sql);
  const args = bindArgs(st, stmt.args, stmt.namedArgs);
  if (changesSession(st)) stream.connection.taint();
  const r = await stream.connection.run(sql, args, stmt.wantRows);
  return {
    cols: r.cols,
    rows: r.rows.map((row) => row.map(encodeValue)),
    affected_row_count: r.affectedRowCount,
    last_insert_rowid: r.lastInsertRowid.toString(),
    query_duration_ms: r.durationMs,
  };
}

/** Run a script statement by statement; the first failure stops it, as the spec says. */
export async function executeSequence(stream: Stream, sql: string): Promise<void> {
  for (const st of scan(sql)) {
    if (st.used.some(Boolean)) {
      throw new StmtError("Statements run by a sequence cannot have parameters", "ARGS_INVALID");
    }
    if (changesSession(st)) stream.connection.taint();
    await stream.connection.run(st.sql, [], false);
  }
}

export interface DescribeResultJson {
  params: { name: string | null }[];
  cols: { name: string; decltype: string | null }[];
  is_explain: boolean;
  is_readonly: boolean;
}

export async function describeSql(stream: Stream, sql: string): Promise<DescribeResultJson> {
  const st = singleStatement(sql);
  const info = stream.connection.inspect(sql, st.firstKeyword === "EXPLAIN");
  return {
    params: st.names.map((name) => ({ name })),
    cols: info.cols.map((c) => ({ name: c.name ?? "", decltype: c.decltype })),
    is_explain: st.firstKeyword === "EXPLAIN",
    is_readonly: info.readonly,
  };
}
