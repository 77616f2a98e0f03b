import type { InArgs, InStatement } from "@libsql/client";

/**
 * A drizzle query as a plain statement, for the raw client's batch: the one place that takes
 * a write batch in "write" mode (BEGIN IMMEDIATE), which drizzle's own `db.batch` does not.
 */
export function toStatement(query: { toSQL(): { sql: string; params: unknown[] } }): InStatement {
  const { sql, params } = query.toSQL();
  return { sql, args: params as InArgs };
}
