// Executing the requests of one pipeline (or one cursor batch) on a stream. Every request runs, in
// order, even after earlier ones failed; each gets its own ok/error result, as the spec requires.

import { type BatchResultJson, executeBatch } from "./batch.ts";
import { type HranaError, StmtError, toHranaError, toStmtError } from "./errors.ts";
import { describeSql, executeSequence, executeStmt, resolveSql } from "./execute.ts";
import type { BatchStep, StreamRequest } from "./protocol.ts";
import type { Stream } from "./streams.ts";

export type StreamResult =
  | { type: "ok"; response: Record<string, unknown> }
  | { type: "error"; error: HranaError };

const MAX_STORED_SQL = 10_000; // per stream; stops a runaway client from growing memory forever

async function handle(stream: Stream, req: StreamRequest): Promise<Record<string, unknown>> {
  switch (req.type) {
    case "close":
      stream.close();
      return { type: "close" };
    case "execute":
      return { type: "execute", result: await executeStmt(stream, req.stmt) };
    case "batch":
      return { type: "batch", result: await executeBatch(stream, req.steps) };
    case "sequence":
      await executeSequence(stream, resolveSql(stream, req.sql, req.sqlId));
      return { type: "sequence" };
    case "describe":
      return {
        type: "describe",
        result: await describeSql(stream, resolveSql(stream, req.sql, req.sqlId)),
      };
    case "store_sql":
      if (stream.sqls.has(req.sqlId)) {
        throw new StmtError(
          `SQL text ${req.sqlId} is already stored on this stream`,
          "SQL_STORE_CONFLICT",
        );
      }
      if (stream.sqls.size >= MAX_STORED_SQL) {
        throw new StmtError(
          `A stream can store at most ${MAX_STORED_SQL} SQL texts`,
          "SQL_STORE_LIMIT",
        );
      }
      stream.sqls.set(req.sqlId, req.sql);
      return { type: "store_sql" };
    case "close_sql":
      stream.sqls.delete(req.sqlId); // closing an unknown id is not an error
      return { type: "close_sql" };
    case "get_autocommit":
      return { type: "get_autocommit", is_autocommit: stream.isAutocommit };
  }
}

export async function runPipeline(
  stream: Stream,
  requests: StreamRequest[],
): Promise<StreamResult[]> {
  const results: StreamResult[] = [];
  for (const req of requests) {
    if (stream.closed) {
      const error = new StmtError(
        "The stream was closed by an earlier request of this pipeline",
        "STREAM_CLOSED",
      );
      results.push({ type: "error", error: toHranaError(error) });
      continue;
    }
    try {
      results.push({ type: "ok", response: await handle(stream, req) });
    } catch (e) {
      results.push({ type: "error", error: toHranaError(toStmtError(e)) });
    }
  }
  return results;
}

/**
 * Cursor entries for a batch (POST /v3/cursor). The batch is executed completely first and the
 * entries are derived from its result: simple, and fine for a development server, though unlike
 * sqld the rows are not streamed while the statement runs.
 */
export async function runCursor(stream: Stream, steps: BatchStep[]): Promise<unknown[]> {
  let result: BatchResultJson;
  try {
    result = await executeBatch(stream, steps);
  } catch (e) {
    return [{ type: "error", error: toHranaError(toStmtError(e)) }];
  }
  const entries: unknown[] = [];
  result.step_results.forEach((r, step) => {
    const error = result.step_errors[step];
    if (error) entries.push({ type: "step_error", step, error });
    if (!r) return;
    entries.push({ type: "step_begin", step, cols: r.cols });
    for (const row of r.rows) entries.push({ type: "row", row });
    entries.push({
      type: "step_end",
      affected_row_count: r.affected_row_count,
      last_insert_rowid: r.last_insert_rowid,
    });
  });
  return entries;
}
