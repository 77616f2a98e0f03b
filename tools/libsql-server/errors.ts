// Error types of the server, split by who is at fault and how the client must hear about it:
// - ProtocolError: the HTTP request itself is malformed; answered with a 4xx status, nothing is executed.
// - StmtError: one statement (or one stream request) failed; answered inside a 200 response as a Hrana
//   `Error` ({message, code}), and the stream keeps working, exactly as sqld does.

/** A malformed or unacceptable HTTP request. `status` is the HTTP status to answer with. */
export class ProtocolError extends Error {
  constructor(
    message: string,
    readonly code = "HRANA_PROTO_ERROR",
    readonly status = 400,
  ) {
    super(message);
    this.name = "ProtocolError";
  }
}

/** A failure of a single stream request, reported to the client as a Hrana `Error`. */
export class StmtError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = "StmtError";
  }
}

export interface HranaError {
  message: string;
  code: string;
}

// Primary SQLite result codes. sqld (and therefore Turso) reports only the primary code name, e.g.
// "SQLITE_CONSTRAINT" for a UNIQUE violation, so application code that branches on `code` behaves the
// same locally and in production. The extended name stays visible in the message.
const PRIMARY_CODES: Record<number, string> = {
  1: "SQLITE_ERROR",
  2: "SQLITE_INTERNAL",
  3: "SQLITE_PERM",
  4: "SQLITE_ABORT",
  5: "SQLITE_BUSY",
  6: "SQLITE_LOCKED",
  7: "SQLITE_NOMEM",
  8: "SQLITE_READONLY",
  9: "SQLITE_INTERRUPT",
  10: "SQLITE_IOERR",
  11: "SQLITE_CORRUPT",
  12: "SQLITE_NOTFOUND",
  13: "SQLITE_FULL",
  14: "SQLITE_CANTOPEN",
  15: "SQLITE_PROTOCOL",
  16: "SQLITE_EMPTY",
  17: "SQLITE_SCHEMA",
  18: "SQLITE_TOOBIG",
  19: "SQLITE_CONSTRAINT",
  20: "SQLITE_MISMATCH",
  21: "SQLITE_MISUSE",
  22: "SQLITE_NOLFS",
  23: "SQLITE_AUTH",
  24: "SQLITE_FORMAT",
  25: "SQLITE_RANGE",
  26: "SQLITE_NOTADB",
};

/** The engine's error shape (libsql's SqliteError): `code` is the extended name, `rawCode` the number. */
export interface EngineError {
  message: string;
  code?: unknown;
  rawCode?: unknown;
}

export function isEngineError(e: unknown): e is EngineError & Error {
  return e instanceof Error && typeof (e as EngineError).code === "string";
}

/** Numeric SQLite result code of an engine error, or undefined for non-SQLite errors. */
export function rawCodeOf(e: unknown): number | undefined {
  if (!isEngineError(e)) return undefined;
  return typeof e.rawCode === "number" ? e.rawCode : undefined;
}

/** Convert anything thrown while running SQL into a StmtError with a Turso-compatible code. */
export function toStmtError(e: unknown): StmtError {
  if (e instanceof StmtError) return e;
  if (isEngineError(e)) {
    const raw = rawCodeOf(e);
    const primary = raw === undefined ? undefined : PRIMARY_CODES[raw & 0xff];
    const extended = String(e.code);
    const code = primary ?? (extended.startsWith("SQLITE_") ? extended : "SQLITE_ERROR");
    return new StmtError(`SQLite error: ${e.message}`, code);
  }
  // The engine throws plain Errors for some misuse (e.g. unsupported bind types); never leak a stack.
  const message = e instanceof Error ? e.message : String(e);
  return new StmtError(`SQL execution failed: ${message}`, "SQL_EXECUTION_ERROR");
}

export function toHranaError(e: StmtError): HranaError {
  return { message: e.message, code: e.code };
}
