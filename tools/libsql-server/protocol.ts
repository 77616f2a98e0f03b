// Parsing and validation of Hrana-over-HTTP request bodies (JSON encoding).
//
// The whole body is validated before anything runs, so a malformed request is answered with a 400
// and a message naming the offending field, and never half-executed. Unknown fields are ignored, as
// the spec requires for forward compatibility.

import { ProtocolError } from "./errors.ts";
import { decodeValue, describe, type SqlValue } from "./values.ts";

export interface Stmt {
  sql: string | null;
  sqlId: number | null;
  args: SqlValue[];
  namedArgs: { name: string; value: SqlValue }[];
  wantRows: boolean;
}

export type BatchCond =
  | { type: "ok" | "error"; step: number }
  | { type: "not"; cond: BatchCond }
  | { type: "and" | "or"; conds: BatchCond[] }
  | { type: "is_autocommit" };

export interface BatchStep {
  condition: BatchCond | null;
  stmt: Stmt;
}

export type StreamRequest =
  | { type: "close" | "get_autocommit" }
  | { type: "execute"; stmt: Stmt }
  | { type: "batch"; steps: BatchStep[] }
  | { type: "sequence" | "describe"; sql: string | null; sqlId: number | null }
  | { type: "store_sql"; sqlId: number; sql: string }
  | { type: "close_sql"; sqlId: number };

export interface PipelineBody {
  baton: string | null;
  requests: StreamRequest[];
}

export interface CursorBody {
  baton: string | null;
  steps: BatchStep[];
}

type Obj = Record<string, unknown>;

function object(v: unknown, where: string): Obj {
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    throw new ProtocolError(`${where} must be an object, got ${describe(v)}`);
  }
  return v as Obj;
}

function array(v: unknown, where: string): unknown[] {
  if (!Array.isArray(v)) throw new ProtocolError(`${where} must be an array, got ${describe(v)}`);
  return v;
}

function optString(v: unknown, where: string): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== "string")
    throw new ProtocolError(`${where} must be a string, got ${describe(v)}`);
  return v;
}

function int32(v: unknown, where: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < -(2 ** 31) || v >= 2 ** 31) {
    throw new ProtocolError(`${where} must be a 32-bit integer, got ${describe(v)}`);
  }
  return v;
}

function optInt32(v: unknown, where: string): number | null {
  return v === undefined || v === null ? null : int32(v, where);
}

/** `sql` or `sql_id`: exactly one must be given. */
function sqlSource(o: Obj, where: string): { sql: string | null; sqlId: number | null } {
  const sql = optString(o.sql, `${where}.sql`);
  const sqlId = optInt32(o.sql_id, `${where}.sql_id`);
  if ((sql === null) === (sqlId === null)) {
    throw new ProtocolError(`${where} needs exactly one of "sql" and "sql_id"`);
  }
  return { sql, sqlId };
}

export function parseStmt(raw: unknown, where: string): Stmt {
  const o = object(raw, where);
  const args = o.args === undefined ? [] : array(o.args, `${where}.args`);
  const named = o.named_args === undefined ? [] : array(o.named_args, `${where}.named_args`);
  if (o.want_rows !== undefined && o.want_rows !== null && typeof o.want_rows !== "boolean") {
    throw new ProtocolError(`${where}.want_rows must be a boolean, got ${describe(o.want_rows)}`);
  }
  return {
    ...sqlSource(o, where),
    args: args.map((v, i) => decodeValue(v, `${where}.args[${i}]`)),
    namedArgs: named.map((n, i) => {
      const arg = object(n, `${where}.named_args[${i}]`);
      if (typeof arg.name !== "string" || arg.name === "") {
        throw new ProtocolError(`${where}.named_args[${i}].name must be a non-empty string`);
      }
      return { name: arg.name, value: decodeValue(arg.value, `${where}.named_args[${i}].value`) };
    }),
    wantRows: o.want_rows !== false,
  };
}

/** Conditions may only refer to earlier steps (sqld answers BATCH_COND_BAD_STEP otherwise). */
function parseCond(raw: unknown, where: string, stepIndex: number, depth = 0): BatchCond {
  if (depth > 100) throw new ProtocolError(`${where} is nested too deeply`);
  const o = object(raw, where);
  switch (o.type) {
    case "ok":
    case "error": {
      const step = o.step;
      if (typeof step !== "number" || !Number.isInteger(step) || step < 0 || step >= stepIndex) {
        throw new ProtocolError(
          `${where}.step must refer to an earlier step (0..${stepIndex - 1}), got ${describe(step)}`,
          "BATCH_COND_BAD_STEP",
        );
      }
      return { type: o.type, step };
    }
    case "not":
      return { type: "not", cond: parseCond(o.cond, `${where}.cond`, stepIndex, depth + 1) };
    case "and":
    case "or":
      return {
        type: o.type,
        conds: array(o.conds, `${where}.conds`).map((c, i) =>
          parseCond(c, `${where}.conds[${i}]`, stepIndex, depth + 1),
        ),
      };
    case "is_autocommit":
      return { type: "is_autocommit" };
    default:
      throw new ProtocolError(`${where}.type: unknown batch condition ${describe(o.type)}`);
  }
}

export function parseBatch(raw: unknown, where: string): BatchStep[] {
  const steps = array(object(raw, where).steps, `${where}.steps`);
  return steps.map((s, i) => {
    const step = object(s, `${where}.steps[${i}]`);
    const condition =
      step.condition === undefined || step.condition === null
        ? null
        : parseCond(step.condition, `${where}.steps[${i}].condition`, i);
    return { condition, stmt: parseStmt(step.stmt, `${where}.steps[${i}].stmt`) };
  });
}

function parseRequest(raw: unknown, where: string): StreamRequest {
  const o = object(raw, where);
  switch (o.type) {
    case "close":
    case "get_autocommit":
      return { type: o.type };
    case "execute":
      return { type: "execute", stmt: parseStmt(o.stmt, `${where}.stmt`) };
    case "batch":
      return { type: "batch", steps: parseBatch(o.batch, `${where}.batch`) };
    case "sequence":
    case "describe":
      return { type: o.type, ...sqlSource(o, where) };
    case "store_sql": {
      const sql = optString(o.sql, `${where}.sql`);
      if (sql === null) throw new ProtocolError(`${where}.sql is required for store_sql`);
      return { type: "store_sql", sqlId: int32(o.sql_id, `${where}.sql_id`), sql };
    }
    case "close_sql":
      return { type: "close_sql", sqlId: int32(o.sql_id, `${where}.sql_id`) };
    default:
      throw new ProtocolError(
        `${where}.type: unknown request type ${describe(o.type)} (this server supports execute, batch, ` +
          "sequence, describe, store_sql, close_sql, get_autocommit and close)",
      );
  }
}

function baton(o: Obj): string | null {
  return optString(o.baton, "baton");
}

export function parsePipelineBody(json: unknown): PipelineBody {
  const o = object(json, "request body");
  const requests = array(o.requests, "requests").map((r, i) => parseRequest(r, `requests[${i}]`));
  return { baton: baton(o), requests };
}

export function parseCursorBody(json: unknown): CursorBody {
  const o = object(json, "request body");
  return { baton: baton(o), steps: parseBatch(o.batch, "batch") };
}
